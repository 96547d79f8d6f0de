import "server-only";
import { createHash } from "node:crypto";
import type { ParsedNote } from "@/lib/content/types";
import { ANKI_HTML_FORMAT, markdownToAnkiHtml } from "@/lib/export/anki";
import { newCardState, type CardState } from "@/lib/srs/schedule";
import { seedStateFromHistory } from "@/lib/srs/seed";
import type { Db } from "./client";
import { cardExercise, noteRelatedOutlines, noteTags } from "./columns";

export interface SyncReport {
  notes: number;
  cardsCreated: number;
  /** Cards of the content that were already in the database (kept; rewritten only where they changed). */
  cardsUpdated: number;
  cardsRetired: number;
  notesRetired: number;
  /** Notes skipped because what sync would write equals what it wrote last time. */
  notesUnchanged: number;
  /** Existing cards whose content actually changed and was written. */
  cardsRewritten: number;
}

/**
 * SQLite through Prisma takes at most 999 bound parameters per statement
 * (P2029 beyond); a `notIn` with one id per note failed at 997 notes. Id lists
 * are compared in memory, and those sent to the database go in bounded chunks.
 */
const ID_CHUNK = 500;
/** New cards per INSERT: one JSON parameter whatever the count; this only bounds its size. */
const INSERT_CHUNK = 5_000;
/** Bump when the fields sync writes change shape, so every note is written once more. */
const SYNC_FORMAT = "sync-v1";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function noteData(note: ParsedNote) {
  return {
    path: note.path,
    title: note.title,
    lang: note.lang,
    tags: noteTags.encode(note.meta.tags),
    relatedOutlines: noteRelatedOutlines.encode(note.meta.relatedOutlines),
    difficulty: note.meta.difficulty,
    prose: note.prose,
    contentHash: note.contentHash,
  };
}

/** The card columns that come from the Markdown (the rest is schedule). */
interface CardContent {
  noteId: string;
  kind: string;
  front: string;
  back: string;
  line: number;
  ord: number;
  exercise: string | null;
  retired: boolean;
}

function cardContent(note: ParsedNote, card: ParsedNote["cards"][number]): CardContent {
  return {
    noteId: note.id,
    kind: card.kind,
    front: card.front,
    back: card.back,
    line: card.line,
    ord: card.ord,
    exercise: card.exercise ? cardExercise.encode(card.exercise) : null,
    retired: false,
  };
}

/**
 * Hash of everything sync writes for a note and its cards. Not the file's
 * contentHash: the same file can parse to different cards under another
 * version of the parser or generator registry, and a moved file keeps its
 * text but not its path.
 */
export function noteSyncHash(note: ParsedNote): string {
  const h = createHash("sha256").update(SYNC_FORMAT).update("\0").update(ANKI_HTML_FORMAT).update("\0").update(note.id).update("\0").update(JSON.stringify(noteData(note)));
  for (const card of note.cards) h.update("\0").update(card.id).update("\0").update(JSON.stringify(cardContent(note, card)));
  return h.digest("base64url");
}

const sameContent = (row: CardContent, c: CardContent) =>
  row.noteId === c.noteId && row.kind === c.kind && row.front === c.front && row.back === c.back && row.line === c.line && row.ord === c.ord && row.exercise === c.exercise && row.retired === c.retired;

/**
 * Upserts notes and cards from parsed content in one transaction.
 * - Only what changed is written: a note whose sync hash is the one stored is
 *   skipped, so a start with unchanged content is one query over the notes.
 * - A card keeps its schedule across edits (its id is stable).
 * - A card no longer in the Markdown is retired, never deleted: its history stays.
 * - A note that failed to parse (its path in `unreadablePaths`) is left alone,
 *   so a typo in one file does not retire that note's cards.
 * - New cards of a note with review history in its frontmatter start from that
 *   history; once the database has a state, the database wins.
 * Works for any number of notes: id lists are compared in memory or sent in chunks.
 */
