import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { newCardState, type CardState } from "@/lib/srs/schedule";
import type { Db } from "./client";
import { stateOf } from "./cards";
import { cardActionPrevious, ColumnDecodeError, reviewLogPreviousCard } from "./columns";
import { currentCards } from "./filters";

/**
 * The card browser's actions on a selection: suspend, unsuspend, bury, reset
 * (forget: the card starts over as new) and reschedule (a new due date).
 *
 * Each action is one transaction over the whole selection: a card that is
 * not in the content any more, or a failed write, changes nothing at all.
 * Every changed card gets a CardAction row holding what it was before, with
 * the id `browse:<batch>:<card id>`, so that
 *
 *   - the browser's Undo restores the whole selection (undoBrowseAction), and
 *   - `u` in a review session (lib/db/reviews.ts undoLast) takes them back one
 *     card at a time like any other bury or suspend, through cardActionUndo.
 *
 * Suspend, unsuspend and bury store what reviews.ts stores for them
 * ({ suspended, buriedUntil }); reset and reschedule store the card's whole
 * schedule as well (ResetPrevious).
 */

export const BROWSE_ACTIONS = ["suspend", "unsuspend", "bury", "reset", "reschedule"] as const;
export type BrowseAction = (typeof BROWSE_ACTIONS)[number];

/** Action kinds that change the schedule, whose undo puts the whole schedule back. */
export const SCHEDULE_ACTION_KINDS = ["reset", "reschedule"] as const;

/** The most cards one action takes (a page of the browser is 50). */
export const MAX_SELECTION = 500;

const batchPrefix = (batch: string) => `browse:${batch}:`;

/** What a reset or reschedule changed: the whole schedule, the flags a reset clears, and what a set-aside stores. */
interface SchedulePrevious {
  suspended: boolean;
  buriedUntil: Date | null;
  leech: boolean;
  schedule: CardState;
}

const schedulePreviousSchema = z.object({
  suspended: z.boolean(),
  buriedUntil: z.string().nullable(),
  leech: z.boolean(),
  schedule: z.unknown(),
});

/** CardAction.previous of a reset or reschedule. */
export const schedulePrevious = {
  encode(p: SchedulePrevious): string {
    return JSON.stringify({
      suspended: p.suspended,
      buriedUntil: p.buriedUntil?.toISOString() ?? null,
      leech: p.leech,
      // The review log's own codec: the schedule is stored exactly as undo of a grade reads it.
      schedule: JSON.parse(reviewLogPreviousCard.encode(p.schedule)) as unknown,
    });
  },
  decode(text: string, rowId: string): SchedulePrevious {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new ColumnDecodeError("CardAction", "previous", rowId, `not JSON (${(err as Error).message})`);
    }
    const parsed = schedulePreviousSchema.safeParse(json);
    if (!parsed.success) throw new ColumnDecodeError("CardAction", "previous", rowId, parsed.error.issues.map((i) => i.message).join("; "));
    const buriedUntil = parsed.data.buriedUntil === null ? null : new Date(parsed.data.buriedUntil);
    if (buriedUntil && Number.isNaN(buriedUntil.getTime())) throw new ColumnDecodeError("CardAction", "previous", rowId, "buriedUntil: not a date");
    return {
      suspended: parsed.data.suspended,
      buriedUntil,
      leech: parsed.data.leech,
      schedule: reviewLogPreviousCard.decode(JSON.stringify(parsed.data.schedule), rowId),
    };
  },
};

/**
 * What undoing one CardAction writes to its card: the schedule and flags for
 * a reset or reschedule, the set-aside flags for every other kind.
 */
export function cardActionUndo(action: { id: string; kind: string; previous: string }): Prisma.CardUpdateInput {
  if ((SCHEDULE_ACTION_KINDS as readonly string[]).includes(action.kind)) {
    const p = schedulePrevious.decode(action.previous, action.id);
    return { ...p.schedule, suspended: p.suspended, buriedUntil: p.buriedUntil, leech: p.leech };
  }
  const p = cardActionPrevious.decode(action.previous, action.id);
  return { suspended: p.suspended, buriedUntil: p.buriedUntil };
}

export type BrowseActionInput =
  | { kind: "suspend" | "unsuspend" | "reset"; cardIds: readonly string[]; now: Date }
  | { kind: "bury"; cardIds: readonly string[]; now: Date; /** the next study day's start */ until: Date }
  | { kind: "reschedule"; cardIds: readonly string[]; now: Date; /** the new due date (a study day's start) */ due: Date };

