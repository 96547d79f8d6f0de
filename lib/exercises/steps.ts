import { type AnswerSpec, parseAnswer, type ParseResult, valuesMatch } from "@/lib/answer";
import type { StepOf } from "./define";
import { REL_TOL } from "./kit/mistakes";

/**
 * Checking a step-by-step answer with error carried forward (issue 11 §4, as
 * STACK and Numbas do it): each step is compared with the value it should have
 * given the learner's OWN earlier steps, so a slip in step 2 makes step 2
 * wrong, not every step after it. The first step that is wrong on those terms
 * is the one the feedback points at. Whether the final value is the true
 * answer is decided separately (only that is recorded as a correct attempt).
 */

/** Each step is one number, read and compared like a number answer at the exercises' tolerance. */
export const STEP_SPEC: AnswerSpec = { kind: "number", tolerance: { rel: REL_TOL } };

export type StepVerdict =
  | { kind: "not-understood"; reason: Extract<ParseResult, { ok: false }> }
  | { kind: "correct"; value: number; tex: string }
  /** Wrong given the learner's earlier steps. */
  | { kind: "wrong"; value: number; tex: string };

export interface StepsResult {
  /** One verdict per input given, in order; checking stops at the first input that is not understood. */
  verdicts: StepVerdict[];
  /** Index of the first wrong step, or null. */
  firstWrong: number | null;
}

/**
 * Checks the inputs given so far (`inputs.length` ≤ steps.length). Step i is
 * right when it matches `steps[i].value(earlier)`, where `earlier` holds the
 * values the learner gave for steps 0..i−1 — or the step's true value (a
 * learner who fixed an earlier slip in their head is not marked wrong).
 */
export function checkSteps(steps: readonly StepOf[], inputs: readonly string[]): StepsResult {
  const truth = trueStepValues(steps);
  const verdicts: StepVerdict[] = [];
  const earlier: number[] = [];
  let firstWrong: number | null = null;
  const n = Math.min(inputs.length, steps.length);
  for (let i = 0; i < n; i++) {
    const r = parseAnswer(inputs[i] as string, STEP_SPEC);
    if (!r.ok) {
      verdicts.push({ kind: "not-understood", reason: r });
      break;
    }
    const value = r.parsed.value as number;
    const right = (steps[i] as StepOf).value(earlier);
    const matches = (v: number) => Number.isFinite(v) && valuesMatch(value, v, STEP_SPEC);
    const ok = matches(right) || matches(truth[i] as number);
    verdicts.push({ kind: ok ? "correct" : "wrong", value, tex: r.parsed.tex });
    if (!ok && firstWrong === null) firstWrong = i;
    earlier.push(value);
  }
  return { verdicts, firstWrong };
}

/** The true value of every step (each computed from the true earlier values). */
export function trueStepValues(steps: readonly StepOf[]): number[] {
  const values: number[] = [];
  for (const s of steps) values.push(s.value(values));
  return values;
}
