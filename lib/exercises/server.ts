import "server-only";
import { randomInt } from "node:crypto";
import type { NotUnderstood } from "@/lib/answer";
import { renderMarkdown } from "@/lib/content/render";
import type { ExerciseSpec } from "@/lib/content/types";
import { recordAttempt } from "@/lib/db/attempts";
import type { Db } from "@/lib/db/client";
import { attemptParams } from "@/lib/db/columns";
import { getCardWithLocale } from "@/lib/db/queries";
import type { Locale } from "@/lib/i18n/locale";
import type { StepOf } from "./define";
import { evaluateAnswer } from "./evaluate";
import { checkSteps } from "./steps";
import { clampDifficulty, type Difficulty } from "./kit/params";
import { buildInstance, getGenerator } from "./registry";
import type { ExerciseInstance } from "./types";

/**
 * The server side of live exercises: draw an instance for an exercise card, check
 * an answer against the instance rebuilt from its seed, store the attempt.
 * The browser only ever receives the prompt; the expected value, the mistakes
 * and the solution stay here until they are earned.
 */

export type AttemptContext = "exercise" | "review";

/** What the browser gets for one exercise: the prompt only, never the answer. */
export interface DrawnExercise {
  cardId: string;
  seed: number;
  difficulty: Difficulty;
  generator: string;
  title: string;
  promptHtml: string;
  answerKind: ExerciseInstance["answer"]["kind"];
  /** How answers are read (no expected value in it): lets the browser preview how an input is understood. */
  answer: ExerciseInstance["answer"];
  /** Option letters of a multiple-choice item; the highest index of a set item. */
  options: string[];
  setMax: number | null;
  vectorLength: number | null;
  /** Step-by-step mode: what each intermediate is (TeX drawn as HTML), in order; null when the exercise has none. */
  steps: { id: string; html: string }[] | null;
}

export function newSeed(): number {
  return randomInt(1, 2 ** 31 - 1);
}

/** The instance of an exercise card for a seed, written in `locale` (the card's note's language). */
export function instanceFor(spec: ExerciseSpec, seed: number, difficulty: number = spec.difficulty, locale: Locale = "en"): ExerciseInstance {
  return buildInstance(spec.generator, seed, { ...spec, difficulty: clampDifficulty(difficulty) }, locale);
}

const html = (markdown: string) => renderMarkdown(markdown).html;

/** The steps of an instance's step-by-step mode, or null. */
function stepsFor(spec: ExerciseSpec, seed: number, difficulty: number): readonly StepOf[] | null {
  return getGenerator(spec.generator).steps(seed, { ...spec.params, difficulty: clampDifficulty(difficulty) });
}

export function drawnExercise(cardId: string, spec: ExerciseSpec, seed: number, difficulty: number, locale: Locale): DrawnExercise {
  const d = clampDifficulty(difficulty);
  // The prompt and the step labels from one draw.
  const g = getGenerator(spec.generator);
  const { instance: inst, steps } = g.withSteps(seed, { ...spec.params, difficulty: d }, locale);
  const a = inst.answer;
  return {
    cardId,
    seed,
    difficulty: d,
    generator: spec.generator,
    title: spec.title ?? g.titles[locale],
    promptHtml: html(inst.prompt),
    answerKind: a.kind,
    answer: a,
    options: a.kind === "choice" ? [...a.options] : [],
    setMax: a.kind === "set" ? a.max : null,
    vectorLength: a.kind === "vector" ? a.length : null,
    steps: steps?.map((st) => ({ id: st.id, html: html(`$${st.tex}$`) })) ?? null,
  };
}

/**
 * The exercise for a card, or null when it cannot be drawn (a generator or
 * parameter this version does not have, e.g. from a database synced by
 * another version). One broken card must not take a page down with it: the
 * caller shows an error card and the learner moves on.
 */
export function tryDrawnExercise(cardId: string, spec: ExerciseSpec, seed: number, locale: Locale, difficulty: number = spec.difficulty): DrawnExercise | null {
  try {
    return drawnExercise(cardId, spec, seed, difficulty, locale);
  } catch (err) {
    console.error(`card ${cardId}: cannot draw its exercise (generator ${JSON.stringify(spec.generator)})`, err);
    return null;
  }
}


