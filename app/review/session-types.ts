/**
 * What the review page, its API (app/review/api) and the browser's session
 * (session-controller.ts) exchange. Plain data, no server imports: the
 * browser holds the next cards of the queue as these.
 */
import type { DrawnExercise } from "@/lib/exercises/server";
import type { QueueCounts } from "@/lib/srs/limits";

export type QueueName = "learning" | "review" | "new";
export type GradeValue = 1 | 2 | 3 | 4;

/** One showing of a card, ready to paint: fronts, backs and an exercise instance already drawn. */
export interface ShownCard {
  id: string;
  /** The showing's review token: grading it twice is one grade (lib/srs showingToken). */
  token: string;
  noteTitle: string;
  kind: string;
  frontHtml: string;
  backHtml: string;
  /** Interval previews for Again, Hard, Good, Easy, as the buttons write them. */
  intervals: string[];
  /** The same in milliseconds from when the batch was made. */
  intervalMs: number[];
  /** A fresh instance when the card is a live exercise. */
  exercise: DrawnExercise | null;
  /** Set when the card is a live exercise that cannot be drawn: the message to show instead (bury or suspend it to go on). */
  brokenMessage: string | null;
  /** Which count the card is in until it is answered. */
  queue: QueueName;
  /** Due time, ms since the epoch on the server's clock. */
  due: number;
  /** A live exercise whose last grade was Again: not learned ahead (lib/srs pickNext). */
  failed: boolean;
}

/** The next batch of today's queue, as the server sees it once every earlier grade is saved. */
export interface SessionBatch {
  cards: ShownCard[];
  /** Left today, the cards the browser holds included. */
  counts: QueueCounts;
  /** Grades given today. */
  done: number;
  /** The review/new queue goes on past these cards. */
  more: boolean;
  /** Held cards to let go (graded or set aside elsewhere, changed, out of the queue). */
  drop: string[];
  limited: boolean;
  /** ISO time the next card falls due, when the queue has run out. */
  nextDue: string | null;
  /** The server's clock when it answered (ms), to read due times against. */
  serverNow: number;
}

/** A card the browser holds, with the token it holds it under. */
export interface HeldRef {
  id: string;
  token: string;
}

/** Failures as codes; the browser words them in the interface language (messages.review.errors). */
export type ActionError = "invalid" | "stale" | "not-found" | "nothing-to-undo" | "save-failed" | "graded-elsewhere" | "undone";

export type SessionRequest =
  | { op: "grade"; cardId: string; token: string; rating: GradeValue; durationMs: number }
  | { op: "set-aside"; cardId: string; token: string; kind: "bury" | "suspend" }
  | { op: "undo" }
  | { op: "queue"; held: HeldRef[] };

export type GradeResponse = { ok: true; leech?: boolean; next: ShownCard | null } | { ok: false; error: ActionError };
export type SetAsideResponse = { ok: true } | { ok: false; error: ActionError };
/** What an undo took back: a grade, or a set-aside kind (the card browser's reset and reschedule among them). */
export type UndoneKind = "grade" | "bury" | "suspend" | "unsuspend" | "unbury" | "reset" | "reschedule";
export type UndoResponse = { ok: true; undone: UndoneKind; cardId: string; batch: SessionBatch } | { ok: false; error: ActionError };
export type QueueResponse = { ok: true; batch: SessionBatch } | { ok: false; error: ActionError };
