import { fsrs, generatorParameters, type FSRSState } from "ts-fsrs";
import { createRng } from "@/lib/engine/rng";
import { schedulerFor } from "@/lib/srs/config";
import { daysBetween } from "@/lib/srs/day";
import { grade, newCardState, type CardState, type ReviewRecord } from "@/lib/srs/schedule";
import { DEFAULT_SETTINGS } from "@/lib/srs/settings";

/**
 * A synthetic learner for optimiser tests. The app schedules cards with its
 * default weights (learning steps 1m 10m, relearning 10m, no fuzz), while the
 * learner's real memory follows FSRS-6 with other, "true" weights: at each
 * review the true memory state gives the probability of recall across the
 * whole study days since the previous review (the model the optimiser fits),
 * and a seeded RNG decides whether the card was recalled and how it was graded.
 */

export interface SimulatedReview {
  cardId: string;
  record: ReviewRecord;
  previous: CardState;
}

export interface SimulationOptions {
  trueWeights: readonly number[];
  cards: number;
  /** New cards start on days 0 … introduceOverDays-1. */
  introduceOverDays: number;
  days: number;
  start: Date;
  seed: number;
  dayStartHour: number;
  /** IANA zone the study days are counted in. */
  timeZone: string;
}

export function simulateReviews(o: SimulationOptions): SimulatedReview[] {
  const draw = createRng(o.seed);
  const random = () => draw.next();
  const scheduler = schedulerFor({ ...DEFAULT_SETTINGS, fuzz: false });
  const truth = fsrs(generatorParameters({ w: [...o.trueWeights], enable_short_term: true }));
  const end = o.start.getTime() + o.days * 86_400_000;
  const out: SimulatedReview[] = [];
  for (let c = 0; c < o.cards; c++) {
    const cardId = `sim:card-${c}`;
    // Each card is first seen at some hour of its first day, between 08:00 and 20:00.
    let now = new Date(o.start.getTime() + (c % o.introduceOverDays) * 86_400_000 + (8 + random() * 12) * 3_600_000);
    let card = newCardState(now);
    let memory: FSRSState | null = null;
    let last: Date | null = null;
    while (now.getTime() < end) {
      let rating: 1 | 2 | 3 | 4;
      const u = random();
      if (!memory || !last) {
        rating = u < 0.2 ? 1 : u < 0.3 ? 2 : u < 0.9 ? 3 : 4;
      } else {
        const days = daysBetween(last, now, o.dayStartHour, o.timeZone);
        // Within a day FSRS does not predict recall; use the true curve over the hours that passed.
        const t = days > 0 ? days : (now.getTime() - last.getTime()) / 86_400_000;
        const recalled = random() < truth.forgetting_curve(t, memory.stability);
        rating = !recalled ? 1 : u < 0.1 ? 2 : u < 0.92 ? 3 : 4;
      }
      const days = last ? daysBetween(last, now, o.dayStartHour, o.timeZone) : 0;
      memory = truth.next_state(memory, days, rating);
      const { next, record } = grade(scheduler, card, rating, now);
      out.push({ cardId, record, previous: card });
      card = next;
      last = now;
      // The learner comes back when the card is due; for day-long intervals, at some hour that day.
      const dueInDays = (card.due.getTime() - now.getTime()) / 86_400_000;
      now = dueInDays < 1 ? card.due : new Date(card.due.getTime() + (random() - 0.5) * 8 * 3_600_000);
    }
  }
  return out;
}
