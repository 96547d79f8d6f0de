/**
 * Daily limits, as in Anki: at most `newPerDay` new cards are introduced and
 * at most `reviewsPerDay` review cards are shown per study day. Learning and
 * relearning cards are never held back (their short steps would be lost).
 * The two limits are independent. Pure.
 */

/** Learning cards due within this long are shown rather than ending the session (Anki's learn-ahead limit). */
export const LEARN_AHEAD_MS = 20 * 60_000;

/** What the review log says was done since the current study day began. */
export interface DoneToday {
  /** Grades given to cards that were new (one per card introduced). */
  newCards: number;
  /** Grades given to cards in the Review state. */
  reviews: number;
  /** Every grade today (learning steps included). */
  total: number;
}

export interface Limits {
  newLeft: number;
  reviewsLeft: number;
}

export function limitsLeft(settings: { newPerDay: number; reviewsPerDay: number }, done: DoneToday): Limits {
  return {
    newLeft: Math.max(0, settings.newPerDay - done.newCards),
    reviewsLeft: Math.max(0, settings.reviewsPerDay - done.reviews),
  };
}

/** The three numbers a session header shows, after the limits. */
export interface QueueCounts {
  learning: number;
  review: number;
  new: number;
}

export function queueCounts(available: QueueCounts, limits: Limits): QueueCounts {
  return {
    learning: available.learning,
    review: Math.min(available.review, limits.reviewsLeft),
    new: Math.min(available.new, limits.newLeft),
  };
}

/** Share of today's work that is done, 0..1 (1 when nothing is left). */
export function progress(doneTotal: number, left: QueueCounts): number {
  const remaining = left.learning + left.review + left.new;
  return doneTotal + remaining === 0 ? 1 : doneTotal / (doneTotal + remaining);
}

/**
 * Anki's "mix new cards with reviews": a new card comes next when new cards
 * are behind the reviews in their share of today's work, so the day's new
 * cards are spread through its reviews rather than left to the end. A review
 * comes first when both are even (the start of the day).
 */
export function newCardNext(done: Pick<DoneToday, "newCards" | "reviews">, left: Pick<QueueCounts, "new" | "review">): boolean {
  if (left.new === 0) return false;
  if (left.review === 0) return true;
  const newShare = done.newCards / (done.newCards + left.new);
  const reviewShare = done.reviews / (done.reviews + left.review);
  return newShare < reviewShare;
}