/** The instance for an answer or a reveal, or null when the card's exercise cannot be rebuilt. */
function tryInstance(spec: ExerciseSpec, seed: number, difficulty: number, locale: Locale): ExerciseInstance | null {
  try {
    return instanceFor(spec, seed, difficulty, locale);
  } catch (err) {
    console.error(`cannot rebuild an instance of ${JSON.stringify(spec.generator)}`, err);
    return null;
  }
}

async function exerciseCard(db: Db, id: string): Promise<{ id: string; exercise: ExerciseSpec; locale: Locale } | null> {
  const card = await getCardWithLocale(db, id);
  return card?.exercise && !card.retired ? { id: card.id, exercise: card.exercise, locale: card.noteLocale } : null;
}

/**
 * Why a draw, an answer or a reveal failed, as a code the page puts in words
 * in the interface language (`messages(locale).exercise.errors`):
 * gone — the card or its exercise no longer exists; broken — its exercise
 * cannot be drawn (npm run content:check says why); answer-not-saved /
 * not-saved — the attempt could not be stored (nothing was recorded);
 * invalid — the request itself was malformed (the server actions' check).
 */
export type ExerciseError = "gone" | "broken" | "answer-not-saved" | "not-saved" | "invalid";

export type DrawResult = { ok: true; item: DrawnExercise } | { ok: false; error: ExerciseError };

export async function drawForCard(db: Db, cardId: string, difficulty?: number, seed: number = newSeed()): Promise<DrawResult> {
  const card = await exerciseCard(db, cardId);
  if (!card) return { ok: false, error: "gone" };
  const item = tryDrawnExercise(card.id, card.exercise, seed, card.locale, difficulty ?? card.exercise.difficulty);
  return item ? { ok: true, item } : { ok: false, error: "broken" };
}

export interface AnswerRequest {
  cardId: string;
  seed: number;
  difficulty: number;
  input: string;
  /** 1 for the first answer to this instance, 2 after one wrong answer, … */
  tryNumber: number;
  elapsedMs: number;
  context: AttemptContext;
}

export type SubmitResult =
  | { ok: false; error: ExerciseError }
  /** Why the input was not understood: a code, put in words in the interface language by the page. */
  | { ok: true; status: "not-understood"; reason: NotUnderstood }
  | {
      ok: true;
      status: "answered";
      verdict: "correct" | "wrong";
      /** How the input was understood, as KaTeX HTML. */
      echoHtml: string;
      /** The recognised mistake's explanation. */
      feedbackHtml: string | null;
      /** For a wrong answer that is no known mistake: the hint, without its label (the page adds "Hint:" in the interface language). */
      hintHtml: string | null;
      mistakeId: string | null;
      /** The worked solution, only once the answer is correct. */
      solutionHtml: string | null;
    };

/**
 * Checks one answer. Input that cannot be understood is reported and not
 * stored: it costs nothing. A failed write reports an error and stores nothing.
 */
export async function submitAnswer(db: Db, req: AnswerRequest, now: Date = new Date()): Promise<SubmitResult> {
  const found = await cardInstance(db, req);
  if (!found.ok) return found;
  const { inst } = found;
  const ev = evaluateAnswer(inst, req.input);
  if (!ev.understood) return { ok: true, status: "not-understood", reason: ev.reason };
  const saved = await storeAttempt(db, found, req, now, { input: req.input, parsedValue: ev.value, verdict: ev.verdict, mistakeId: ev.mistake?.id ?? null });
  if (!saved) return { ok: false, error: "answer-not-saved" };
  const wrong = ev.verdict === "wrong";
  return {
    ok: true,
    status: "answered",
    verdict: ev.verdict,
    echoHtml: html(`$${ev.echoTex}$`),
    feedbackHtml: wrong && ev.mistake ? html(ev.mistake.explanation) : null,
    hintHtml: wrong && !ev.mistake ? html(inst.hint) : null,
    mistakeId: ev.mistake?.id ?? null,
    solutionHtml: ev.verdict === "correct" ? html(inst.solution) : null,
  };
}

type Found = { ok: true; cardId: string; inst: ExerciseInstance } | { ok: false; error: ExerciseError };

/** The card's instance for a request, rebuilt from its seed in the note's language. */
async function cardInstance(db: Db, req: { cardId: string; seed: number; difficulty: number }): Promise<Found> {
  const card = await exerciseCard(db, req.cardId);
  if (!card) return { ok: false, error: "gone" };
  const inst = tryInstance(card.exercise, req.seed, req.difficulty, card.locale);
  return inst ? { ok: true, cardId: card.id, inst } : { ok: false, error: "broken" };
}

