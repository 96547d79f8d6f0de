import { checkAnswer, MAX_INPUT_LENGTH, type NotUnderstood } from "@/lib/answer";
import type { AnswerValue, ExerciseInstance, KnownMistake } from "./types";

export type Evaluation =
  /** Why the input was not understood: a code, put in words in the interface language by the caller. */
  | { understood: false; reason: NotUnderstood }
  | {
      understood: true;
      verdict: "correct" | "wrong";
      /** The value the input was understood as (what is stored with the attempt). */
      value: AnswerValue;
      /** How the input was understood, in TeX, for the "you entered …" echo. */
      echoTex: string;
      /** The recognised typical mistake, when a wrong answer matches one. */
      mistake: KnownMistake | null;
    };

/**
 * Checks a learner's raw input against one exercise instance: parse (safe and
 * bounded), compare with the expected value, and recognise a known mistake.
 * Input that cannot be understood is reported as such; it is not a wrong answer.
 */
export function evaluateAnswer(instance: ExerciseInstance, input: string): Evaluation {
  if (input.length > MAX_INPUT_LENGTH) {
    return { understood: false, reason: { code: "too-long", max: MAX_INPUT_LENGTH } };
  }
  const v = checkAnswer(input, instance.answer, instance.expected, instance.mistakes);
  if (v.kind === "not-understood") return { understood: false, reason: v.reason };
  if (v.kind === "correct") {
    return { understood: true, verdict: "correct", value: v.parsed.value, echoTex: v.parsed.tex, mistake: null };
  }
  const mistake = v.mistakeId ? (instance.mistakes.find((m) => m.id === v.mistakeId) ?? null) : null;
  return { understood: true, verdict: "wrong", value: v.parsed.value, echoTex: v.parsed.tex, mistake };
}
