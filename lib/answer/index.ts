/**
 * The safe answer parser and checker. See parse.ts for the accepted syntax
 * and check.ts for the comparison semantics.
 */
export type { AnswerSpec, AnswerValue, MistakeValue, ParsedAnswer, ParseResult, Tolerance, Verdict } from "./types";
export { MAX_INPUT_LENGTH, MAX_MAGNITUDE, MAX_NESTING, MIN_MAGNITUDE, normalizeInput, parseAnswer, parseNumberExpression } from "./parse";
export type { NumberParse, ParsedNumber } from "./parse";
export {
  acceptanceHalfWidth,
  checkAnswer,
  DEFAULT_ABS,
  DEFAULT_REL,
  DISTINGUISH_MARGIN,
  distinguishable,
  sigFigHalfUnit,
  valuesMatch,
} from "./check";
export { numberTex } from "./tex";
