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
  /** yes/no (also true/false, y/n, 是/否, 对/错). */
  | { kind: "boolean" }
  /** A set of 1-based indices out of 1..max, e.g. "1, 3"; "none" or "-" for the empty set. Order does not matter. Expected value: sorted number[]. */
  | { kind: "set"; max: number };

/** How an input was understood. */
export interface ParsedAnswer {
  value: AnswerValue;
  /** KaTeX-ready TeX echo, e.g. `1.5625 \times 10^{-2}`. */
  tex: string;
  /**
   * The language a yes/no answer was typed in (`是`, `对`, `不是` … are "zh";
   * `yes`, `y`, `true` … are "en"); its echo is in that language: `\text{是}`
   * or `\text{yes}`. Absent for the other kinds.
   */
  typed?: "en" | "zh";
}

/**
 * Why one number expression could not be read: the problem inside "could not
 * read … as a number". Texts the learner typed (`name`, `token`, …) are
 * carried as shown: control characters replaced, at most 20 or 40 characters.
 */
export type NumberProblem =
  | { code: "misplaced-point" }
  | { code: "unknown-name"; name: string }
  /** A comma inside one number: `0,5`, `1,000`. */
  | { code: "decimal-comma" }
  /** A character, operator, name or bracket where none can stand. */
  | { code: "unexpected"; token: string }
  /** `2 e-3`: the constant e (as typed: "e" or "E") set apart before a signed number. */
  | { code: "spaced-exponent"; letter: string }
  | { code: "too-deep"; max: number }
  | { code: "nothing" }
  /** `1/2pi`: an implicit product after a division. */
  | { code: "ambiguous-product" }
  /** `2 3`: two numbers with no operator between them. */
  | { code: "missing-operator" }
  | { code: "missing-close"; close: string }
  | { code: "mismatched"; open: string; close: string }
  /** `sqrt2`: a named function without parentheses; `name` in lower case. */
  | { code: "needs-parentheses"; name: string }
  | { code: "incomplete" }
  | { code: "not-real" }
  | { code: "too-large" }
  | { code: "too-small" }
  | { code: "division-by-zero" }
  | { code: "fractional-power" }
  | { code: "negative-root" }
  | { code: "log-domain" }
  | { code: "too-complex" };

/** Why a vector's text could not be split into entries (its brackets). */
export type ListProblem = Extract<NumberProblem, { code: "too-deep" | "unexpected" | "mismatched" | "missing-close" }>;

/**
 * Why an input was not understood, as a code with its parameters: the
 * sentences, in every interface language, are lib/i18n's
 * (`messages(locale).answer.notUnderstood`). `input` is the learner's text
 * as shown (control characters replaced, at most 40 characters, or 20 for a
 * set item), for the sentence to quote.
 */
export type NotUnderstood =
  | { code: "too-long"; max: number }
  /** `½`. */
  | { code: "vulgar-fraction" }
  /** `10₋₅`. */
  | { code: "subscript"; char: string }
  /** A compatibility character that would change on normalisation: `ᵉ`, `①`. */
  | { code: "unsupported-char"; char: string }
  /** Nothing typed for a number. */
  | { code: "expected-number" }
  | { code: "not-a-number"; input: string; problem: NumberProblem }
  | { code: "sig-figs"; input: string; needed: number; got: number }
  /** Nothing typed for a vector of `length` numbers. */
  | { code: "expected-vector"; length: number }
  | { code: "not-a-list"; input: string; problem: ListProblem }
  | { code: "vector-length"; expected: number; got: number }
  /** `entry` is 1-based. */
  | { code: "empty-entry"; entry: number }
  | { code: "bad-entry"; entry: number; input: string; problem: NumberProblem }
  | { code: "expected-choice"; options: string[] }
  | { code: "expected-boolean" }
  /** Nothing (readable) typed for a set of indices 1..max. */
  | { code: "expected-set"; max: number }
  | { code: "set-item"; input: string; max: number }
  | { code: "set-range"; input: string; max: number };

export type ParseResult = { ok: true; parsed: ParsedAnswer } | { ok: false; reason: NotUnderstood };

/** A known wrong answer as the checker sees it. */
export interface MistakeValue {
  id: string;
  value: AnswerValue;
}

/**
 * The checker's verdict. "not-understood" is not a wrong answer: it costs
 * nothing and carries the reason (a code) saying what was expected.
 */
export type Verdict =
  | { kind: "not-understood"; reason: NotUnderstood }
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
