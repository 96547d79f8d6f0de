import "server-only";
import { randomUUID } from "node:crypto";
import type { FSRS, Grade } from "ts-fsrs";
import { dueNotToday } from "@/lib/srs/day";
import { grade, reviewToken, State } from "@/lib/srs/schedule";
import { LEECH_LAPSES } from "@/lib/srs/settings";
import { isBuried } from "@/lib/srs/queue";
import type { Db } from "./client";
import { serializeState, stateOf } from "./cards";
import { cardActionPrevious, reviewLogPreviousCard } from "./columns";

/** Anki caps the time recorded for one answer; so do we. */
export const MAX_ANSWER_MS = 60_000;

export type GradeResult =
  | { ok: true; duplicate: boolean; cardId: string; due: Date; /** this grade made the card a leech */ leech?: boolean }
  | { ok: false; error: "not-found" | "stale" };

/**
 * Grades one showing of a card: the new card state and its review log are
 * written in one transaction. The review token makes this idempotent: the
 * same token submitted twice (double key press, retried request) is applied
 * once, and a token for a state the card has left is refused as stale.
 */
export async function gradeCard(
  db: Db,
  input: {
    cardId: string;
    token: string;
    rating: Grade;
    now: Date;
    durationMs: number;
    scheduler: FSRS;
    /** The study day's start hour and zone; with them, a review scheduled days ahead never comes back the same study day. */
    studyDay?: { dayStartHour: number; timeZone: string };
  },
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

    const { next, record } = grade(input.scheduler, before, input.rating, input.now, row.id);
    if (input.studyDay && next.state === State.Review && next.scheduledDays >= 1) {
      next.due = dueNotToday(next.due, input.now, input.studyDay.dayStartHour, input.studyDay.timeZone);
    }
    // Anki's leech rule: this grade is the card's LEECH_LAPSES-th (or later) lapse. It is tagged, and the
    // learner told, not suspended.
    const becameLeech = !row.leech && next.lapses > before.lapses && next.lapses >= LEECH_LAPSES;
    await tx.card.update({ where: { id: row.id }, data: { ...next, ...(becameLeech ? { leech: true } : {}) } });
    await tx.reviewLog.create({
      data: {
        id: randomUUID(),
        cardId: row.id,
        token: input.token,
        ...record,
        durationMs: Math.max(0, Math.min(MAX_ANSWER_MS, Math.round(input.durationMs))),
        leechTagged: becameLeech,
        previousCard: serializeState(before),
      },
    });
    return { ok: true, duplicate: false, cardId: row.id, due: next.due, ...(becameLeech ? { leech: true } : {}) };
  });
}

export type UndoResult =
  | { ok: true; cardId: string; undone: "grade" | "bury" | "suspend" | "unsuspend" | "unbury" }
  | { ok: false; error: "nothing-to-undo" };

/**
 * Undoes the most recent grade, bury, suspend or unsuspend made since `since`
 * (the start of the study day: older history is never deleted by undo);
 * called again, the one before it, and so on. The card gets back exactly the
 * state it had before, and the review log entry or action record goes, in one
 * transaction.
 */
export async function undoLast(db: Db, since: Date = new Date(0)): Promise<UndoResult> {
  return db.$transaction(async (tx) => {
    const [log, action] = await Promise.all([
      tx.reviewLog.findFirst({ where: { reviewedAt: { gte: since } }, orderBy: [{ reviewedAt: "desc" }, { id: "desc" }] }),
      tx.cardAction.findFirst({ where: { createdAt: { gte: since } }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
    ]);
    if (action && (!log || action.createdAt >= log.reviewedAt)) {
      const prev = cardActionPrevious.decode(action.previous, action.id);
      await tx.card.update({ where: { id: action.cardId }, data: { suspended: prev.suspended, buriedUntil: prev.buriedUntil } });
      await tx.cardAction.delete({ where: { id: action.id } });
      return { ok: true, cardId: action.cardId, undone: action.kind as "bury" | "suspend" | "unsuspend" | "unbury" };
    }
    if (!log) return { ok: false, error: "nothing-to-undo" };
    const previous = reviewLogPreviousCard.decode(log.previousCard, log.id);
    // A leech tag that this grade added goes with it.
    await tx.card.update({ where: { id: log.cardId }, data: { ...previous, ...(log.leechTagged ? { leech: false } : {}) } });
    await tx.reviewLog.delete({ where: { id: log.id } });
    return { ok: true, cardId: log.cardId, undone: "grade" };
  });
}

export type CardActionResult = { ok: true } | { ok: false; error: "not-found" | "stale" };

/**
 * Buries a card until `until` (the next study day) or suspends it, recording
 * what it was before so that undo can restore it. `token` (the showing's
 * review token) refuses an action on a card that changed meanwhile.
 */
export async function setAside(
  db: Db,
  input: { cardId: string; kind: "bury" | "suspend"; now: Date; until?: Date; token?: string },
): Promise<CardActionResult> {
  return db.$transaction(async (tx) => {
    const row = await tx.card.findUnique({ where: { id: input.cardId } });
    if (!row) return { ok: false, error: "not-found" };
    if (input.token && reviewToken(row.id, stateOf(row)) !== input.token) return { ok: false, error: "stale" };
    if (input.kind === "bury" && !input.until) throw new Error("setAside: bury needs `until`");
    // Already set aside (a second tab, a repeated key): nothing to do, and nothing for undo to take back.
    if (input.kind === "suspend" ? row.suspended : row.buriedUntil && input.until && row.buriedUntil >= input.until) return { ok: true };
    await tx.cardAction.create({
      data: {
        id: randomUUID(),
        cardId: row.id,
        kind: input.kind,
        previous: cardActionPrevious.encode({ suspended: row.suspended, buriedUntil: row.buriedUntil }),
        createdAt: input.now,
      },
    });
    await tx.card.update({
      where: { id: row.id },
      data: input.kind === "suspend" ? { suspended: true } : { buriedUntil: input.until },
    });
    return { ok: true };
  });
}

/**
 * Brings a suspended card back into reviews, or a buried one back today (from
 * the note page). The schedule is untouched, and undo can take it back.
 */
export async function restoreCard(db: Db, cardId: string, kind: "unsuspend" | "unbury", now: Date = new Date()): Promise<CardActionResult> {
  return db.$transaction(async (tx) => {
    const row = await tx.card.findUnique({ where: { id: cardId } });
    if (!row) return { ok: false, error: "not-found" };
    const setAsideNow = kind === "unsuspend" ? row.suspended : isBuried(row, now);
    if (!setAsideNow) return { ok: true };
    await tx.cardAction.create({
      data: {
        id: randomUUID(),
        cardId,
        kind,
        previous: cardActionPrevious.encode({ suspended: row.suspended, buriedUntil: row.buriedUntil }),
        createdAt: now,
      },
    });
    await tx.card.update({ where: { id: cardId }, data: kind === "unsuspend" ? { suspended: false } : { buriedUntil: null } });
    return { ok: true };
  });
}

/** Brings a suspended card back into reviews; see restoreCard. */
export function unsuspend(db: Db, cardId: string, now: Date = new Date()): Promise<CardActionResult> {
  return restoreCard(db, cardId, "unsuspend", now);
}