export async function syncNotes(
  db: Db,
  notes: ParsedNote[],
  options: { now: Date; unreadablePaths?: string[] },
): Promise<SyncReport> {
  const { now } = options;
  const report: SyncReport = { notes: notes.length, cardsCreated: 0, cardsUpdated: 0, cardsRetired: 0, notesRetired: 0, notesUnchanged: 0, cardsRewritten: 0 };
  const keepPaths = new Set(options.unreadablePaths ?? []);
  const hashes = notes.map(noteSyncHash);

  // A first sync of 100k cards takes seconds; Prisma's default 5 s would cut it off.
  await db.$transaction(
    async (tx) => {
      const stored = await tx.note.findMany({ select: { id: true, path: true, retired: true, syncHash: true } });
      const storedById = new Map(stored.map((n) => [n.id, n]));

      const changed: { note: ParsedNote; hash: string }[] = [];
      notes.forEach((note, i) => {
        const s = storedById.get(note.id);
        if (s && !s.retired && s.syncHash === hashes[i]) {
          report.notesUnchanged++;
          report.cardsUpdated += note.cards.length;
        } else changed.push({ note, hash: hashes[i]! });
      });
      if (changed.length) await writeChanged(tx, changed, now, report);

      const live = new Set(notes.map((n) => n.id));
      const gone = stored.filter((n) => !n.retired && !live.has(n.id) && !keepPaths.has(n.path)).map((n) => n.id);
      for (const ids of chunks(gone, ID_CHUNK)) {
        await tx.note.updateMany({ where: { id: { in: ids } }, data: { retired: true } });
        const r = await tx.card.updateMany({ where: { noteId: { in: ids }, retired: false }, data: { retired: true } });
        report.cardsRetired += r.count;
        report.notesRetired += ids.length;
      }
    },
    { maxWait: 60_000, timeout: 3_600_000 },
  );
  return report;
}

async function writeChanged(tx: Tx, changed: { note: ParsedNote; hash: string }[], now: Date, report: SyncReport): Promise<void> {
  // Existing cards of the changed notes, and any card of theirs stored under another note.
  const existing = new Map<string, CardContent & { id: string }>();
  const select = { id: true, noteId: true, kind: true, front: true, back: true, line: true, ord: true, exercise: true, retired: true } as const;
  for (const ids of chunks(changed.map((c) => c.note.id), ID_CHUNK)) {
    for (const row of await tx.card.findMany({ where: { noteId: { in: ids } }, select })) existing.set(row.id, row);
  }
  const elsewhere = changed.flatMap((c) => c.note.cards.map((card) => card.id)).filter((id) => !existing.has(id));
  for (const ids of chunks(elsewhere, ID_CHUNK)) {
    for (const row of await tx.card.findMany({ where: { id: { in: ids } }, select })) existing.set(row.id, row);
  }

  const creates: NewCard[] = [];
  const rewritten: string[] = [];
  const toRetire: string[] = [];
  const seen = new Set<string>();
  for (const { note, hash } of changed) {
    const data = { ...noteData(note), syncHash: hash, retired: false, syncedAt: now };
    await tx.note.upsert({ where: { id: note.id }, create: { id: note.id, ...data }, update: data });

    const seeded = seedStateFromHistory(note.meta);
    for (const card of note.cards) {
      seen.add(card.id);
      const content = cardContent(note, card);
      const row = existing.get(card.id);
      if (row) {
        report.cardsUpdated++;
        if (!sameContent(row, content)) {
          await tx.card.update({ where: { id: card.id }, data: content });
          report.cardsRewritten++;
          rewritten.push(card.id);
        }
      } else {
        creates.push({ id: card.id, ...content, ...(seeded ?? newCardState(now)), createdAt: now, updatedAt: now });
        report.cardsCreated++;
      }
    }
  }
  const changedIds = new Set(changed.map((c) => c.note.id));
  for (const row of existing.values()) {
    if (changedIds.has(row.noteId) && !seen.has(row.id) && !row.retired) toRetire.push(row.id);
  }
  for (const ids of chunks(toRetire, ID_CHUNK)) {
    const r = await tx.card.updateMany({ where: { id: { in: ids } }, data: { retired: true } });
    report.cardsRetired += r.count;
  }
  for (const rows of chunks(creates, INSERT_CHUNK)) await insertCards(tx, rows);
  await writeAnkiHtml(
    tx,
    changed.flatMap(({ note }) => note.cards),
    new Set([...creates.map((c) => c.id), ...rewritten]),
  );
}

