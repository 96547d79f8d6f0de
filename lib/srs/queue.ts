/**
 * The queue's rules for one card in memory, written once (the same rules as
 * Prisma filters are in lib/db/filters.ts). Pure: `now` is a parameter.
 */

import { State } from "./schedule";

interface SetAside {
  suspended: boolean;
  buriedUntil: Date | null;
}

/** Buried until a later moment: hidden from review until then. */
export function isBuried(card: Pick<SetAside, "buriedUntil">, now: Date): boolean {
  return card.buriedUntil !== null && card.buriedUntil > now;
}

/** Suspended, or buried at `now`: not shown in review. */
export function isSetAside(card: SetAside, now: Date): boolean {
  return card.suspended || isBuried(card, now);
}

/** When a card can next be shown: its due date, or later if it is buried past it. */
export function effectiveDue(card: { due: Date; buriedUntil: Date | null }): Date {
  return card.buriedUntil && card.buriedUntil.getTime() > card.due.getTime() ? card.buriedUntil : card.due;
}

/** A card that has been studied before and is due at `now` (not new, not set aside). */
export function isDue(card: SetAside & { state: State; due: Date }, now: Date): boolean {
  return card.state !== State.New && card.due <= now && !isSetAside(card, now);
}

/** Whether the daily limits hold back cards that are due or new today (the "done for today" case, as Anki says it). */
export function limitedByDailyLimits(session: { available: { review: number; new: number }; counts: { review: number; new: number } }): boolean {
  return session.available.review > session.counts.review || session.available.new > session.counts.new;
}
