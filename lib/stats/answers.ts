import { Rating, State } from "ts-fsrs";
import { MATURE_DAYS } from "./retention";

/**
 * Answer buttons and live-exercise results.
 *
 * Buttons: every grade counted once, by the card's state before it — learning
 * (new, learning and relearning cards), young (Review, interval under 21
 * days) or mature.
 *
 * Exercises: per generator, the share of stored attempts whose verdict is
 * "correct" (wrong answers and revealed solutions count against it; input
 * that could not be understood is never stored, so it does not count), and
 * the recognised mistakes, most frequent first.
 */

export type ButtonGroup = "learning" | "young" | "mature";
export type ButtonCounts = Record<ButtonGroup, [number, number, number, number]>;

/** The group a grade counts in, from the card's state and interval before it. */
export function buttonGroup(state: number, scheduledDays: number): ButtonGroup {
  return state !== State.Review ? "learning" : scheduledDays >= MATURE_DAYS ? "mature" : "young";
}

export function buttonCounts(rows: readonly { state: number; scheduledDays: number; rating: number }[]): ButtonCounts {
  return buttonCountsByGroup(rows.map((r) => ({ group: buttonGroup(r.state, r.scheduledDays), rating: r.rating, count: 1 })));
}

/** buttonCounts from counts per group and rating (ratings other than 1–4 are left out, as there). */
export function buttonCountsByGroup(rows: readonly { group: ButtonGroup; rating: number; count: number }[]): ButtonCounts {
  const out: ButtonCounts = { learning: [0, 0, 0, 0], young: [0, 0, 0, 0], mature: [0, 0, 0, 0] };
  for (const r of rows) {
    if (r.rating < Rating.Again || r.rating > Rating.Easy) continue;
    out[r.group][r.rating - 1]! += r.count;
  }
  return out;
}

export interface AttemptRow {
  generator: string;
  verdict: string;
  mistakeId: string | null;
  /** The instance answered (rows in time order: the last one is the latest). */
  seed?: number;
  /** JSON ExerciseParams of that instance. */
  params?: string;
}

export interface GeneratorAccuracy {
  generator: string;
  attempts: number;
  correct: number;
  accuracy: number;
}

/** Per generator, lowest accuracy first (ties: more attempts first, then name). */
export function exerciseAccuracy(rows: readonly AttemptRow[]): GeneratorAccuracy[] {
  return accuracyOfCounts(rows.map((r) => ({ generator: r.generator, attempts: 1, correct: r.verdict === "correct" ? 1 : 0 })));
}

/** exerciseAccuracy from counts (a generator may appear more than once). */
export function accuracyOfCounts(rows: readonly { generator: string; attempts: number; correct: number }[]): GeneratorAccuracy[] {
  const acc = new Map<string, { attempts: number; correct: number }>();
  for (const r of rows) {
    const a = acc.get(r.generator) ?? { attempts: 0, correct: 0 };
    a.attempts += r.attempts;
    a.correct += r.correct;
    acc.set(r.generator, a);
  }
  return [...acc]
    .filter(([, a]) => a.attempts > 0)
    .map(([generator, a]) => ({ generator, ...a, accuracy: a.correct / a.attempts }))
    .sort((x, y) => x.accuracy - y.accuracy || y.attempts - x.attempts || x.generator.localeCompare(y.generator));
}

export interface MistakeCount {
  generator: string;
  mistakeId: string;
  count: number;
  /** The latest instance where it was made, to show the mistake with real numbers. */
  example?: { seed: number; params: string };
}

export function topMistakes(rows: readonly AttemptRow[], limit = 10): MistakeCount[] {
  const acc = new Map<string, MistakeCount>();
  for (const r of rows) {
    if (!r.mistakeId) continue;
    const key = `${r.generator}\u0000${r.mistakeId}`;
    const m = acc.get(key) ?? { generator: r.generator, mistakeId: r.mistakeId, count: 0 };
    m.count++;
    if (r.seed !== undefined && r.params !== undefined) m.example = { seed: r.seed, params: r.params };
    acc.set(key, m);
  }
  return mostFrequentMistakes([...acc.values()], limit);
}

/** topMistakes from counts, one per generator and mistake (each with its latest example). */
export function mostFrequentMistakes(counts: readonly MistakeCount[], limit = 10): MistakeCount[] {
  return [...counts]
    .sort((x, y) => y.count - x.count || x.generator.localeCompare(y.generator) || x.mistakeId.localeCompare(y.mistakeId))
    .slice(0, limit);
}
