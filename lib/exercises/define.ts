import { createRng, type Rng } from "@/lib/engine/rng";
import { LOCALES, type Locale } from "@/lib/i18n/locale";
import { drawUntil } from "./kit/draw";
import { promptShowsAnswer } from "./kit/echo";
import { readDeclaredParams } from "./kit/params";
import type { AnswerSpec, AnswerValue, ExerciseGenerator, ExerciseInstance, ExerciseParams, KnownMistake, ParamSchema } from "./types";

/**
 * The shape of a generator, in four separate parts:
 *
 *   draw     seed's RNG + params → the drawn numbers (no answer, no text)
 *   solve    drawn numbers → the answer, how it is read, and every value the
 *            text shows (the worked solution's intermediates)
 *   mistakes drawn + solved → each typical mistake's value, by id
 *   text     per locale: title, prompt, hint, one explanation per mistake id,
 *            worked solution — functions of (drawn, solved), so numbers and
 *            TeX are the same in every language by construction
 *
 * `text` is typed per locale and per mistake id, so a missing Chinese string
 * or an unexplained mistake fails `tsc`.
 */

/** What every solve() returns, besides the generator's own intermediates. */
export interface Solved {
  /** How the learner's input is read and compared. */
  answer: AnswerSpec;
  expected: AnswerValue;
  /** The expected answer written for display (TeX), identical in every language. */
  expectedTex: string;
}

/** A typical mistake's value for one instance. `optional` ones may be left out when they coincide with the answer. */
export interface MistakeOf<M extends string> {
  id: M;
  value: AnswerValue;
  optional?: boolean;
}

/** One language's text of a generator. Markdown with TeX. */
export interface ExerciseText<D, S, M extends string> {
  /** Short title, for lists and statistics. */
  title: string;
  /** The question, showing the drawn numbers. Never the answer. */
  prompt(d: D, s: S): string;
  /** Shown after a wrong answer that matches no known mistake: where to look first. */
  hint(d: D, s: S): string;
  /** One explanation per mistake id, with this instance's numbers. */
  mistakes: { readonly [K in M]: (d: D, s: S) => string };
  /** Step by step, with the actual value of every factor. */
  solution(d: D, s: S): string;
}

/**
 * One intermediate of a step-by-step answer (issue 11 §4). Checked with error
 * carried forward: a step is right when it matches `value` computed from the
 * learner's own accepted values of the earlier steps, so one slip early does
 * not make every later step wrong.
 */
export interface StepOf {
  id: string;
  /** What to compute, in TeX, the same in every language, e.g. `w_2\,\sigma'(z_2)`. */
  tex: string;
  /**
   * The right value of this step given the values the learner gave for the
   * earlier steps (`earlier[i]` for step i). With the true earlier values it is
   * the true intermediate; the last step's true value is the answer.
   */
  value(earlier: readonly number[]): number;
}

/** A generator's numbers (its model.ts): drawing, solving, mistakes, steps. No prose. */
export interface ExerciseModel<P extends ExerciseParams, D, S extends Solved, M extends string, Q = undefined> {
  /**
   * Reads and checks the parameters (typed errors naming the parameter); the
   * result is the instance's params. Default: the difficulty knob and each
   * option declared in the definition's `params` (kit/params readDeclaredParams).
   */
  readParams?(params: ExerciseParams): P;
  /**
   * Drawn once per instance, before the candidates (e.g. which class of
   * matrix to build): every candidate draw sees the same value.
   */
  prepare?(rng: Rng, p: P): Q;
  /** One candidate draw from the RNG; null when it is degenerate (the next candidate is drawn from the same stream). */
  draw(rng: Rng, p: P, prepared: Q): D | null;
  /** The exact answer; null when this draw makes a poor question (redrawn). */
  solve(d: D, p: P): S | null;
  /**
   * The mistakes of this instance, already checked to be different answers
   * (kit/mistakes resolves them); null when a required one coincides with the
   * answer or another mistake (redrawn).
   */
  mistakes(d: D, s: S): readonly MistakeOf<M>[] | null;
  /**
   * Whether a prompt gives the answer away (redrawn). Default: a number
   * answer shown among the prompt's numbers, as TeX or as typed.
   */
  showsAnswer?(prompt: string, d: D, s: S): boolean;
  /** Step-by-step mode: the intermediates, in order, for a number answer. Absent or empty: final answer only. */
  steps?(d: D, s: S): readonly StepOf[];
}

/** A generator: its id and parameters, its model (numbers) and its text per language (words). */
export interface ExerciseDefinition<P extends ExerciseParams, D, S extends Solved, M extends string, Q = undefined> {
  id: string;
  /** Parameters besides `difficulty`, with their allowed values; the first is the default. */
  params: ParamSchema;
  /** Candidate draws before giving up (a generator that cannot find a good instance is a bug). */
  maxDraws: number;
  model: ExerciseModel<P, D, S, M, Q>;
  text: { readonly [L in Locale]: ExerciseText<D, S, M> };
}

