import "server-only";
import { randomUUID } from "node:crypto";
import type { FSRS, Grade } from "ts-fsrs";
import { grade, reviewToken } from "@/lib/srs/schedule";
import type { Db } from "./client";
import { deserializeState, serializeState, stateOf } from "./cards";

/** Anki caps the time recorded for one answer; so do we. */
export const MAX_ANSWER_MS = 60_000;

export type GradeResult =
  | { ok: true; duplicate: boolean; cardId: string; due: Date }
  | { ok: false; error: "not-found" | "stale" };

/**
 * Grades one showing of a card: the new card state and its review log are
 * written in one transaction. The review token makes this idempotent: the
 * same token submitted twice (double key press, retried request) is applied
 * once, and a token for a state the card has left is refused as stale.
 */
export async function gradeCard(
  db: Db,
  input: { cardId: string; token: string; rating: Grade; now: Date; durationMs: number; scheduler: FSRS },
): Promise<GradeResult> {
  return db.$transaction(async (tx) => {
    const logged = await tx.reviewLog.findUnique({ where: { token: input.token } });
    if (logged) {
      const card = await tx.card.findUnique({ where: { id: logged.cardId } });
      return { ok: true, duplicate: true, cardId: logged.cardId, due: card?.due ?? logged.due };
    }
    const row = await tx.card.findUnique({ where: { id: input.cardId } });
    if (!row) return { ok: false, error: "not-found" };
    const before = stateOf(row);
    if (reviewToken(row.id, before) !== input.token) return { ok: false, error: "stale" };

    const { next, record } = grade(input.scheduler, before, input.rating, input.now);
    await tx.card.update({ where: { id: row.id }, data: next });
    await tx.reviewLog.create({
      data: {
        id: randomUUID(),
        cardId: row.id,
        token: input.token,
        ...record,
        durationMs: Math.max(0, Math.min(MAX_ANSWER_MS, Math.round(input.durationMs))),
        previousCard: serializeState(before),
      },
    });
    return { ok: true, duplicate: false, cardId: row.id, due: next.due };
  });
}

export type UndoResult = { ok: true; cardId: string } | { ok: false; error: "nothing-to-undo" };

/**
 * Undoes the most recent grade: the card gets back exactly the state it had
 * before, and that grade's review log entry is removed, in one transaction.
 */
export async function undoLastReview(db: Db): Promise<UndoResult> {
  return db.$transaction(async (tx) => {
    const last = await tx.reviewLog.findFirst({ orderBy: [{ reviewedAt: "desc" }, { id: "desc" }] });
    if (!last) return { ok: false, error: "nothing-to-undo" };
    await tx.card.update({ where: { id: last.cardId }, data: deserializeState(last.previousCard) });
    await tx.reviewLog.delete({ where: { id: last.id } });
    return { ok: true, cardId: last.cardId };
  });
}
