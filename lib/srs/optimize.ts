import { daysBetween } from "./day";
import { isGrade, State } from "./schedule";

/**
 * FSRS optimisation, the pure part: turning the review log into training
 * items and deciding whether optimised weights are worth adopting. The native
 * optimiser itself is called from lib/db/fsrs-binding.ts.
 *
 * Items. Per card, its reviews in time order; every review after the first
 * that happens on a later study day than the one before it is a training
 * target, and its item holds the card's whole history up to and including it.
 * The gap before each review is counted in whole study days (the day starts at
 * the settings' dayStartHour, local time in the given zone), 0 for the first review.
 *
 * Items come oldest first, by the time of their target review: the optimiser
 * expects that order and weighs recent items more (from 0.25 for the oldest to
 * 1 for the newest), in training and in its evaluation alike.
 *
 * Same-day (short-term) reviews, e.g. the learning steps 1m and 10m, are never
 * targets: FSRS predicts recall across days, and the optimiser refuses an item
 * whose last gap is 0. Whether they stay in the histories follows the
 * scheduler's `enable_short_term` (ts-fsrs' default, and what this app uses):
 *  - on: they stay, with a gap of 0, because the scheduler lets them change
 *    the memory state (FSRS-6's short-term stability, weights 17–19), so the
 *    optimiser must see them to fit those weights;
 *  - off: only the first review of each study day is kept, so the histories
 *    match a scheduler that ignores what happens within a day.
 *
 * A card whose oldest logged review was not of a new card (its history started
 * before this log, e.g. seeded from a note's frontmatter) is left out: its
 * history is incomplete, and a wrong start state would teach the model wrong.
 */

/** One review log row, as much of it as the optimiser needs. */
export interface LoggedReview {
  cardId: string;
  /** 1 Again, 2 Hard, 3 Good, 4 Easy */
  rating: number;
  /** Card state before the grade: 0 New, 1 Learning, 2 Review, 3 Relearning. */
  state: number;
  reviewedAt: Date;
}

export interface TrainingReview {
  rating: number;
  /** Whole study days since the card's previous review (0 for the first). */
  deltaDays: number;
}

/** A card's history up to and including one target review (the last entry). */
export type TrainingItem = TrainingReview[];

export interface ItemOptions {
  dayStartHour: number;
  /** IANA zone the study days are counted in. */
  timeZone: string;
  enableShortTerm: boolean;
}

export interface TrainingSet {
  items: TrainingItem[];
  /** Cards that gave at least one item. */
  cards: number;
  /** Cards left out because their logged history does not start at "new". */
  incompleteCards: number;
}

export function buildTrainingItems(reviews: readonly LoggedReview[], options: ItemOptions): TrainingSet {
  const byCard = new Map<string, LoggedReview[]>();
  for (const r of reviews) {
    if (!isGrade(r.rating)) continue;
    const list = byCard.get(r.cardId);
    if (list) list.push(r);
    else byCard.set(r.cardId, [r]);
  }
  const targets: { at: number; item: TrainingItem }[] = [];
  let cards = 0;
  let incompleteCards = 0;
  for (const list of byCard.values()) {
    // Stable sort: reviews with the same timestamp keep the order they came in.
    const ordered = [...list].sort((a, b) => a.reviewedAt.getTime() - b.reviewedAt.getTime());
    if (ordered[0]!.state !== State.New) {
      incompleteCards++;
      continue;
    }
    const history: TrainingReview[] = [];
    let previous: Date | null = null;
    let cardItems = 0;
    for (const r of ordered) {
      const deltaDays = previous ? daysBetween(previous, r.reviewedAt, options.dayStartHour, options.timeZone) : 0;
      if (previous && deltaDays === 0 && !options.enableShortTerm) continue;
      history.push({ rating: r.rating, deltaDays });
      previous = r.reviewedAt;
      if (history.length > 1 && deltaDays > 0) {
        targets.push({ at: r.reviewedAt.getTime(), item: history.map((h) => ({ ...h })) });
        cardItems++;
      }
    }
    if (cardItems > 0) cards++;
  }
  targets.sort((a, b) => a.at - b.at); // stable: same instant keeps card order
  return { items: targets.map((t) => t.item), cards, incompleteCards };
}

/**
 * Below this many items we do not optimise. The optimiser itself gives the
 * defaults back under 8 items and moves only the four initial stabilities under
 * 64; with fewer than 64 reviews across days the fit says little about a
 * learner's memory, so we ask for more reviews instead.
 */
export const MIN_TRAINING_ITEMS = 64;

/** How many more reviews (each on a later day than the card's previous one) are needed; 0 = enough. */
export function reviewsStillNeeded(items: number, minimum = MIN_TRAINING_ITEMS): number {
  return Math.max(0, minimum - items);
}

/** How well a set of weights predicts the recalls in the log (lower is better for both). */
export interface Evaluation {
  /** Mean binary cross-entropy of the predicted recall probability. */
  logLoss: number;
  /** Root mean square error between predicted and actual recall rates, over bins of similar predictions. */
  rmseBins: number;
}

export type Decision =
  | { adopt: true; reason: "better" }
  | { adopt: false; reason: "not-better" | "unchanged" };

/**
 * Adopt the optimised weights only if they predict the same items better than
 * both the defaults and the weights in use now, by log loss (the quantity the
 * optimiser minimises, and a proper score for probabilities). RMSE(bins) is
 * reported but does not decide: on a small log it rests on few reviews per bin.
 */
export function decide(
  optimised: Evaluation,
  defaults: Evaluation,
  current: Evaluation | null,
  sameAsDefaults: boolean,
): Decision {
  if (sameAsDefaults) return { adopt: false, reason: "unchanged" };
  const best = Math.min(defaults.logLoss, current?.logLoss ?? Infinity);
  // A difference below float noise is no improvement.
  if (Number.isFinite(optimised.logLoss) && optimised.logLoss < best - 1e-7) return { adopt: true, reason: "better" };
  return { adopt: false, reason: "not-better" };
}

/** Weights rounded to 4 decimals (as Anki shows them); what is evaluated is what gets stored. */
export function roundWeights(weights: readonly number[]): number[] {
  return weights.map((w) => Math.round(w * 1e4) / 1e4);
}

export function sameWeights(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => Math.abs(x - b[i]!) < 5e-5);
}
