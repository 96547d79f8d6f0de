import "server-only";
import Database from "better-sqlite3";
import { ankiHeader, ankiRowFromHtml, ANKI_HTML_FORMAT, markdownToAnkiHtml, type AnkiCardInput } from "@/lib/export/anki";
import { cardsInCsvOrder, REVLOG_CSV_HEADER, revlogLine, revlogRow, type RevlogEntry } from "@/lib/export/revlog-csv";
import { databaseUrl, type Db } from "./client";
import { cardExercise, noteTags } from "./columns";
import { currentCards } from "./filters";
import { num } from "./sql";
import { sqliteFile } from "./sqlite-file";

/**
 * The exports, read a batch at a time: a download of 100,000 cards or a
 * million reviews never holds more than one batch (plus one id per card), and
 * its first bytes leave before the last rows are read.
 */

/** Notes per batch of the Anki export (about 125 cards each at 100k cards). */
const NOTE_BATCH = 40;
/** Characters per piece of the review-log CSV (the last one may be shorter). */
const PIECE_CHARS = 256 * 1024;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Every live card (not retired, in a live note), note by note in card order. */
export async function cardsForAnki(db: Db): Promise<AnkiCardInput[]> {
  const rows = await db.card.findMany({
    where: currentCards(),
    orderBy: [{ noteId: "asc" }, { ord: "asc" }],
    include: { note: { select: { id: true, tags: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    noteId: r.noteId,
    noteTags: noteTags.decode(r.note.tags, r.note.id),
    kind: r.kind,
    front: r.front,
    back: r.back,
    leech: r.leech,
    exerciseGenerator: r.exercise ? cardExercise.decode(r.exercise, r.id).generator : null,
  }));
}

/**
 * The Anki import file (lib/export/anki) in pieces: the header, then the
 * rows of a batch of notes at a time, in the order cardsForAnki gives. Each
 * card's HTML is the one content sync rendered (CardAnkiHtml); a card without
 * it (not synced since the format changed) is rendered here.
 */
export async function* ankiExportChunks(db: Db, notesPerBatch = NOTE_BATCH): AsyncGenerator<string> {
  yield ankiHeader();
  const notes = await db.note.findMany({ where: { retired: false }, select: { id: true, tags: true }, orderBy: { id: "asc" } });
  for (const batch of chunks(notes, notesPerBatch)) {
    const tags = new Map(batch.map((n) => [n.id, noteTags.decode(n.tags, n.id)]));
    const rows = await db.$queryRaw<
      { id: string; noteId: string; kind: string; front: string; back: string; leech: unknown; exercise: string | null; frontHtml: string | null; backHtml: string | null }[]
    >`
      SELECT c."id", c."noteId" AS "noteId", c."kind", c."front", c."back", c."leech", c."exercise", a."front" AS "frontHtml", a."back" AS "backHtml"
      FROM "Card" c LEFT JOIN "CardAnkiHtml" a ON a."cardId" = c."id" AND a."format" = ${ANKI_HTML_FORMAT}
      WHERE c."retired" = 0 AND c."noteId" IN (SELECT value FROM json_each(${JSON.stringify(batch.map((n) => n.id))}))
      ORDER BY c."noteId", c."ord"`;
    let out = "";
    for (const r of rows) {
      const card = {
        id: r.id,
        noteId: r.noteId,
        noteTags: tags.get(r.noteId) ?? [],
        kind: r.kind,
        leech: num(r.leech) === 1,
        exerciseGenerator: r.exercise ? cardExercise.decode(r.exercise, r.id).generator : null,
      };
      out += `${ankiRowFromHtml(card, r.frontHtml ?? markdownToAnkiHtml(r.front), r.backHtml ?? markdownToAnkiHtml(r.back))}\n`;
    }
    if (out) yield out;
  }
}

/**
 * Every grade ever given, retired cards included: their history is still
 * real memory data for an optimiser.
 */
export async function reviewLogForExport(db: Db): Promise<RevlogEntry[]> {
  const rows = await db.reviewLog.findMany({
    orderBy: [{ cardId: "asc" }, { reviewedAt: "asc" }, { id: "asc" }],
    select: { cardId: true, reviewedAt: true, rating: true, state: true, durationMs: true },
  });
  return rows.map((r) => ({ cardId: r.cardId, reviewedAt: r.reviewedAt, rating: r.rating, state: r.state, durationMs: r.durationMs }));
}

/** A review as the CSV reads it: card, time (ms), rating, state, duration. */
type RawReview = [cardId: string, at: number | null, rating: number, state: number, durationMs: number];
const REVIEW_COLUMNS = `"cardId", CAST(round(unixepoch("reviewedAt", 'subsec') * 1000) AS INTEGER), "rating", "state", "durationMs"`;
const entry = ([cardId, at, rating, state, durationMs]: RawReview): RevlogEntry => ({ cardId, reviewedAt: new Date(at ?? Number.NaN), rating, state, durationMs });

/**
 * The review-log CSV (lib/export/revlog-csv) in pieces: the header, then the
 * reviews card after card in card_id order, about `piece` characters at a time. Everything
 * that makes the export fail (a value out of range, two cards with one
 * card_id) is found before the header, so a download either fails at once
 * or completes. Read on a connection of its own, in one read transaction: the
 * file is one consistent state of the log however long the download takes,
 * and a million rows come without going through Prisma's row objects.
 */
export async function* revlogCsvChunks(url: string = databaseUrl(), piece = PIECE_CHARS): AsyncGenerator<string> {
  const sql = new Database(sqliteFile(url), { readonly: true, fileMustExist: true });
  try {
    sql.exec("BEGIN");
    const bad = sql
      .prepare(`SELECT ${REVIEW_COLUMNS} FROM "ReviewLog" WHERE NOT ("rating" BETWEEN 1 AND 4 AND "state" BETWEEN 0 AND 3 AND "durationMs" >= 0 AND unixepoch("reviewedAt") IS NOT NULL) LIMIT 1`)
      .raw()
      .get() as RawReview | undefined;
    // Throws the RevlogExportError that names the row.
    if (bad) revlogLine(entry(bad), 0);
    const cards = cardsInCsvOrder(sql.prepare(`SELECT DISTINCT "cardId" FROM "ReviewLog"`).pluck().all() as string[]);
    yield `${REVLOG_CSV_HEADER}\n`;
    // In the order of the covering index (cardId, reviewedAt, rating, state, durationMs): no row is read
    // from the table. Two grades of one card at the same millisecond (which the app cannot give) come in
    // index order, where the whole-log formatter keeps the order of the rows it was given.
    const reviews = sql.prepare(`SELECT CAST(round(unixepoch("reviewedAt", 'subsec') * 1000) AS INTEGER), "rating", "state", "durationMs" FROM "ReviewLog" WHERE "cardId" = ? ORDER BY "reviewedAt"`).raw();
    let out = "";
    for (const { cardId, id } of cards) {
      // Every row passed the check above.
      for (const [at, rating, state, durationMs] of reviews.all(cardId) as [number, number, number, number][]) out += `${revlogRow(id, at, rating, state, durationMs)}\n`;
      if (out.length >= piece) {
        yield out;
        out = "";
      }
    }
    if (out) yield out;
  } finally {
    sql.close();
  }
}

export interface ExportCounts {
  cards: number;
  reviews: number;
}

export async function exportCounts(db: Db): Promise<ExportCounts> {
  const [cards, reviews] = await Promise.all([
    db.card.count({ where: currentCards() }),
    db.reviewLog.count(),
  ]);
  return { cards, reviews };
}
