import "server-only";
import { randomUUID } from "node:crypto";
import type { FSRS, Grade } from "ts-fsrs";
import { dueNotToday } from "@/lib/srs/day";
import { grade, parseReviewToken, reviewToken, State } from "@/lib/srs/schedule";
import { LEECH_LAPSES } from "@/lib/srs/settings";
import { isBuried, siblingsToBury, type BuryOptions } from "@/lib/srs/queue";
import type { Db } from "./client";
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
  return db.$transaction(async (tx) => {
    const logged = await tx.reviewLog.findUnique({ where: { token: input.token } });
    if (logged) {
      const card = await tx.card.findUnique({ where: { id: logged.cardId } });
      const state = card ? decodeCardState("Card", card.id, card.state) : State.New;
      return { ok: true, duplicate: true, cardId: logged.cardId, due: card?.due ?? logged.due, state, buried: [] };
    }
    if (await tx.cardAction.findUnique({ where: { id: undoneActionId(input.token) }, select: { id: true } })) return { ok: false, error: "undone" };
    const row = await tx.card.findUnique({ where: { id: input.cardId } });
    if (!row) return { ok: false, error: "not-found" };
    const before = stateOf(row);
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
    const becameLeech = !row.leech && next.lapses > before.lapses && next.lapses >= LEECH_LAPSES;
    const logId = randomUUID();
    await tx.card.update({ where: { id: row.id }, data: { ...next, ...(becameLeech ? { leech: true } : {}) } });
    await tx.reviewLog.create({
      data: {
        id: logId,
        cardId: row.id,
        token: input.token,
        ...record,
        durationMs: Math.max(0, Math.min(MAX_ANSWER_MS, Math.round(input.durationMs))),
        leechTagged: becameLeech,
        previousCard: serializeState(before),
      },
    });
    const buried = input.bury ? await burySiblings(tx, row, logId, input.bury, input.now) : [];
    return { ok: true, duplicate: false, cardId: row.id, due: next.due, state: next.state, ...(becameLeech ? { leech: true } : {}), buried };
  });
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Buries the answered card's siblings that the settings name (lib/srs siblingsToBury), each recorded for undo. */
async function burySiblings(tx: Tx, answered: { id: string; noteId: string }, logId: string, bury: BuryOptions & { until: Date }, now: Date): Promise<string[]> {
  if (!bury.newSiblings && !bury.reviewSiblings) return [];
  const rows = await tx.card.findMany({
    where: { noteId: answered.noteId, id: { not: answered.id }, retired: false, suspended: false },
    select: { id: true, noteId: true, state: true, due: true, exercise: true, suspended: true, buriedUntil: true },
  });
  const cards = rows.map((r) => ({ ...r, state: decodeCardState("Card", r.id, r.state), exercise: r.exercise !== null }));
  const ids = siblingsToBury(answered, cards, bury, bury.until, now);
  if (ids.length === 0) return [];
  const byId = new Map(cards.map((c) => [c.id, c]));
  await tx.cardAction.createMany({
    data: ids.map((id) => ({
      id: `${siblingActionPrefix(logId)}${id}`,
      cardId: id,
      kind: "bury-sibling",
      previous: cardActionPrevious.encode({ suspended: false, buriedUntil: byId.get(id)!.buriedUntil }),
      createdAt: now,
    })),
  });
  await tx.card.updateMany({ where: { id: { in: ids } }, data: { buriedUntil: bury.until } });
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
