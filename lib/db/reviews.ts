import "server-only";
import { randomUUID } from "node:crypto";
import type { FSRS, Grade } from "ts-fsrs";
import { dueNotToday } from "@/lib/srs/day";
import { grade, parseReviewToken, reviewToken, State, type CardState } from "@/lib/srs/schedule";
import { LEECH_LAPSES } from "@/lib/srs/settings";
import { isBuried, siblingsToBury, type BuryOptions } from "@/lib/srs/queue";
import type Database from "better-sqlite3";
import { statement, writeTransaction, type Db } from "./client";
import { cardActionUndo, SCHEDULE_ACTION_KINDS } from "./browse-actions";
import { serializeState, stateOf } from "./cards";
import { cardActionPrevious, decodeCardState, reviewLogPreviousCard } from "./columns";

/** Anki caps the time recorded for one answer; so do we. */
export const MAX_ANSWER_MS = 60_000;

/** Why a grade was not applied. */
export type GradeError =
  /** The card is gone. */
  | "not-found"
  /** The card changed since it was shown (reset, edited, set aside), other than by a grade. */
  | "stale"
  /** Another showing of the card (another tab) was graded first. */
  | "graded-elsewhere"
  /** This showing's grade was applied and then undone: a replay of it is not a new grade. */
  | "undone";

export type GradeResult =
  | {
      ok: true;
      duplicate: boolean;
      cardId: string;
      due: Date;
      state: State;
      /** this grade made the card a leech */
      leech?: boolean;
      /** Siblings this grade buried until the next study day. */
      buried: string[];
    }
  | { ok: false; error: GradeError };

/**
 * CardAction kinds besides the learner's own bury/suspend/unsuspend/unbury
 * (which `u` undoes one by one). They belong to a grade and go with it:
 *
 *   bury-sibling  a sibling the grade buried; id `sibling:<review log id>:<card id>`,
 *                 so undoing the grade finds them by prefix
 *   undone-grade  a showing token whose grade was undone; id `undone:<token>`,
 *                 so a replay of it is refused by primary key
 */
const SET_ASIDE_KINDS = ["bury", "suspend", "unsuspend", "unbury"];
const siblingActionPrefix = (logId: string) => `sibling:${logId}:`;
const undoneActionId = (token: string) => `undone:${token}`;

/**
 * Grades one showing of a card: the new card state and its review log are
 * written in one transaction, with the siblings the grade buries (`bury`).
 *
 * The token makes this idempotent: the same token submitted twice (double key
 * press, retried request) is applied once. A token for a state the card has
 * left is refused, as "graded-elsewhere" when another showing was graded
 * since (another tab). A showing token (lib/srs showingToken) whose grade was
 * undone is refused as "undone"; a bare state token (scripts, tests) is
 * accepted again after an undo, since it cannot tell the replay of a grade
 * from a new grade of the restored state.
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
    /** Sibling burying as the settings choose it, until `until` (the next study day). Without it, no sibling is buried. */
    bury?: BuryOptions & { until: Date };
  },
): Promise<GradeResult> {
  // One synchronous transaction on the client's own connection (lib/db/client writeTransaction): the
  // review session's hot path, about ten statements that cost more through Prisma than in SQLite.
  return writeTransaction(db, (sql) => gradeIn(sql, input));
}

/** A Card row as SQLite returns it: CardState's fields, with dates as ISO text and booleans as 0/1. */
type CardRowSql = Omit<CardState, "due" | "lastReview"> & {
  id: string;
  noteId: string;
  due: string;
  lastReview: string | null;
  leech: number;
};

const dateText = (d: Date) => d.toISOString().replace("Z", "+00:00");
const dateOrNull = (t: string | null) => (t === null ? null : new Date(t));