export type BrowseActionResult =
  | { ok: true; batch: string; /** cards changed */ changed: number; /** cards already as asked */ unchanged: number }
  | { ok: false; error: "empty" | "too-many" | "not-found" };

type CardRow = Awaited<ReturnType<Db["card"]["findFirstOrThrow"]>>;

/** What the action writes to one card, or null when the card is already as asked. */
function change(input: BrowseActionInput, row: CardRow): Prisma.CardUpdateManyMutationInput | null {
  switch (input.kind) {
    case "suspend":
      return row.suspended ? null : { suspended: true };
    case "unsuspend":
      return row.suspended ? { suspended: false } : null;
    case "bury":
      return row.buriedUntil && row.buriedUntil >= input.until ? null : { buriedUntil: input.until };
    case "reset": {
      // Anki's Forget with "reset repetition and lapse counts": a new card, due now; the leech tag goes with the lapses.
      const s = stateOf(row);
      if (s.state === 0 && s.reps === 0 && s.lapses === 0 && !row.leech) return null;
      return { ...newCardState(input.now), leech: false };
    }
    case "reschedule":
      return row.due.getTime() === input.due.getTime() ? null : { due: input.due };
  }
}

function previousOf(kind: BrowseAction, row: CardRow): string {
  return kind === "reset" || kind === "reschedule"
    ? schedulePrevious.encode({ suspended: row.suspended, buriedUntil: row.buriedUntil, leech: row.leech, schedule: stateOf(row) })
    : cardActionPrevious.encode({ suspended: row.suspended, buriedUntil: row.buriedUntil });
}

/**
 * Applies one action to the selected cards, all or nothing. Cards already as
 * asked (suspending a suspended card) are left alone and recorded nowhere, so
 * undo never touches them.
 */
export async function applyBrowseAction(db: Db, input: BrowseActionInput): Promise<BrowseActionResult> {
  const ids = [...new Set(input.cardIds)];
  if (ids.length === 0) return { ok: false, error: "empty" };
  if (ids.length > MAX_SELECTION) return { ok: false, error: "too-many" };
  const batch = randomUUID();
  return db.$transaction(async (tx) => {
    const rows = await tx.card.findMany({ where: { ...currentCards(), id: { in: ids } } });
    if (rows.length !== ids.length) return { ok: false, error: "not-found" };
    const changes = rows.flatMap((row) => {
      const data = change(input, row);
      return data ? [{ row, data }] : [];
    });
    if (changes.length) {
      await tx.cardAction.createMany({
        data: changes.map(({ row }) => ({
          id: `${batchPrefix(batch)}${row.id}`,
          cardId: row.id,
          kind: input.kind,
          previous: previousOf(input.kind, row),
          createdAt: input.now,
        })),
      });
      // The same values for every changed card: one statement.
      await tx.card.updateMany({ where: { id: { in: changes.map((c) => c.row.id) } }, data: changes[0]!.data });
    }
    return { ok: true, batch, changed: changes.length, unchanged: rows.length - changes.length };
  });
}

export type UndoBrowseResult = { ok: true; restored: number } | { ok: false; error: "nothing-to-undo" | "changed-since" };

/**
 * Takes back what one browser action did to the cards it changed (those not
 * already taken back by `u` in a review). Refused, changing nothing, when
 * any of those cards was graded or set aside since: undoing would throw that
 * away.
 */
export async function undoBrowseAction(db: Db, batch: string): Promise<UndoBrowseResult> {
  return db.$transaction(async (tx) => {
    const actions = await tx.cardAction.findMany({ where: { id: { startsWith: batchPrefix(batch) } } });
    if (actions.length === 0) return { ok: false, error: "nothing-to-undo" };
    const at = actions[0]!.createdAt;
    const cardIds = actions.map((a) => a.cardId);
    const [laterGrades, laterActions] = await Promise.all([
      tx.reviewLog.count({ where: { cardId: { in: cardIds }, reviewedAt: { gte: at } } }),
      tx.cardAction.count({ where: { cardId: { in: cardIds }, createdAt: { gte: at }, NOT: { id: { startsWith: batchPrefix(batch) } } } }),
    ]);
    if (laterGrades || laterActions) return { ok: false, error: "changed-since" };
    for (const a of actions) await tx.card.update({ where: { id: a.cardId }, data: cardActionUndo(a) });
    await tx.cardAction.deleteMany({ where: { id: { in: actions.map((a) => a.id) } } });
    return { ok: true, restored: actions.length };
  });
}