/** A defined generator: the registry's interface, plus its definition and the drawn data (for tests that recompute independently). */
export interface DefinedExercise<P extends ExerciseParams, D, S extends Solved, M extends string, Q = undefined> extends ExerciseGenerator {
  definition: ExerciseDefinition<P, D, S, M, Q>;
  /** The accepted draw of (seed, params), before any text is written. */
  sample(seed: number, params: ExerciseParams): Sample<P, D, S, M>;
}

export interface Sample<P, D, S, M extends string> {
  seed: number;
  params: P;
  d: D;
  s: S;
  mistakes: readonly MistakeOf<M>[];
}

interface Accepted<D, S, M extends string> {
  d: D;
  s: S;
  mistakes: readonly MistakeOf<M>[];
}

const YES_NO: Readonly<Record<Locale, readonly [string, string]>> = { en: ["yes", "no"], zh: ["是", "否"] };

/** A yes/no answer as TeX in `locale`. */
export function yesNoTex(value: boolean, locale: Locale): string {
  const [yes, no] = YES_NO[locale];
  return `\\text{${value ? yes : no}}`;
}

function defaultShowsAnswer(prompt: string, s: Solved): boolean {
  return typeof s.expected === "number" && promptShowsAnswer(prompt, s.expected);
}

/**
 * Turns a definition into the registry's generator: draws (redrawing from the
 * same RNG stream until a candidate is accepted), solves, resolves mistakes,
 * and writes the text in the requested language. Deterministic in (seed,
 * params); the locale changes words only.
 */
export function defineExercise<P extends ExerciseParams, D, S extends Solved, M extends string, Q = undefined>(
  def: ExerciseDefinition<P, D, S, M, Q>,
): DefinedExercise<P, D, S, M, Q> {
  const model = def.model;
  const shows = (prompt: string, a: Accepted<D, S, M>) =>
    model.showsAnswer ? model.showsAnswer(prompt, a.d, a.s) : defaultShowsAnswer(prompt, a.s);
  const candidate = (rng: Rng, p: P, q: Q): Accepted<D, S, M> | null => {
    const d = model.draw(rng, p, q);
    if (d === null) return null;
    const s = model.solve(d, p);
    if (s === null) return null;
    const mistakes = model.mistakes(d, s);
    if (mistakes === null) return null;
    const a = { d, s, mistakes };
    // Checked in every language: a prompt must not show the answer in any of them.
    return LOCALES.some((l) => shows(def.text[l].prompt(d, s), a)) ? null : a;
  };
  const readParams = model.readParams ?? ((params: ExerciseParams) => readDeclaredParams(def.params, params) as P);
  const sample = (seed: number, params: ExerciseParams): Sample<P, D, S, M> => {
    const p = readParams(params);
    const rng = createRng(seed);
    const q = model.prepare ? model.prepare(rng, p) : (undefined as Q);
    const a = drawUntil(rng, (r) => candidate(r, p, q), (x) => x !== null, def.maxDraws) as Accepted<D, S, M>;
    return { seed, params: p, ...a };
  };
  const stepsOf = (a: Sample<P, D, S, M>): readonly StepOf[] | null => {
    const steps = model.steps?.(a.d, a.s) ?? [];
    return steps.length > 0 ? steps : null;
  };
  /** The instance's text in `locale`: words change with the language, numbers and TeX do not. */
  const write = (a: Sample<P, D, S, M>, locale: Locale): ExerciseInstance => {
    const t = def.text[locale];
    const { d, params: p } = a;
    // A yes/no answer is a word, written in the instance's language; numbers and letters are the same in every language.
    const s = typeof a.s.expected === "boolean" ? { ...a.s, expectedTex: yesNoTex(a.s.expected, locale) } : a.s;
    const mistakes: KnownMistake[] = a.mistakes.map((m) => ({ id: m.id, value: m.value, explanation: t.mistakes[m.id](d, s) }));
    return {
      generator: def.id,
      seed: a.seed,
      locale,
      params: p,
      prompt: t.prompt(d, s),
      answer: s.answer,
      expected: s.expected,
      expectedTex: s.expectedTex,
      mistakes,
      hint: t.hint(d, s),
      solution: t.solution(d, s),
    };
  };
  return {
    id: def.id,
    titles: Object.fromEntries(LOCALES.map((l) => [l, def.text[l].title])) as Record<Locale, string>,
    params: def.params,
    definition: def,
    sample,
    steps: (seed, params) => stepsOf(sample(seed, params)),
    generate: (seed, params, locale = "en") => write(sample(seed, params), locale),
    withSteps(seed, params, locale = "en") {
      const a = sample(seed, params);
      return { instance: write(a, locale), steps: stepsOf(a) };
    },
  };
}
