import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "./client";
import { attemptParams, attemptParsedValue } from "./columns";

type AttemptRow = Awaited<ReturnType<Db["attempt"]["findFirstOrThrow"]>>;

export interface AttemptInput {
  cardId: string;
  generator: string;
  seed: number;
  params: Record<string, string | number | boolean>;
  input: string;
  parsedValue: unknown;
  verdict: "correct" | "wrong" | "revealed";
  mistakeId: string | null;
  tryNumber: number;
  durationMs: number;
  /** exercise: off the schedule (a note's exercise page, cram); review: in a review session. */
  context: "exercise" | "review";
  now: Date;
}

export interface AttemptView extends Omit<AttemptInput, "now" | "parsedValue"> {
  id: string;
  parsedValue: unknown;
  createdAt: Date;
}

/** Stores one answered attempt (inputs that could not be understood are never stored: they cost nothing). */
export async function recordAttempt(db: Db, a: AttemptInput): Promise<string> {
  const id = randomUUID();
  await db.attempt.create({
    data: {
      id,
      cardId: a.cardId,
      generator: a.generator,
      seed: a.seed,
      params: attemptParams.encode(a.params),
      input: a.input,
      parsedValue: a.parsedValue === undefined ? null : attemptParsedValue.encode(a.parsedValue),
      verdict: a.verdict,
      mistakeId: a.mistakeId,
      tryNumber: a.tryNumber,
      durationMs: Math.max(0, Math.round(a.durationMs)),
      context: a.context,
      createdAt: a.now,
    },
  });
  return id;
}

export async function attemptsForCard(db: Db, cardId: string): Promise<AttemptView[]> {
  const rows = await db.attempt.findMany({ where: { cardId }, orderBy: { createdAt: "asc" } });
  return rows.map(toView);
}

function toView(r: AttemptRow): AttemptView {
  return {
    id: r.id,
    cardId: r.cardId,
    generator: r.generator,
    seed: r.seed,
    params: attemptParams.decode(r.params, r.id),
    input: r.input,
    parsedValue: r.parsedValue === null ? null : attemptParsedValue.decode(r.parsedValue, r.id),
    verdict: r.verdict as AttemptInput["verdict"],
    mistakeId: r.mistakeId,
    tryNumber: r.tryNumber,
    durationMs: r.durationMs,
    context: r.context as AttemptInput["context"],
    createdAt: r.createdAt,
  };
}

/** The latest attempts at a note's exercise cards, newest first (for "show this instance again"). */
export async function recentAttemptsForNote(db: Db, noteId: string, limit = 8): Promise<AttemptView[]> {
  const rows = await db.attempt.findMany({ where: { card: { noteId } }, orderBy: { createdAt: "desc" }, take: limit });
  return rows.map(toView);
}
