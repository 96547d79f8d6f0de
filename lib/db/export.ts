import "server-only";
import type { AnkiCardInput } from "@/lib/export/anki";
import type { RevlogEntry } from "@/lib/export/revlog-csv";
import type { Db } from "./client";
import { cardExercise, noteTags } from "./columns";
import { currentCards } from "./filters";

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
