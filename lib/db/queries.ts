import "server-only";
import { type Locale, noteLocale } from "@/lib/i18n/locale";
import type { DoneToday } from "@/lib/srs/limits";
import { isDue } from "@/lib/srs/queue";
import { State } from "@/lib/srs/schedule";
import { Prisma } from "@/lib/generated/prisma/client";
import { queryRows, type Db } from "./client";
import { toCardView, type CardView } from "./cards";
import { noteRelatedOutlines, noteTags } from "./columns";
import { currentCards, currentCardsSql, currentNotes, studyableCards } from "./filters";
import { dateSql, num } from "./sql";

/** Grades given since `since` (the start of the study day), by the card's state before the grade. Counts every language. */
export async function doneSince(db: Db, since: Date): Promise<DoneToday> {
  // Synchronous on the client's connection (queryRows): the review queue asks for this with every batch.
  const rows = await queryRows<{ state: number; n: number }>(db, Prisma.sql`SELECT "state", count(*) AS "n" FROM "ReviewLog" WHERE "reviewedAt" >= ${dateSql(since)} GROUP BY "state"`);
  const n = (state: State) => rows.find((r) => r.state === state)?.n ?? 0;
  return { newCards: n(State.New), reviews: n(State.Review), total: rows.reduce((a, r) => a + r.n, 0) };
}

/**
 * Every card in the content (of notes in `langs`), set aside or not: the home
 * page's "cards in all". Note by note through the card browser's index, so
 * that it counts index entries and never reads a card.
 */
export async function cardTotal(db: Db, langs?: readonly string[]): Promise<number> {
  const rows = await db.$queryRaw<{ n: unknown }[]>`
    SELECT count(*) AS n FROM "Note" n CROSS JOIN "Card" c ON c."noteId" = n."id" WHERE ${currentCardsSql(langs)}`;
  return num(rows[0]?.n);
}

export interface NoteSummary {
  id: string;
  title: string;
  lang: string;
  path: string;
  tags: string[];
  cards: number;
  due: number;
}

/** Every note in `langs`, by path, with its card and due counts (the cram page's chooser). */
export async function listNotes(db: Db, now: Date, langs?: readonly string[]): Promise<NoteSummary[]> {
  const notes = await db.note.findMany({ where: currentNotes(langs), orderBy: { path: "asc" }, select: NOTE_SUMMARY_FIELDS });
  return summariseNotes(db, now, notes);
}

/** Notes on one page of the home page's list. */
export const NOTES_PER_PAGE = 50;

export interface NotePage {
  notes: NoteSummary[];
  /** Notes in `langs` in all. */
  total: number;
  /** 1-based, within 1…pages. */
  page: number;
  pages: number;
}

/** One page of the notes in `langs`, by path (a page past the end gives the last one). */
export async function notesPage(db: Db, now: Date, langs: readonly string[] | undefined, page: number): Promise<NotePage> {
  const where = currentNotes(langs);
  const total = await db.note.count({ where });
  const pages = Math.max(1, Math.ceil(total / NOTES_PER_PAGE));
  const p = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const notes = await db.note.findMany({ where, orderBy: { path: "asc" }, skip: (p - 1) * NOTES_PER_PAGE, take: NOTES_PER_PAGE, select: NOTE_SUMMARY_FIELDS });
  return { notes: await summariseNotes(db, now, notes), total, page: p, pages };
}

const NOTE_SUMMARY_FIELDS = { id: true, title: true, lang: true, path: true, tags: true } as const;

