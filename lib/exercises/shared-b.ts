import { distinguishable } from "@/lib/answer";
import { EngineError } from "@/lib/engine/errors";
import { difficultyOf } from "./format";
import type { AnswerSpec, AnswerValue, KnownMistake } from "./types";

/**
 * Helpers shared by the batch-B generators (rnn-bptt-factor, gradient-clipping,
 * init-variance, residual-gradient, batchnorm-forward, lr-divergence).
 */

/** The answer tolerance every batch-B numeric/vector question uses: 0.5 % relative. */
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
export interface MistakeCandidate extends KnownMistake {
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
export function resolveMistakes(
  expected: AnswerValue,
  candidates: readonly MistakeCandidate[],
  spec?: AnswerSpec,
  distinctRequired = false,
): KnownMistake[] | null {
  const different = (a: AnswerValue, b: AnswerValue): boolean =>
    separated(a, b) && (spec === undefined || distinguishable(a, b, spec));
  // With distinctRequired, the required mistakes are settled first, so an optional
  // one can never push a required one out.
  const order = distinctRequired
    ? [...candidates.filter((c) => !c.optional), ...candidates.filter((c) => c.optional)]
    : candidates;
  const kept = new Set<MistakeCandidate>();
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
  return candidates.filter((c) => kept.has(c)).map(({ id, value, explanation }) => ({ id, value, explanation }));
}

export function isFiniteValue(v: AnswerValue): boolean {
  if (typeof v === "number") return Number.isFinite(v);
  if (Array.isArray(v)) return v.every((x) => Number.isFinite(x));
  return true;
}

/** Draws a value uniformly from [lo, hi] rounded to `decimals`, rejecting |x| < minAbs (so no zero weights). */
export function roundedUniform(
  rng: { uniform(a?: number, b?: number): number },
  lo: number,
  hi: number,
  decimals: number,
  minAbs = 0,
): number {
  for (let i = 0; i < 1000; i++) {
    const f = 10 ** decimals;
    const x = Math.round(rng.uniform(lo, hi) * f) / f;
    // −0 would print as "0" but compare oddly; normalise it.
    const v = x === 0 ? 0 : x;
    if (Math.abs(v) >= minAbs) return v;
  }
  return minAbs;
}

/** Comma-separated plain list for "enter the entries in this order" prompts and explanations. */
export function texCommaList(v: readonly number[], fmt: (x: number) => string): string {
  return v.map(fmt).join(",\\ ");
}

/** A number to follow a `+` in TeX: `+ 0.3` or `- 0.3`, so prompts never show `+ -0.3`. */
export function texTerm(x: number, fmt: (x: number) => string): string {
  return x < 0 ? `- ${fmt(-x)}` : `+ ${fmt(x)}`;
}

/** A factor in a product or difference: negative numbers get parentheses, `(-0.3)`. */
export function texParen(x: number, fmt: (x: number) => string): string {
  return x < 0 ? `(${fmt(x)})` : fmt(x);
}

/**
 * The difficulty knob 1..3 (default 2; values outside are clamped). Anything
 * that is not a finite number is an error naming the parameter, rather than a
 * silent default.
 */
export function difficultyParam(params: { difficulty?: unknown }): 1 | 2 | 3 {
  const d = params.difficulty;
  if (d !== undefined && !(typeof d === "number" && Number.isFinite(d))) {
    throw new EngineError("params.difficulty", `expected a number 1..3, got ${String(d)}`);
  }
  return difficultyOf(params);
}

/**
 * True when one of the numbers shown in a prompt would already be accepted as
 * the answer (within REL_TOL): such a draw gives the answer away, so callers redraw.
 */
export function echoesAnswer(shown: readonly number[], expected: number): boolean {
  return shown.some((s) => Math.abs(s - expected) <= REL_TOL * Math.abs(expected));
}
