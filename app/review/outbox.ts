/**
 * The browser's outbox for the review session: every grade, bury and suspend
 * is sent to the server in the order it was made, in the background, and
 * kept until the server acknowledges it: in memory and in sessionStorage, so
 * a reload of the tab does not lose it (the reloaded page sends it again).
 * A request that fails to reach the server, or that the server could not
 * save, is retried with growing pauses; a refusal (the card was graded in
 * another tab, the grade was undone) ends it and is reported. Each operation
 * carries the showing's review token, so sending it twice applies it once.
 *
 * Other requests (the next batch, undo) wait their turn behind the
 * operations made before them, so the server answers them knowing every
 * earlier grade. Plain TypeScript with the network, storage and clock passed
 * in: the tests drive it without a browser.
 */

import type { ActionError, GradeValue, QueueName } from "./session-types";

export type Operation =
  | { kind: "grade"; cardId: string; token: string; rating: GradeValue; durationMs: number }
  | { kind: "set-aside"; cardId: string; token: string; aside: "bury" | "suspend" };

/** An operation as the outbox keeps it: numbered in the order made, with what the session needs to count and word it. */
export interface Pending {
  seq: number;
  op: Operation;
  queue: QueueName;
  noteTitle: string;
}

/** What the server said about an operation: its JSON answer, or a refusal code. */
export type Outcome = { ok: true; body: unknown } | { ok: false; error: ActionError };

/** The network: resolves with the HTTP status and JSON body, rejects when the server cannot be reached. */
export type Send = (body: unknown, keepalive?: boolean) => Promise<{ status: number; body: unknown }>;

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface OutboxStatus {
  /** Operations made but not yet acknowledged. */
  waiting: number;
  /** The last attempt failed; the next is at `retryAt`. */
  failing: boolean;
  retryAt: number | null;
  /** When the oldest waiting operation was made (ms), for "waiting to be saved" after a moment. */
  since: number | null;
}

interface Task {
  /** The operation this task sends; null for a request. */
  pending: Pending | null;
  run: () => Promise<{ status: number; body: unknown }>;
  /** Try again when the server cannot be reached or could not save. */
  retry: boolean;
  resolve: (o: Outcome) => void;
}

const STORAGE_KEY = "gradprep.review.outbox";
/** Pauses before the 1st, 2nd, … retry; the last one repeats. */
export const RETRY_MS = [500, 1000, 2000, 5000, 10_000, 30_000];

const REFUSALS: readonly ActionError[] = ["invalid", "stale", "not-found", "graded-elsewhere", "undone", "nothing-to-undo"];

/** What the session uses of an outbox. */
export interface OutboxPort {
  readonly pending: Pending[];
  readonly lastSeq: number;
  enqueue(op: Operation, meta: { queue: QueueName; noteTitle: string }): number;
  request(body: () => unknown, retry: boolean): Promise<Outcome>;
  onSettled(listener: (pending: Pending, outcome: Outcome) => void): () => void;
}

/** An outbox that sends nothing: for drawing the first view on the server, before the browser's session starts. */
export const idleOutbox: OutboxPort = {
  pending: [],
  lastSeq: 0,
  enqueue: () => 0,
  request: () => new Promise(() => undefined),
  onSettled: () => () => undefined,
};

export class Outbox implements OutboxPort {
  private tasks: Task[] = [];
  private running = false;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private wake: (() => void) | null = null;
  private listeners = new Set<() => void>();
  private settledListeners = new Set<(pending: Pending, outcome: Outcome) => void>();
  private seq = 0;
  private firstWaitingSince: number | null = null;
  private statusValue: OutboxStatus = { waiting: 0, failing: false, retryAt: null, since: null };

  constructor(
    private readonly send: Send,
    private readonly storage: StorageLike | null,
    private readonly clock: () => number = Date.now,
  ) {
    // Operations a reload interrupted go first.
    for (const p of this.load()) {
      this.seq = Math.max(this.seq, p.seq);
      this.push(p);
    }
    if (this.tasks.length) this.pump();
  }

  /** Operations not yet acknowledged, in order. */
  get pending(): Pending[] {
    return this.tasks.flatMap((t) => (t.pending ? [t.pending] : []));
  }

  /** The number of the last operation made (requests sent after it know about it and everything before). */
  get lastSeq(): number {
    return this.seq;
  }

