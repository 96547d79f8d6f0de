/**
 * The answer contract between exercise generators and the checker.
 *
 * A generator says how its answer is read (AnswerSpec) and what the right
 * value is (AnswerValue); the checker parses the learner's raw text with a
 * safe, bounded parser, echoes how it understood it, and compares.
 */

/** What a learner's answer is compared against: a number, a vector, a choice letter, yes/no, or a set of 1-based indices. */
export type AnswerValue = number | number[] | string | boolean;

export interface Tolerance {
  /** Relative tolerance; default 0.005 (0.5 %). */
  rel?: number;
  /**
   * Absolute floor, used ONLY where the true value is exactly 0 (default 1e-9).
   * A vanishing gradient of 3e-7 answered with 0 is wrong.
   */
  abs?: number;
}

export type AnswerSpec =
  /** One real number. With `sigFigs`, the answer must be given to at least that many significant figures. */
  | { kind: "number"; tolerance?: Tolerance; sigFigs?: number }
  /** A comma-separated list of `length` numbers, compared entry by entry. */
  | { kind: "vector"; length: number; tolerance?: Tolerance }
  /** One of the option letters, e.g. ["A", "B", "C"]; case-insensitive. */
  | { kind: "choice"; options: string[] }
  /** yes/no (also true/false, y/n, 是/否). */
  | { kind: "boolean" }
  /** A set of 1-based indices out of 1..max, e.g. "1, 3"; "none" or "-" for the empty set. Order does not matter. Expected value: sorted number[]. */
  | { kind: "set"; max: number };

/** How an input was understood. */
export interface ParsedAnswer {
  value: AnswerValue;
  /** KaTeX-ready TeX echo, e.g. `1.5625 \times 10^{-2}`. */
  tex: string;
}

export type ParseResult = { ok: true; parsed: ParsedAnswer } | { ok: false; message: string };

/** A known wrong answer as the checker sees it. */
export interface MistakeValue {
  id: string;
  value: AnswerValue;
}

/**
 * The checker's verdict. "not-understood" is not a wrong answer: it costs
 * nothing and carries a message saying what was expected.
 */
export type Verdict =
  | { kind: "not-understood"; message: string }
  | { kind: "correct"; parsed: ParsedAnswer }
  | { kind: "wrong"; parsed: ParsedAnswer; mistakeId?: string };

/*
 * The functions lib/answer/index.ts exports (contract):
 *   parseAnswer(input: string, spec: AnswerSpec): ParseResult
 *   valuesMatch(given: AnswerValue, expected: AnswerValue, spec: AnswerSpec): boolean
 *   checkAnswer(input: string, spec: AnswerSpec, expected: AnswerValue, mistakes?: readonly MistakeValue[]): Verdict
 *     correct if valuesMatch(parsed, expected); else wrong, with mistakeId of the
 *     first mistake m where valuesMatch(parsed, m.value).
 *   distinguishable(a: AnswerValue, b: AnswerValue, spec: AnswerSpec): boolean
 *     true when no input can be accepted as both a and b (generators redraw
 *     instances where a mistake is not distinguishable from the answer).
 */
