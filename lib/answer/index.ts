/**
 * The safe answer parser and checker. See parse.ts for the accepted syntax
 * and check.ts for the comparison semantics.
 */
export type {
  AnswerSpec,
  AnswerValue,
  ListProblem,
  MistakeValue,
  NotUnderstood,
  NumberProblem,
  ParsedAnswer,
  ParseResult,
  Tolerance,
  Verdict,
} from "./types";
export { MAX_INPUT_LENGTH, MAX_MAGNITUDE, MAX_NESTING, MIN_MAGNITUDE } from "./limits";
export { normalizeInput } from "./normalise";
export { parseAnswer } from "./parse";
export { parseNumberExpression } from "./numbers";
export type { NumberParse, ParsedNumber } from "./numbers";
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
export { numberTex } from "./echo";