const SQL = {
  loggedByToken: `SELECT "cardId", "due" FROM "ReviewLog" WHERE "token" = ?`,
  cardById: `SELECT "id", "noteId", "due", "stability", "difficulty", "elapsedDays", "scheduledDays", "learningSteps", "reps", "lapses", "state", "lastReview", "leech" FROM "Card" WHERE "id" = ?`,
  actionExists: `SELECT 1 AS "x" FROM "CardAction" WHERE "id" = ?`,
  updateCard: `UPDATE "Card" SET "due" = ?, "stability" = ?, "difficulty" = ?, "elapsedDays" = ?, "scheduledDays" = ?, "learningSteps" = ?, "reps" = ?, "lapses" = ?, "state" = ?, "lastReview" = ?, "leech" = "leech" OR ?, "updatedAt" = ? WHERE "id" = ?`,
  insertLog: `INSERT INTO "ReviewLog" ("id", "cardId", "token", "rating", "state", "due", "stability", "difficulty", "elapsedDays", "lastElapsedDays", "scheduledDays", "learningSteps", "reviewedAt", "durationMs", "leechTagged", "previousCard")
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  siblings: `SELECT "id", "noteId", "state", "due", "exercise" IS NOT NULL AS "exercise", "buriedUntil" FROM "Card" WHERE "noteId" = ? AND "id" <> ? AND "retired" = 0 AND "suspended" = 0`,
  // One statement each for all the siblings a grade buries (a note's 40 new cards, say): [[card id, previous], …] as JSON.
  insertActions: `INSERT INTO "CardAction" ("id", "cardId", "kind", "previous", "createdAt")
    SELECT ? || (j."value" ->> 0), j."value" ->> 0, 'bury-sibling', j."value" ->> 1, ? FROM json_each(?) j`,
  buryCards: `UPDATE "Card" SET "buriedUntil" = ?, "updatedAt" = ? WHERE "id" IN (SELECT j."value" ->> 0 FROM json_each(?) j)`,
};

/** gradeCard's work inside a transaction already open by writeTransaction (several grades that commit together). */
export function gradeIn(
  sql: Database.Database,
  input: Parameters<typeof gradeCard>[1],
): GradeResult {
  const card = (id: string) => statement(sql, SQL.cardById).get(id) as CardRowSql | undefined;
  const logged = statement(sql, SQL.loggedByToken).get(input.token) as { cardId: string; due: string } | undefined;
  if (logged) {
    const row = card(logged.cardId);
    const state = row ? decodeCardState("Card", row.id, row.state) : State.New;
    return { ok: true, duplicate: true, cardId: logged.cardId, due: new Date(row?.due ?? logged.due), state, buried: [] };
  }
  if (statement(sql, SQL.actionExists).get(undoneActionId(input.token))) return { ok: false, error: "undone" };
  const row = card(input.cardId);
  if (!row) return { ok: false, error: "not-found" };
  const before = stateOf({ ...row, due: new Date(row.due), lastReview: dateOrNull(row.lastReview) });
  const shown = parseReviewToken(input.token);
  if (reviewToken(row.id, before) !== shown.state) {
    return { ok: false, error: shown.reps !== null && before.reps > shown.reps ? "graded-elsewhere" : "stale" };
  }

  const { next, record } = grade(input.scheduler, before, input.rating, input.now, row.id);
  if (input.studyDay && next.state === State.Review && next.scheduledDays >= 1) {
    next.due = dueNotToday(next.due, input.now, input.studyDay.dayStartHour, input.studyDay.timeZone);
  }
  // Anki's leech rule: this grade is the card's LEECH_LAPSES-th (or later) lapse. It is tagged, and the
  // learner told, not suspended.
  const becameLeech = row.leech === 0 && next.lapses > before.lapses && next.lapses >= LEECH_LAPSES;
  const logId = randomUUID();
  const written = new Date();
  statement(sql, SQL.updateCard).run(
    dateText(next.due), next.stability, next.difficulty, next.elapsedDays, next.scheduledDays, next.learningSteps, next.reps, next.lapses, next.state,
    next.lastReview ? dateText(next.lastReview) : null, becameLeech ? 1 : 0, dateText(written), row.id,
  );
  statement(sql, SQL.insertLog).run(
    logId, row.id, input.token, record.rating, record.state, dateText(record.due), record.stability, record.difficulty, record.elapsedDays, record.lastElapsedDays,
    record.scheduledDays, record.learningSteps, dateText(record.reviewedAt), Math.max(0, Math.min(MAX_ANSWER_MS, Math.round(input.durationMs))), becameLeech ? 1 : 0,
    serializeState(before),
  );
  const buried = input.bury ? burySiblings(sql, row, logId, input.bury, input.now, written) : [];
  return { ok: true, duplicate: false, cardId: row.id, due: next.due, state: next.state, ...(becameLeech ? { leech: true } : {}), buried };
}

/** Buries the answered card's siblings that the settings name (lib/srs siblingsToBury), each recorded for undo. */
function burySiblings(sql: Database.Database, answered: { id: string; noteId: string }, logId: string, bury: BuryOptions & { until: Date }, now: Date, written: Date): string[] {
  if (!bury.newSiblings && !bury.reviewSiblings) return [];
  const rows = statement(sql, SQL.siblings).all(answered.noteId, answered.id) as { id: string; noteId: string; state: number; due: string; exercise: number; buriedUntil: string | null }[];
  const cards = rows.map((r) => ({
    id: r.id,
    noteId: r.noteId,
    state: decodeCardState("Card", r.id, r.state),
    due: new Date(r.due),
    exercise: r.exercise !== 0,
    suspended: false,
    buriedUntil: dateOrNull(r.buriedUntil),
  }));
  const ids = siblingsToBury(answered, cards, bury, bury.until, now);
  if (ids.length === 0) return [];
  const byId = new Map(cards.map((c) => [c.id, c]));
  const pairs = JSON.stringify(ids.map((id) => [id, cardActionPrevious.encode({ suspended: false, buriedUntil: byId.get(id)!.buriedUntil })]));
  statement(sql, SQL.insertActions).run(siblingActionPrefix(logId), dateText(now), pairs);
  statement(sql, SQL.buryCards).run(dateText(bury.until), dateText(written), pairs);
  return ids;
}

export type UndoResult =
  | { ok: true; cardId: string; undone: "grade" | "bury" | "suspend" | "unsuspend" | "unbury" | "reset" | "reschedule" }
  | { ok: false; error: "nothing-to-undo" };

/**
 * Undoes the most recent grade, bury, suspend, unsuspend or unbury made since
 * `since` (the start of the study day: older history is never deleted by
 * undo); called again, the one before it, and so on. The card gets back
 * exactly the state it had before, and the review log entry or action record
 * goes, in one transaction. Undoing a grade also unburies the siblings it
 * buried and remembers its showing token, so that a replay of that grade is
 * refused.
 */
export async function undoLast(db: Db, since: Date = new Date(0), now: Date = new Date()): Promise<UndoResult> {
  return db.$transaction(async (tx) => {
    const [log, action] = await Promise.all([
      tx.reviewLog.findFirst({ where: { reviewedAt: { gte: since } }, orderBy: [{ reviewedAt: "desc" }, { id: "desc" }] }),
      tx.cardAction.findFirst({ where: { createdAt: { gte: since }, kind: { in: [...SET_ASIDE_KINDS, ...SCHEDULE_ACTION_KINDS] } }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
    ]);
    if (action && (!log || action.createdAt >= log.reviewedAt)) {
      // A browser reset or reschedule (lib/db/browse-actions.ts) puts the whole schedule back; the others their flags.
      await tx.card.update({ where: { id: action.cardId }, data: cardActionUndo(action) });
      await tx.cardAction.delete({ where: { id: action.id } });
      return { ok: true, cardId: action.cardId, undone: action.kind as "bury" | "suspend" | "unsuspend" | "unbury" | "reset" | "reschedule" };
    }
    if (!log) return { ok: false, error: "nothing-to-undo" };
    const previous = reviewLogPreviousCard.decode(log.previousCard, log.id);
    // A leech tag that this grade added goes with it.
    await tx.card.update({ where: { id: log.cardId }, data: { ...previous, ...(log.leechTagged ? { leech: false } : {}) } });
    await tx.reviewLog.delete({ where: { id: log.id } });
    const siblings = await tx.cardAction.findMany({ where: { id: { startsWith: siblingActionPrefix(log.id) } } });
    for (const s of siblings) {
      await tx.card.update({ where: { id: s.cardId }, data: { buriedUntil: cardActionPrevious.decode(s.previous, s.id).buriedUntil } });
    }
    if (siblings.length) await tx.cardAction.deleteMany({ where: { id: { in: siblings.map((s) => s.id) } } });
    if (parseReviewToken(log.token).state !== log.token) {
      await tx.cardAction.create({
        data: {
          id: undoneActionId(log.token),
          cardId: log.cardId,
          kind: "undone-grade",
          previous: cardActionPrevious.encode({ suspended: false, buriedUntil: null }),
          createdAt: now,
        },
      });
    }
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
    if (input.token && reviewToken(row.id, stateOf(row)) !== parseReviewToken(input.token).state) return { ok: false, error: "stale" };
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
