import type { AnswerSpec, AnswerValue } from "@/lib/answer";
import type { Locale } from "@/lib/i18n/locale";
import type { StepOf } from "./define";

export type { AnswerSpec, AnswerValue };

/** Parameters of one exercise draw. `difficulty` is the size/depth knob (1..3). */
export interface ExerciseParams {
  difficulty: number;
  [key: string]: string | number | boolean;
}

/** A typical wrong answer, the value it produces for this instance, and why it is wrong. */
export interface KnownMistake {
  id: string;
  value: AnswerValue;
  /** One line, Markdown with TeX, naming the mistake. */
  explanation: string;
}

/** One drawn exercise. Everything is computed from (generator, seed, params), so it can be rebuilt anywhere. */
export interface ExerciseInstance {
  generator: string;
  seed: number;
  /** The language of the words; numbers and TeX are the same in every language. */
  locale: Locale;
  params: ExerciseParams;
  /** Markdown with TeX showing the drawn numbers. Never contains the answer. */
  prompt: string;
  /** How the learner's input is parsed and compared. */
  answer: AnswerSpec;
  expected: AnswerValue;
  /** The expected answer written for display (TeX), e.g. `-3.1416 \times 10^{-3}`. */
  expectedTex: string;
  mistakes: KnownMistake[];
  /** Shown after a wrong answer that matches no known mistake: where to look first (Markdown with TeX). */
  hint: string;
  /** Step-by-step solution with the actual values of every factor (Markdown with TeX). */
  solution: string;
}

/** The allowed values of one generator parameter (for validation and documentation). */
export type ParamSchema = Record<string, readonly (string | number | boolean)[]>;

export interface ExerciseGenerator {
  id: string;
  /** Short title per language, for lists and statistics. */
  titles: Readonly<Record<Locale, string>>;
  /** Parameters besides `difficulty`, with their allowed values; the first is the default. */
  params: ParamSchema;
  /**
   * Draws an instance. Pure and deterministic: same seed and params give the
   * same instance on every platform. Bad draws are redrawn from the same RNG.
   */
  generate(seed: number, params: ExerciseParams, locale?: Locale): ExerciseInstance;
  /** The intermediates of a step-by-step answer for this instance, or null when the exercise has no step mode. */
  steps(seed: number, params: ExerciseParams): readonly StepOf[] | null;
  /** generate() and steps() from one draw (what the server sends for an exercise card). */
  withSteps(seed: number, params: ExerciseParams, locale?: Locale): { instance: ExerciseInstance; steps: readonly StepOf[] | null };
}
