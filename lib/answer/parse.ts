import { parseBooleanKind, parseChoiceKind, parseNumberKind, parseSetKind, parseVectorKind } from "./kinds";
import { normalizeInput } from "./normalise";
import type { AnswerSpec, ParseResult } from "./types";

/**
 * The safe answer parser: a hand-written lexer and recursive-descent parser
 * (no eval, no Function, no backtracking regular expressions), bounded in
 * input length, nesting depth and magnitude, so hostile input is rejected in
 * linear time as "not understood".
 *
 * Accepted syntax (after Unicode normalisation, see `normalizeInput`):
 *
 * Numbers
 *   - decimals: `0.25`, `.5`, `5.`, `-3`, `+2`
 *   - scientific notation: `1.2e-5`, `1.2E5`, `1.2×10^-5`, `1.2x10^-5`,
 *     `1.2*10^(-5)`, `1.2 · 10^{-5}`, `1.2·10⁻⁵`
 *   - arithmetic: `+ - * / ^`, parentheses `( )`, brackets `[ ]` and braces
 *     `{ }` as grouping, unary minus/plus, `^` right-associative
 *     (`2^3^2` = 2^9; `-2^2` = -4; `e^-2` = e^(-2)),
 *     constants `pi`, `π`, `e`; functions `sqrt(…)`, `√…`, `exp(…)`, `ln(…)`,
 *     `log(…)` — `log` is the NATURAL logarithm, like `ln`. Named functions
 *     need parentheses (`sqrt(2)`, not `sqrt2`); `√` takes the next number,
 *     constant or group: `√2/2` = (√2)/2.
 *   - implicit multiplication only before a name, `√` or an opening
 *     bracket: `2pi`, `2π`, `2(3)`, `(1+2)(3)`, `2√2`, `2e` (= 2·e). Never
 *     between two numbers (`2 3` is rejected), and never after a `/` in the
 *     same product (`1/2pi` is rejected as ambiguous; write `1/(2pi)` or
 *     `(1/2)pi`).
 *   - `x`/`X` standing alone between operands means ×: `1.2x10^-5`, `2 x 3`.
 *   - no thousands separators and no decimal comma: `1,000` and `0,5` are
 *     rejected (a comma separates vector entries).
 *   - bounds: at most 200 characters, at most 20 levels of nesting
 *     (brackets, signs, powers, functions), every intermediate and final
 *     value finite with |x| ≤ 1e300, and no underflow of a non-zero value
 *     below 1e-300 ("too small"), so `10^999999`, `9^9^9^9`, `1e999999` are
 *     "too large".
 *
 * Vectors: entries separated by commas or semicolons, optionally inside
 *   `( )`, `[ ]` or `{ }` (brackets that enclose a separator are list
 *   brackets and are dropped, so `(0.1, 0.2), (0.3)` is three entries); each
 *   entry is a number expression as above; one trailing separator is ignored.
 *
 * Choice: one of the option letters, case-insensitive, optionally in
 *   parentheses/brackets and with a trailing `.` or `)`: `b`, `B.`, `(B)`, `B)`.
 *
 * Boolean: yes/no, y/n, true/false, 是/否, 对/错 (對/錯), 正确/错误, 不是; case-insensitive.
 *   The echo is in the language the answer was typed in: 是/否 or yes/no.
 *
 * Set: 1-based integers in 1..max separated by commas, semicolons or spaces,
 *   optionally in `{ }`, `[ ]` or `( )`; order free, duplicates collapsed.
 *   Empty set: `none`, `empty`, `-`, `∅`, `{}`, `无`, `空` (or empty brackets).
 *
 * Unicode: full-width characters (digits, `，`, `（）`, `；`, `．`) via NFKC;
 *   `−` and other dashes are minus, `×` `·` `⋅` `∙` are times, `÷` is
 *   division, `、` is a comma, `。` is a decimal point, superscripts
 *   (`10⁻⁵`, `2³`) are powers; vulgar fractions (`½`) are rejected with a hint.
 *   Subscripts (`10₋₅`) and other compatibility characters that NFKC would turn
 *   into a different letter or digit (`2ᵉ`, `①`) are rejected, never read as
 *   the plain character (which would make `1.2×10₋₅` into 1.2·10 − 5 = 7).
 *
 * Ambiguity: a number, then `e`/`E` set apart by a space, then a signed number
 *   (`2 e-3`, `2e -3`, `1.5 E-5`) is rejected: `2e-3` without spaces is
 *   2×10⁻³, and reading the spaced form as 2·e − 3 would give a different
 *   number than the learner meant.
 *
 * Significant figures (number spec with `sigFigs`): counted in the literal the
 *   learner typed — all digits from the first non-zero one, trailing zeros
 *   included (`0.0250` has 3; `2500` counts as 4; `1.20e-5` has 3; the
 *   mantissa of `1.2×10^-5` has 2). A typed zero, and any arithmetic
 *   (`1/64`, `sqrt(2)/2`, `10^-5`), is an exact value and always counts as
 *   enough.
 *
 * The readers live beside this file by concern: normalise.ts (Unicode),
 * expressions.ts (lexer, parser, bounded evaluation), numbers.ts (one typed
 * number and its significant figures), kinds.ts (one reader per answer kind),
 * echo.ts (the TeX of how the input was understood), limits.ts (the bounds).
 */

/**
 * Reads a learner's raw answer for a spec. Never throws; "not understood"
 * results carry a specific reason, a code with its parameters (see
 * `NotUnderstood`; the sentences are lib/i18n's).
 */
export function parseAnswer(input: string, spec: AnswerSpec): ParseResult {
  const norm = normalizeInput(typeof input === "string" ? input : "");
  if (!norm.ok) return { ok: false, reason: norm.reason };
  const text = norm.text;
  switch (spec.kind) {
    case "number":
      return parseNumberKind(text, spec.sigFigs);
    case "vector":
      return parseVectorKind(text, spec.length);
    case "choice":
      return parseChoiceKind(text, spec.options);
    case "boolean":
      return parseBooleanKind(text);
    case "set":
      return parseSetKind(text, spec.max);
  }
}
