import "server-only";
import type { NoteStatsInput } from "@/lib/content/writeback";
import { schedulerFor } from "@/lib/srs/config";
import { retrievability } from "@/lib/srs/retrievability";
import { State } from "@/lib/srs/schedule";
import { noteMastery } from "@/lib/stats/mastery";
import type { Db } from "./client";
import { stateOf } from "./cards";
import { currentCards } from "./filters";
import { getSettings } from "./settings";

export interface NoteReviewStats extends NoteStatsInput {
  noteId: string;
}

/**
 * Review statistics per note, over the note's live (not retired) cards:
 * review log entries, the latest review, the earliest due date among studied
 * cards, and the mean retrievability at `now` under the learner's scheduler
 * (a New card counts as 0, so an unstudied card lowers the mean). Notes with
 * no live cards are present with liveCards 0 and mastery null.
 */
export async function noteReviewStats(db: Db, now: Date): Promise<Map<string, NoteReviewStats>> {
  const scheduler = schedulerFor(await getSettings(db));
  const [notes, cards, logs] = await Promise.all([
    db.note.findMany({ select: { id: true } }),
    db.card.findMany({ where: currentCards() }),
    db.reviewLog.groupBy({
      by: ["cardId"],
      where: { card: currentCards() },
      _count: { _all: true },
      _max: { reviewedAt: true },
    }),
  ]);
  const logsByCard = new Map(logs.map((l) => [l.cardId, l]));
  const stats = new Map<string, NoteReviewStats>(
    notes.map((n) => [n.id, { noteId: n.id, liveCards: 0, reviewCount: 0, lastReviewed: null, nextReview: null, mastery: null }]),
  );
  const recall = [];
  for (const card of cards) {
    const s = stats.get(card.noteId)!;
    s.liveCards++;
    const state = stateOf(card);
    recall.push({ noteId: card.noteId, retrievability: retrievability(scheduler, state, now), studied: state.state !== State.New });
    if (state.state !== State.New && (!s.nextReview || state.due < s.nextReview)) s.nextReview = state.due;
    const log = logsByCard.get(card.id);
    if (log) {
      s.reviewCount += log._count._all;
      const at = log._max.reviewedAt;
      if (at && (!s.lastReviewed || at > s.lastReviewed)) s.lastReviewed = at;
    }
  }
  // The same mastery as the home page's (lib/stats/mastery), over these cards.
  for (const m of noteMastery(recall, notes.map((n) => ({ id: n.id, title: "" })))) stats.get(m.noteId)!.mastery = m.mastery;
  return stats;
}