async function summariseNotes(db: Db, now: Date, notes: { id: string; title: string; lang: string; path: string; tags: string }[]): Promise<NoteSummary[]> {
  // Counted for these notes only, as long as their ids fit in one statement's parameters.
  const only = notes.length <= 500 ? { noteId: { in: notes.map((n) => n.id) } } : {};
  const [cards, due] = await Promise.all([
    db.card.groupBy({ by: ["noteId"], where: { ...currentCards(), ...only }, _count: { _all: true } }),
    // Due = studied, due by now, and not set aside (new cards are counted as new, not due).
    db.card.groupBy({ by: ["noteId"], where: { ...studyableCards(now), ...only, state: { in: [State.Learning, State.Review, State.Relearning] }, due: { lte: now } }, _count: { _all: true } }),
  ]);
  const count = (rows: typeof cards) => new Map(rows.map((r) => [r.noteId, r._count._all]));
  const cardCounts = count(cards);
  const dueCounts = count(due);
  return notes.map((n) => ({
    id: n.id,
    title: n.title,
    lang: n.lang,
    path: n.path,
    tags: noteTags.decode(n.tags, n.id),
    cards: cardCounts.get(n.id) ?? 0,
    due: dueCounts.get(n.id) ?? 0,
  }));
}

export interface NoteDetail extends NoteSummary {
  prose: string;
  relatedOutlines: string[];
  cardList: CardView[];
}

export async function getNote(db: Db, id: string, now: Date): Promise<NoteDetail | null> {
  const n = await db.note.findUnique({ where: { id }, include: { cards: { where: currentCards(), orderBy: { ord: "asc" } } } });
  if (!n || n.retired) return null;
  const cardList = n.cards.map(toCardView);
  return {
    id: n.id,
    title: n.title,
    lang: n.lang,
    path: n.path,
    tags: noteTags.decode(n.tags, n.id),
    relatedOutlines: noteRelatedOutlines.decode(n.relatedOutlines, n.id),
    prose: n.prose,
    cards: cardList.length,
    due: cardList.filter((c) => isDue({ ...c, state: c.schedule.state, due: c.schedule.due }, now)).length,
    cardList,
  };
}

/** Review-log count for one card; used by tests and the note page. */
export async function reviewLogCount(db: Db, cardId?: string): Promise<number> {
  return db.reviewLog.count(cardId ? { where: { cardId } } : undefined);
}

export async function getCard(db: Db, id: string): Promise<CardView | null> {
  const row = await db.card.findUnique({ where: { id } });
  return row ? toCardView(row) : null;
}

/** A card with the language of its note (which its exercise is written in). */
export async function getCardWithLocale(db: Db, id: string): Promise<(CardView & { noteLocale: Locale }) | null> {
  const row = await db.card.findUnique({ where: { id }, include: { note: { select: { lang: true } } } });
  return row ? { ...toCardView(row), noteLocale: noteLocale(row.note.lang) } : null;
}

export interface CramCard extends CardView {
  noteTitle: string;
  noteLocale: Locale;
}

/**
 * Every card of one note, or of every note carrying `tag`, for cram mode
 * (suspended and not-yet-due cards included; retired ones not). Read only.
 */
export async function cramCards(db: Db, select: { noteId: string } | { tag: string }, langs?: readonly string[]): Promise<CramCard[]> {
  const notes = await db.note.findMany({
    where: { ...currentNotes("noteId" in select ? undefined : langs), ...("noteId" in select ? { id: select.noteId } : {}) },
    include: { cards: { where: currentCards(), orderBy: { ord: "asc" } } },
    orderBy: { path: "asc" },
  });
  const chosen = "tag" in select ? notes.filter((n) => noteTags.decode(n.tags, n.id).includes(select.tag)) : notes;
  return chosen.flatMap((n) => n.cards.map((c) => ({ ...toCardView(c), noteTitle: n.title, noteLocale: noteLocale(n.lang) })));
}

/** Tags of the notes in `langs`, with how many live cards carry each. */
export async function listTags(db: Db, langs?: readonly string[]): Promise<{ tag: string; cards: number }[]> {
  const notes = await db.note.findMany({
    where: currentNotes(langs),
    select: { id: true, tags: true, _count: { select: { cards: { where: currentCards() } } } },
  });
  const counts = new Map<string, number>();
  for (const n of notes) for (const t of noteTags.decode(n.tags, n.id)) counts.set(t, (counts.get(t) ?? 0) + n._count.cards);
  return [...counts].map(([tag, cards]) => ({ tag, cards })).sort((a, b) => a.tag.localeCompare(b.tag));
}
