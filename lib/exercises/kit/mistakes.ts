import { distinguishable } from "@/lib/answer";
import type { AnswerSpec, AnswerValue } from "../types";

/**
 * Keeping an instance's known mistakes honest: each one must be a different
 * answer from the expected value (and from each other) at the checker's
 * tolerance, or the draw is redrawn.
 */

/** The answer tolerance of the numeric and vector questions: 0.5 % relative. */
export const REL_TOL = 0.005;

/**
 * How far apart (relative) two values must be before we call them different
 * answers. Four times the answer tolerance: an input accepted for one value
 * lies within 0.5 % of it, so it can never also be accepted for a value 2 %
 * away, and a learner who rounds to 4 significant digits is never matched to
 * the wrong verdict.
 */
export const SEPARATION = 0.02;
/** Entries are compared to zero with this floor, so 1e-17 round-off never counts as a difference. */
const ABS_FLOOR = 1e-9;

function numbersSeparated(a: number, b: number, rel: number): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a !== b;
  return Math.abs(a - b) > Math.max(ABS_FLOOR, rel * Math.max(Math.abs(a), Math.abs(b)));
}

/**
 * True when a and b are clearly different answers (see SEPARATION). Vectors are
 * checked entry by entry, as the checker compares them: they are separated when
 * at least one entry is, since an input must then miss one of the two values in
 * that entry.
 */
export function separated(a: AnswerValue, b: AnswerValue, rel = SEPARATION): boolean {
  if (typeof a === "number" && typeof b === "number") return numbersSeparated(a, b, rel);
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return true;
    return a.some((x, i) => numbersSeparated(x, b[i] as number, rel));
  }
  return a !== b;
}

/** A candidate mistake; `optional` ones are dropped (not redrawn) when they coincide with the answer. */
export interface MistakeCandidate {
  id: string;
  value: AnswerValue;
  optional?: boolean;
}

/**
 * Keeps the instance's mistakes honest:
 * - a required mistake whose value equals the answer (within SEPARATION, and,
 *   when `spec` is given, not distinguishable() by the checker) makes the draw
 *   bad → returns null so the caller redraws;
 * - an optional one in that situation is simply left out;
 * - a mistake equal to an earlier one is dropped (the first, more basic
 *   explanation wins) — unless `distinctRequired` is set and both are
 *   required: then the draw is bad too, so every required mistake keeps its
 *   own explanation;
 * - a non-finite mistake value is dropped.
 * SEPARATION alone is already stricter than distinguishable() at the default
 * 0.5 % tolerance (2 % of the larger value vs 1 % of the sum); passing the spec
 * keeps that true for any tolerance a generator chooses.
 */
export function resolveMistakes<T extends MistakeCandidate>(
  expected: AnswerValue,
  candidates: readonly T[],
  spec?: AnswerSpec,
  distinctRequired = false,
): Omit<T, "optional">[] | null {
  const different = (a: AnswerValue, b: AnswerValue): boolean =>
    separated(a, b) && (spec === undefined || distinguishable(a, b, spec));
  // With distinctRequired, the required mistakes are settled first, so an optional
  // one can never push a required one out.
  const order = distinctRequired
    ? [...candidates.filter((c) => !c.optional), ...candidates.filter((c) => c.optional)]
    : candidates;
  const kept = new Set<T>();
  for (const c of order) {
    if (!isFiniteValue(c.value)) {
      if (c.optional || !distinctRequired) continue;
      return null;
    }
    if (!different(c.value, expected)) {
      if (c.optional) continue;
      return null;
    }
    const clash = [...kept].some((m) => !different(m.value, c.value));
    if (clash) {
      if (distinctRequired && !c.optional) return null;
      continue;
    }
    kept.add(c);
  }
  return candidates.filter((c) => kept.has(c)).map(({ optional: _, ...m }) => m);
}

export function isFiniteValue(v: AnswerValue): boolean {
  if (typeof v === "number") return Number.isFinite(v);
  if (Array.isArray(v)) return v.every((x) => Number.isFinite(x));
  return true;
}

/**
 * resolveMistakes, stricter: null (redraw) unless every required candidate is
 * kept. When two mistakes give the same value (w₁ ≈ −1 makes included-w1 ≈
 * sign-error; |w| = ½ makes half = quarter-only), keeping only the first would
 * explain the other mistake wrongly or leave a near-miss unrecognised, so such
 * draws are redrawn instead. Optional candidates may still be dropped.
 */
export function resolveAllMistakes<T extends MistakeCandidate>(expected: number, cands: readonly T[]): Omit<T, "optional">[] | null {
  const kept = resolveMistakes(expected, cands);
  if (!kept) return null;
  const ids = new Set(kept.map((m) => m.id));
  return cands.every((c) => c.optional || ids.has(c.id)) ? kept : null;
}
