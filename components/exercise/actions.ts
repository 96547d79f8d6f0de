"use server";

import { z } from "zod";
import { getDb } from "@/lib/db/client";
import {
  checkStepsForCard,
  drawForCard,
  revealSolution,
  submitAnswer,
  type DrawResult,
  type RevealResult,
  type StepsCheck,
  type SubmitResult,
} from "@/lib/exercises/server";

/** The exercise runner's server actions (exercise, review and cram pages): validate the request, then lib/exercises/server does the work. */

const seed = z.number().int().min(1).max(2 ** 31 - 1);
const cardId = z.string().min(1).max(500);
const difficulty = z.number().int().min(1).max(3);
const base = {
  cardId,
  seed,
  difficulty,
  tryNumber: z.number().int().min(1).max(1000),
  elapsedMs: z.number().int().min(0).max(86_400_000),
  context: z.enum(["exercise", "review"]),
};
const invalid = { ok: false as const, error: "invalid" as const };

export async function drawExerciseAction(input: { cardId: string; difficulty?: number }): Promise<DrawResult> {
  const p = z.object({ cardId, difficulty: difficulty.optional() }).safeParse(input);
  if (!p.success) return invalid;
  return drawForCard(getDb(), p.data.cardId, p.data.difficulty);
}

// The raw input is capped generously here; the checker says "not understood" past its own limit.
const submitInput = z.object({ ...base, input: z.string().max(10_000) });

export async function submitAnswerAction(input: z.input<typeof submitInput>): Promise<SubmitResult> {
  const p = submitInput.safeParse(input);
  if (!p.success) return invalid;
  return submitAnswer(getDb(), p.data);
}

const revealInput = z.object(base);

export async function revealSolutionAction(input: z.input<typeof revealInput>): Promise<RevealResult> {
  const p = revealInput.safeParse(input);
  if (!p.success) return invalid;
  return revealSolution(getDb(), p.data);
}

// At most a few dozen steps, each as long as an answer may be.
const stepsInput = z.object({ cardId, seed, difficulty, inputs: z.array(z.string().max(10_000)).min(1).max(64) });

export async function checkStepsAction(input: z.input<typeof stepsInput>): Promise<StepsCheck> {
  const p = stepsInput.safeParse(input);
  if (!p.success) return invalid;
  return checkStepsForCard(getDb(), p.data);
}
