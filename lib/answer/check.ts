import { parseAnswer } from "./parse";
import type { AnswerSpec, AnswerValue, MistakeValue, Verdict } from "./types";

/**
 * Comparison semantics.
 *
 * Numbers (and each vector entry): the given value g matches the expected e
 * when |g − e| ≤ w(e), the half-width of e's acceptance interval:
 *   - e = 0:  w = tolerance.abs (default 1e-9). The absolute floor is used
 *     ONLY here, so a vanishing gradient of 3e-7 answered with 0 is wrong.
 *   - e ≠ 0:  w = tolerance.rel · |e| (default rel 0.005, i.e. 0.5 %).
 *   - with spec.sigFigs = n (number kind): w = max(rel · |e|, half a unit in
 *     the n-th significant digit of e) = max(rel·|e|, 0.5 · 10^(⌊log10|e|⌋ − n + 1)),
 *     so an answer correctly rounded to n significant figures always matches.
 *     (The parser has already required at least n significant figures.)
 * The boundary is inclusive, with a relative slack of 1e-9 of the width so
 * that binary rounding (1 − 0.995 = 0.005000000000000004) does not decide.
 *
 * choice (case-insensitive letter), boolean and set (as sets) are exact.
 */

export const DEFAULT_REL = 0.005;
export const DEFAULT_ABS = 1e-9;
/**
 * distinguishable() widens both acceptance intervals by this factor before
 * asking whether they overlap: two values count as different answers only
 * when |a − b| > 2 · (w(a) + w(b)). With the default 0.5 % that is a gap of
 * about 2 % — so a learner who rounds intermediate results to 4 significant
 * digits (≈ 0.05 % each) and lands near a mistake's value is never inside
 * the right answer's interval, and vice versa.
 */
export const DISTINGUISH_MARGIN = 2;

const BOUNDARY_SLACK = 1e-9;

function toleranceOf(spec: AnswerSpec): { rel: number; abs: number } {
  const t = spec.kind === "number" || spec.kind === "vector" ? spec.tolerance : undefined;
  return { rel: t?.rel ?? DEFAULT_REL, abs: t?.abs ?? DEFAULT_ABS };
}

/** Half a unit in the n-th significant digit of x (x ≠ 0). */
export function sigFigHalfUnit(x: number, n: number): number {
  return 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(x))) - n + 1);
}

/** Half-width of the acceptance interval around an expected number (see the comment at the top). */
export function acceptanceHalfWidth(expected: number, spec: AnswerSpec): number {
  const { rel, abs } = toleranceOf(spec);
  if (expected === 0) return abs;
  let w = rel * Math.abs(expected);
  if (spec.kind === "number" && spec.sigFigs !== undefined && spec.sigFigs > 0) {
    w = Math.max(w, sigFigHalfUnit(expected, spec.sigFigs));
  }
  return w;
}

function numberMatches(given: unknown, expected: unknown, spec: AnswerSpec): boolean {
  if (typeof given !== "number" || typeof expected !== "number") return false;
  if (!Number.isFinite(given) || !Number.isFinite(expected)) return false;
  return Math.abs(given - expected) <= acceptanceHalfWidth(expected, spec) * (1 + BOUNDARY_SLACK);
}

function isNumberArray(v: unknown): v is number[] {
  return Array.isArray(v) && v.every((x) => typeof x === "number");
}

function asSet(v: readonly number[]): number[] {
  return [...new Set(v)].sort((a, b) => a - b);
}

function sameSet(a: readonly number[], b: readonly number[]): boolean {
  const x = asSet(a);
  const y = asSet(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

function sameChoice(a: unknown, b: unknown): boolean {
  return typeof a === "string" && typeof b === "string" && a.trim().toUpperCase() === b.trim().toUpperCase();
}

/** Does the given value count as the expected one under this spec? */
export function valuesMatch(given: AnswerValue, expected: AnswerValue, spec: AnswerSpec): boolean {
  switch (spec.kind) {
    case "number":
      return numberMatches(given, expected, spec);
    case "vector":
      return (
        isNumberArray(given) &&
        isNumberArray(expected) &&
        given.length === expected.length &&
        given.every((g, i) => numberMatches(g, expected[i], spec))
      );
    case "choice":
      return sameChoice(given, expected);
    case "boolean":
      return typeof given === "boolean" && given === expected;
    case "set":
      return isNumberArray(given) && isNumberArray(expected) && sameSet(given, expected);
  }
}

/**
 * Parses and judges a raw answer: not-understood (costs nothing, with a
 * reason), correct, or wrong — with the id of the first known mistake whose
 * value the input matches.
 */
export function checkAnswer(
  input: string,
  spec: AnswerSpec,
  expected: AnswerValue,
  mistakes: readonly MistakeValue[] = [],
): Verdict {
  const r = parseAnswer(input, spec);
  if (!r.ok) return { kind: "not-understood", reason: r.reason };
  const { parsed } = r;
  if (valuesMatch(parsed.value, expected, spec)) return { kind: "correct", parsed };
  const hit = mistakes.find((m) => valuesMatch(parsed.value, m.value, spec));
  return hit ? { kind: "wrong", parsed, mistakeId: hit.id } : { kind: "wrong", parsed };
}

function numbersDistinguishable(a: number, b: number, spec: AnswerSpec, margin: number): boolean {
  // No input is non-finite, so nothing matches a non-finite value; equal ones still count as the same answer.
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a !== b;
  return Math.abs(a - b) > margin * (acceptanceHalfWidth(a, spec) + acceptanceHalfWidth(b, spec));
}

/**
 * True when no input can be accepted as both a and b, with a safety margin:
 * numbers' acceptance intervals, each widened by `margin` (default
 * DISTINGUISH_MARGIN = 2), do not overlap; vectors: lengths differ or some
 * entry is distinguishable; choice/boolean/set: the values differ (sets as
 * sets, choices case-insensitively). Values of the wrong type for the spec
 * are distinguishable from anything.
 */
export function distinguishable(a: AnswerValue, b: AnswerValue, spec: AnswerSpec, margin = DISTINGUISH_MARGIN): boolean {
  switch (spec.kind) {
    case "number":
      if (typeof a !== "number" || typeof b !== "number") return true;
      return numbersDistinguishable(a, b, spec, margin);
    case "vector":
      if (!isNumberArray(a) || !isNumberArray(b)) return true;
      if (a.length !== b.length) return true;
      return a.some((x, i) => numbersDistinguishable(x, b[i]!, spec, margin));
    case "choice":
      return !sameChoice(a, b);
    case "boolean":
      return typeof a !== "boolean" || typeof b !== "boolean" || a !== b;
    case "set":
      return !isNumberArray(a) || !isNumberArray(b) || !sameSet(a, b);
  }
}