/**
 * The Anki export's HTML of the changed notes' cards, rendered here once per
 * card where the card is new or rewritten (`fresh`) or its HTML is missing or
 * of another format; the export then renders nothing.
 */
async function writeAnkiHtml(tx: Tx, cards: readonly { id: string; front: string; back: string }[], fresh: ReadonlySet<string>): Promise<void> {
  const current = new Set<string>();
  const others = cards.filter((c) => !fresh.has(c.id)).map((c) => c.id);
  for (const ids of chunks(others, INSERT_CHUNK)) {
    const rows = await tx.$queryRawUnsafe<{ cardId: string }[]>(
      `SELECT "cardId" FROM "CardAnkiHtml" WHERE "format" = ? AND "cardId" IN (SELECT value FROM json_each(?))`,
      ANKI_HTML_FORMAT,
      JSON.stringify(ids),
    );
    for (const r of rows) current.add(r.cardId);
  }
  const render = cards.filter((c) => !current.has(c.id));
  for (const part of chunks(render, INSERT_CHUNK)) {
    await tx.$executeRawUnsafe(
      `INSERT INTO "CardAnkiHtml" ("cardId", "format", "front", "back") SELECT value ->> 0, ?, value ->> 1, value ->> 2 FROM json_each(?) WHERE true
       ON CONFLICT ("cardId") DO UPDATE SET "format" = excluded."format", "front" = excluded."front", "back" = excluded."back"`,
      ANKI_HTML_FORMAT,
      JSON.stringify(part.map((c) => [c.id, markdownToAnkiHtml(c.front), markdownToAnkiHtml(c.back)])),
    );
  }
}

type NewCard = CardContent & CardState & { id: string; createdAt: Date; updatedAt: Date };

/**
 * A DateTime as @prisma/adapter-better-sqlite3 binds it with its default
 * `timestampFormat: "iso8601"` (`toISOString()` with `+00:00`), so that rows
 * inserted here compare and read back exactly like rows Prisma wrote. A test
 * compares the stored text of both.
 */
export function sqliteDateText(d: Date): string {
  return d.toISOString().replace("Z", "+00:00");
}

// Every column of NewCard, checked by the compiler: a field added to CardState must be listed here.
const CARD_COLUMN_SET = { id: 0, noteId: 0, kind: 0, front: 0, back: 0, line: 0, ord: 0, exercise: 0, retired: 0, due: 0, stability: 0, difficulty: 0, elapsedDays: 0, scheduledDays: 0, learningSteps: 0, reps: 0, lapses: 0, state: 0, lastReview: 0, createdAt: 0, updatedAt: 0 } satisfies Record<keyof NewCard, 0>;
const CARD_COLUMNS = Object.keys(CARD_COLUMN_SET) as (keyof NewCard)[];
const INSERT_CARDS = `INSERT INTO "Card" (${CARD_COLUMNS.map((c) => `"${c}"`).join(", ")}) SELECT ${CARD_COLUMNS.map((c) => `value ->> '$.${c}'`).join(", ")} FROM json_each(?)`;

/**
 * Inserts new cards with one statement per chunk: the rows travel as one JSON
 * array that SQLite unpacks itself. Prisma's createMany costs about ten times
 * as much per row here (0.5 ms), which made a first sync of 100k cards take minutes.
 */
async function insertCards(tx: Tx, rows: NewCard[]): Promise<void> {
  const json = JSON.stringify(
    rows.map((r) => Object.fromEntries(CARD_COLUMNS.map((c) => {
      const v = r[c];
      return [c, v instanceof Date ? sqliteDateText(v) : typeof v === "boolean" ? Number(v) : v];
    }))),
  );
  const inserted = await tx.$executeRawUnsafe(INSERT_CARDS, json);
  if (inserted !== rows.length) throw new Error(`sync: inserted ${inserted} of ${rows.length} new cards`);
}