/** Stores one attempt on an instance; false (nothing stored) when the write fails. */
async function storeAttempt(
  db: Db,
  found: { cardId: string; inst: ExerciseInstance },
  req: Omit<AnswerRequest, "input">,
  now: Date,
  outcome: Pick<Parameters<typeof recordAttempt>[1], "input" | "parsedValue" | "verdict" | "mistakeId">,
): Promise<boolean> {
  try {
    await recordAttempt(db, {
      cardId: found.cardId,
      generator: found.inst.generator,
      seed: req.seed,
      params: found.inst.params,
      ...outcome,
      tryNumber: req.tryNumber,
      durationMs: req.elapsedMs,
      context: req.context,
      now,
    });
    return true;
  } catch (err) {
    console.error("recording an attempt failed", err);
    return false;
  }
}

export type RevealResult = { ok: true; solutionHtml: string; expectedHtml: string } | { ok: false; error: ExerciseError };

/** Gives up on an instance: stores a "revealed" attempt and returns the worked solution. */
export async function revealSolution(
  db: Db,
  req: Omit<AnswerRequest, "input">,
  now: Date = new Date(),
): Promise<RevealResult> {
  const found = await cardInstance(db, req);
  if (!found.ok) return found;
  const saved = await storeAttempt(db, found, req, now, { input: "", parsedValue: undefined, verdict: "revealed", mistakeId: null });
  if (!saved) return { ok: false, error: "not-saved" };
  return { ok: true, solutionHtml: html(found.inst.solution), expectedHtml: html(`$${found.inst.expectedTex}$`) };
}

/**
 * A recorded mistake in words: the explanation the checker gave, rebuilt from
 * the instance it was made on (its real numbers), and the generator's title.
 * Null when the instance can no longer be rebuilt (generator or mistake gone).
 */
export function describeMistake(
  generator: string,
  seed: number,
  paramsJson: string,
  mistakeId: string,
  locale: Locale,
): { title: string; html: string } | null {
  try {
    // Attempt.params as stats passes it on (without its row): an unreadable one is described as null like any other.
    const { difficulty, ...params } = attemptParams.decode(paramsJson, null);
    if (typeof difficulty !== "number") return null;
    const instance = buildInstance(generator, seed, { difficulty, params }, locale);
    const mistake = instance.mistakes.find((m) => m.id === mistakeId);
    return mistake ? { title: getGenerator(generator).titles[locale], html: html(mistake.explanation) } : null;
  } catch {
    return null;
  }
}

export interface StepsRequest {
  cardId: string;
  seed: number;
  difficulty: number;
  /** The learner's values of the first steps, in order. */
  inputs: string[];
}

export type StepsCheck =
  | { ok: false; error: ExerciseError }
  | {
      ok: true;
      /** One per input checked (checking stops at the first input not understood). */
      steps: { verdict: "correct" | "wrong" | "not-understood"; echoHtml: string | null; reason: NotUnderstood | null }[];
      /** The first step that is wrong given the learner's own earlier steps. */
      firstWrong: number | null;
    };

/**
 * Checks the steps entered so far of a step-by-step answer, with error
 * carried forward (lib/exercises/steps.ts). Scaffolding, not an answer:
 * nothing is stored, and no step's value is sent before the learner typed it.
 */
export async function checkStepsForCard(db: Db, req: StepsRequest): Promise<StepsCheck> {
  const card = await exerciseCard(db, req.cardId);
  if (!card) return { ok: false, error: "gone" };
  let steps: readonly StepOf[] | null;
  try {
    steps = stepsFor(card.exercise, req.seed, req.difficulty);
  } catch (err) {
    console.error(`cannot rebuild the steps of ${JSON.stringify(card.exercise.generator)}`, err);
    return { ok: false, error: "broken" };
  }
  if (!steps) return { ok: false, error: "invalid" };
  const r = checkSteps(steps, req.inputs);
  return {
    ok: true,
    steps: r.verdicts.map((v) =>
      v.kind === "not-understood"
        ? { verdict: v.kind, echoHtml: null, reason: v.reason.reason }
        : { verdict: v.kind, echoHtml: html(`$${v.tex}$`), reason: null },
    ),
    firstWrong: r.firstWrong,
  };
}
