/**
 * The queue's rules for one card in memory, written once (the same rules as
 * Prisma filters are in lib/db/filters.ts). Pure: `now` is a parameter.
 */

import { LEARN_AHEAD_MS, newCardNext, type DoneToday } from "./limits";
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

/** A card as the session's queue sees it. */
export interface QueueCard {
  id: string;
  noteId: string;
  state: State;
  due: Date;
  /** A live exercise (capped per day, never learned ahead after a failure). */
  exercise: boolean;
}

/** Anki's sibling burying, as the settings choose it. */
export interface BuryOptions {
  newSiblings: boolean;
  reviewSiblings: boolean;
}

/**
 * The siblings an answer buries until the next study day (`dayEnd`), as
 * Anki does: the other cards of the answered card's note (the clozes of one
 * paragraph are cards of one note) that are new (with `newSiblings`) or
 * review cards due today (with `reviewSiblings`). Cards in (re)learning keep
 * their short steps; suspended and already buried cards are left alone.
 */
export function siblingsToBury(
  answered: { id: string; noteId: string },
  cards: readonly (QueueCard & SetAside)[],
  bury: BuryOptions,
  dayEnd: Date,
  now: Date,
): string[] {
  return cards
    .filter((c) => c.id !== answered.id && c.noteId === answered.noteId && !isSetAside(c, now))
    .filter((c) => (bury.newSiblings && c.state === State.New) || (bury.reviewSiblings && c.state === State.Review && c.due < dayEnd))
    .map((c) => c.id);
}

/** What today's limits still allow from the review and new queues. */
export interface GatherLimits {
  newLeft: number;
  reviewsLeft: number;
  /** Live exercises still allowed from the review and new queues today. */
  exercisesLeft: number;
}

/** Why a card offered to the gatherer was not taken. */
export type Skipped = "full" | "sibling" | "exercise-cap";

/**
 * Builds today's queue the way Anki's v3 scheduler gathers it: learning cards
 * first (never held back), then review cards, then new ones, each while the
 * daily limits allow. A review or new card whose note already has a card in
 * the queue is left out when the settings bury that kind of sibling (it would
 * be buried the moment the first one is answered), and live exercises stop at
 * their own daily cap. Pure: the caller offers candidates in order.
 */
export class QueueGatherer {
  readonly learning: QueueCard[] = [];
  readonly reviews: QueueCard[] = [];
  readonly fresh: QueueCard[] = [];
  /** Cards left out so far, by why (a "full" queue is not counted: nothing after it is offered). */
  readonly skipped = { sibling: 0, "exercise-cap": 0 };
  private readonly seenNotes = new Set<string>();
  private exercisesTaken = 0;

  constructor(
    private readonly limits: GatherLimits,
    private readonly bury: BuryOptions,
  ) {}

  addLearning(c: QueueCard): void {
    this.learning.push(c);
    this.seenNotes.add(c.noteId);
  }

  /** A review card due today, in due order; "full" means no later one can be taken either. */
  offerReview(c: QueueCard): Skipped | null {
    return this.offer(c, this.reviews, this.limits.reviewsLeft, this.bury.reviewSiblings);
  }

  /** A new card, in the order new cards are introduced. */
  offerNew(c: QueueCard): Skipped | null {
    return this.offer(c, this.fresh, this.limits.newLeft, this.bury.newSiblings);
  }

  get reviewsFull(): boolean {
    return this.reviews.length >= this.limits.reviewsLeft;
  }

  get newFull(): boolean {
    return this.fresh.length >= this.limits.newLeft;
  }

  private offer(c: QueueCard, into: QueueCard[], limit: number, burySiblings: boolean): Skipped | null {
    if (into.length >= limit) return "full";
    const skip = burySiblings && this.seenNotes.has(c.noteId) ? "sibling" : c.exercise && this.exercisesTaken >= this.limits.exercisesLeft ? "exercise-cap" : null;
    if (skip) {
      this.skipped[skip]++;
      return skip;
    }
    into.push(c);
    this.seenNotes.add(c.noteId);
    if (c.exercise) this.exercisesTaken++;
    return null;
  }
}

/**
 * Reviews and new cards in the order a session shows them: new cards spread
 * through the reviews (Anki's "mix new cards with reviews", newCardNext),
 * each list keeping its own order.
 */
export function mixQueue<T>(reviews: readonly T[], fresh: readonly T[], done: Pick<DoneToday, "newCards" | "reviews">): T[] {
  const out: T[] = [];
  let r = 0;
  let n = 0;
  while (r < reviews.length || n < fresh.length) {
    const left = { review: reviews.length - r, new: fresh.length - n };
    const sofar = { newCards: done.newCards + n, reviews: done.reviews + r };
    if (newCardNext(sofar, left)) out.push(fresh[n++]!);
    else out.push(reviews[r++]!);
  }
  return out;
}

/** A card the browser holds, as the choice of the next card needs it. */
export interface HeldCard {
  id: string;
  /** ms since the epoch, on the server's clock. */
  due: number;
  isExercise: boolean;
  /** Its last grade was Again. */
  failed: boolean;
  /** False while its next showing is still on its way from the server. */
  ready: boolean;
}

export type NextPick<T> = { card: T; from: "learning" | "main"; aheadOfTime: boolean } | { card: null; wakeAt: number | null };

/**
 * The next card to show, Anki's order on the cards the browser holds:
 * learning cards due now (earliest first), then the review/new queue in its
 * order, then, when nothing else is left, learning cards due within
 * LEARN_AHEAD_MS ("learn ahead"), earliest first. Two rules keep the end of a
 * session sensible:
 *
 * - the card just answered (`lastId`) is not shown again straight away when
 *   any other card can be (Anki's rule);
 * - a live exercise whose last grade was Again is not learned ahead: it waits
 *   for its step to pass. A fresh instance of the same computation seconds
 *   later only tests short-term memory of the method, and two failing
 *   exercises would otherwise alternate for as long as the learner fails them.
 *
 * With nothing to show, `wakeAt` is when the earliest held card falls due
 * (null when none is held).
 */
export function pickNext<T extends HeldCard>(learning: readonly T[], main: readonly T[], now: number, lastId: string | null): NextPick<T> {
  const byDue = [...learning].filter((c) => c.ready).sort((a, b) => a.due - b.due);
  const dueNow = byDue.filter((c) => c.due <= now);
  const ahead = byDue.filter((c) => c.due > now && c.due <= now + LEARN_AHEAD_MS && !(c.isExercise && c.failed));
  const candidates: { card: T; from: "learning" | "main"; aheadOfTime: boolean }[] = [
    ...dueNow.map((card) => ({ card, from: "learning" as const, aheadOfTime: false })),
    ...main.map((card) => ({ card, from: "main" as const, aheadOfTime: false })),
    ...ahead.map((card) => ({ card, from: "learning" as const, aheadOfTime: true })),
  ];
  const pick = candidates.find((c) => c.card.id !== lastId) ?? candidates[0];
  if (pick) return pick;
  const waiting = learning.map((c) => c.due);
  return { card: null, wakeAt: waiting.length ? Math.min(...waiting) : null };
}