  get status(): OutboxStatus {
    return this.statusValue;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Hears how each operation ended (acknowledged or refused), those a reload restored included. */
  onSettled(listener: (pending: Pending, outcome: Outcome) => void): () => void {
    this.settledListeners.add(listener);
    return () => this.settledListeners.delete(listener);
  }

  /** Makes an operation and returns its number; onSettled tells how it ended. */
  enqueue(op: Operation, meta: { queue: QueueName; noteTitle: string }): number {
    const pending: Pending = { seq: ++this.seq, op, ...meta };
    this.push(pending);
    this.save();
    this.pump();
    return pending.seq;
  }

  /**
   * Sends a request once every operation made before it is acknowledged.
   * With `retry`, a failure to reach the server is retried like an operation;
   * without, it resolves with "save-failed" (undo: sending it twice could undo twice).
   */
  request(body: () => unknown, retry: boolean): Promise<Outcome> {
    return new Promise((resolve) => {
      // The body is made when its turn comes, from what the session holds then.
      this.tasks.push({ pending: null, run: () => this.send(body()), retry, resolve });
      this.pump();
    });
  }

  /** Tries the failing request again now (the "retry now" button, the browser back online). */
  retryNow(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  /** The tab is going away: send what is waiting with `keepalive`, so it can still arrive (it is idempotent, and kept for a reload anyway). */
  flush(): void {
    for (const p of this.pending) void this.send(requestBody(p.op), true).catch(() => undefined);
  }

  private push(pending: Pending) {
    this.firstWaitingSince ??= this.clock();
    const resolve = (o: Outcome) => {
      for (const l of this.settledListeners) l(pending, o);
    };
    this.tasks.push({ pending, run: () => this.send(requestBody(pending.op)), retry: true, resolve });
    this.update();
  }

  private async pump() {
    if (this.running) return;
    this.running = true;
    try {
      while (this.tasks.length) {
        const task = this.tasks[0]!;
        const outcome = await this.attempt(task);
        this.tasks.shift();
        if (task.pending) {
          this.save();
          if (!this.tasks.some((t) => t.pending)) this.firstWaitingSince = null;
        }
        this.update();
        task.resolve(outcome);
      }
    } finally {
      this.running = false;
    }
  }

  /** Sends one task until it is answered (or, for a request without retry, fails once). */
  private async attempt(task: Task): Promise<Outcome> {
    for (;;) {
      let answer: { status: number; body: unknown } | null = null;
      try {
        answer = await task.run();
      } catch {
        answer = null;
      }
      const error = answer ? errorOf(answer.body) : null;
      if (answer && answer.status < 500 && !error) {
        this.failures = 0;
        return { ok: true, body: answer.body };
      }
      if (answer && error && REFUSALS.includes(error)) {
        this.failures = 0;
        return { ok: false, error };
      }
      if (!task.retry) return { ok: false, error: "save-failed" };
      // Unreachable, or the server could not save: keep it and try again.
      const pause = RETRY_MS[Math.min(this.failures, RETRY_MS.length - 1)]!;
      this.failures++;
      this.statusValue = { ...this.statusValue, failing: true, retryAt: this.clock() + pause };
      this.emit();
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          this.wake = null;
          resolve();
        }, pause);
      });
    }
  }

  private update() {
    const waiting = this.pending.length;
    this.statusValue = { waiting, failing: waiting > 0 && this.failures > 0, retryAt: this.failures > 0 ? this.statusValue.retryAt : null, since: waiting ? this.firstWaitingSince : null };
    this.emit();
  }

  private emit() {
    for (const l of this.listeners) l();
  }

  private save() {
    if (!this.storage) return;
    try {
      const pending = this.pending;
      if (pending.length) this.storage.setItem(STORAGE_KEY, JSON.stringify(pending));
      else this.storage.removeItem(STORAGE_KEY);
    } catch {
      // Storage full or disabled: the operations are still held in memory.
    }
  }

  private load(): Pending[] {
    if (!this.storage) return [];
    try {
      const raw: unknown = JSON.parse(this.storage.getItem(STORAGE_KEY) ?? "[]");
      return Array.isArray(raw) ? raw.filter(isPending) : [];
    } catch {
      return [];
    }
  }
}

/** The API request for an operation. */
export function requestBody(op: Operation): unknown {
  return op.kind === "grade"
    ? { op: "grade", cardId: op.cardId, token: op.token, rating: op.rating, durationMs: op.durationMs }
    : { op: "set-aside", cardId: op.cardId, token: op.token, kind: op.aside };
}

function errorOf(body: unknown): ActionError | null {
  if (body && typeof body === "object" && "ok" in body && body.ok === false && "error" in body && typeof body.error === "string") return body.error as ActionError;
  return null;
}

function isPending(x: unknown): x is Pending {
  if (!x || typeof x !== "object") return false;
  const p = x as Partial<Pending>;
  const op = p.op as Partial<Operation> | undefined;
  return (
    typeof p.seq === "number" &&
    typeof p.noteTitle === "string" &&
    (p.queue === "learning" || p.queue === "review" || p.queue === "new") &&
    !!op &&
    typeof op.cardId === "string" &&
    typeof op.token === "string" &&
    (op.kind === "grade" ? [1, 2, 3, 4].includes(op.rating as number) && typeof op.durationMs === "number" : op.kind === "set-aside" && (op.aside === "bury" || op.aside === "suspend"))
  );
}

let shared: Outbox | null = null;

/** The tab's one outbox (it outlives the review page, so grades keep going when the learner navigates away). */
export function tabOutbox(): Outbox {
  if (!shared) {
    const send: Send = async (body, keepalive) => {
      const res = await fetch("/review/api", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), keepalive: !!keepalive, cache: "no-store" });
      let json: unknown = null;
      try {
        json = await res.json();
      } catch {
        json = null;
      }
      return { status: res.status, body: json };
    };
    let storage: StorageLike | null = null;
    try {
      storage = window.sessionStorage;
    } catch {
      storage = null;
    }
    shared = new Outbox(send, storage);
    window.addEventListener("online", () => shared?.retryNow());
    window.addEventListener("pagehide", () => shared?.flush());
  }
  return shared;
}
