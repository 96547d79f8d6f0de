import "server-only";
import { reviewToken } from "@/lib/srs/schedule";
import type { Db } from "./client";
import { toCardView, type CardView } from "./cards";

/** Cards that are in the content now, optionally only those of notes in `langs`. */
function live(langs?: readonly string[]) {
  return { retired: false, note: langs ? { retired: false, lang: { in: [...langs] } } : { retired: false } };
}

export interface ReviewCounts {
  /** Cards already studied that are due now. */
  due: number;
  /** Cards never studied. */
  new: number;
  total: number;
  /** Earliest due date among cards not due now, if any. */
  nextDue: Date | null;
}

export async function reviewCounts(db: Db, now: Date, langs?: readonly string[]): Promise<ReviewCounts> {
  const l = live(langs);
  const [due, fresh, total, next] = await Promise.all([
    db.card.count({ where: { ...l, state: { not: 0 }, due: { lte: now } } }),
    db.card.count({ where: { ...l, state: 0 } }),
    db.card.count({ where: l }),
    db.card.findFirst({ where: { ...l, due: { gt: now } }, orderBy: { due: "asc" }, select: { due: true } }),
  ]);
  return { due, new: fresh, total, nextDue: next?.due ?? null };
}

export interface DueCard extends CardView {
  noteTitle: string;
  /** Review token for this showing; see lib/srs reviewToken. */
  token: string;
}

/**
 * The next card to review: learning cards first (they have short steps),
 * then due reviews, then new cards in note order.
 */
export async function nextDueCard(db: Db, now: Date, langs?: readonly string[]): Promise<DueCard | null> {
  const l = live(langs);
  const include = { note: { select: { title: true } } } as const;
  const row =
    (await db.card.findFirst({ where: { ...l, state: { in: [1, 3] }, due: { lte: now } }, orderBy: { due: "asc" }, include })) ??
    (await db.card.findFirst({ where: { ...l, state: 2, due: { lte: now } }, orderBy: { due: "asc" }, include })) ??
    (await db.card.findFirst({ where: { ...l, state: 0, due: { lte: now } }, orderBy: [{ noteId: "asc" }, { ord: "asc" }], include }));
  if (!row) return null;
  const view = toCardView(row);
  return { ...view, noteTitle: row.note.title, token: reviewToken(view.id, view.schedule) };
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

export async function listNotes(db: Db, now: Date, langs?: readonly string[]): Promise<NoteSummary[]> {
  const notes = await db.note.findMany({ where: { retired: false, ...(langs ? { lang: { in: [...langs] } } : {}) }, orderBy: { path: "asc" } });
  const [cards, due] = await Promise.all([
    db.card.groupBy({ by: ["noteId"], where: { retired: false }, _count: { _all: true } }),
    db.card.groupBy({ by: ["noteId"], where: { retired: false, due: { lte: now } }, _count: { _all: true } }),
  ]);
  const count = (rows: typeof cards, id: string) => rows.find((r) => r.noteId === id)?._count._all ?? 0;
  return notes.map((n) => ({
    id: n.id,
    title: n.title,
    lang: n.lang,
    path: n.path,
    tags: JSON.parse(n.tags) as string[],
    cards: count(cards, n.id),
    due: count(due, n.id),
  }));
}

export interface NoteDetail extends NoteSummary {
  prose: string;
  relatedOutlines: string[];
  cardList: CardView[];
}

export async function getNote(db: Db, id: string, now: Date): Promise<NoteDetail | null> {
  const n = await db.note.findUnique({ where: { id }, include: { cards: { where: { retired: false }, orderBy: { ord: "asc" } } } });
  if (!n || n.retired) return null;
  const cardList = n.cards.map(toCardView);
  return {
    id: n.id,
    title: n.title,
    lang: n.lang,
    path: n.path,
    tags: JSON.parse(n.tags) as string[],
    relatedOutlines: JSON.parse(n.relatedOutlines) as string[],
    prose: n.prose,
    cards: cardList.length,
    due: cardList.filter((c) => c.schedule.due <= now).length,
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
