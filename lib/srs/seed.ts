import type { NoteMeta } from "@/lib/content/types";
import type { CardState } from "./schedule";
import { State } from "ts-fsrs";

const DAY = 86_400_000;

/** FSRS difficulty (1–10) a note's self-declared difficulty maps to. */
const DIFFICULTY: Record<NoteMeta["difficulty"], number> = { easy: 3, medium: 5, hard: 7 };

function parseDay(s: string): Date {
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s);
}

/**
 * First scheduling state for a card whose note carries review history in its
 * frontmatter (written by another tool, or by our write-back) but which the
 * database has never seen. Returns null when there is no usable history.
 *
 * The card enters the Review state, due on `next_review`. Stability is taken
 * as the interval between the last review and the next one: at the desired
 * retention 0.9, FSRS schedules an interval of about S days, so S ≈ interval
 * is the stability that would have produced that schedule.
 */
export function seedStateFromHistory(meta: NoteMeta): CardState | null {
  if (meta.reviewCount <= 0 || !meta.lastReviewed || !meta.nextReview) return null;
  const last = parseDay(meta.lastReviewed);
  const next = parseDay(meta.nextReview);
  if (Number.isNaN(last.getTime()) || Number.isNaN(next.getTime()) || next < last) return null;
  const intervalDays = Math.max(1, Math.round((next.getTime() - last.getTime()) / DAY));
  return {
    due: next,
    stability: intervalDays,
    difficulty: DIFFICULTY[meta.difficulty],
    elapsedDays: 0,
    scheduledDays: intervalDays,
    learningSteps: 0,
    reps: meta.reviewCount,
    lapses: 0,
    state: State.Review,
    lastReview: last,
  };
}
