/**
 * The review session in the browser: it holds the next cards of the queue
 * and shows the next one the moment a key is pressed; grades go to the
 * server in the background through the tab's Outbox. Plain TypeScript with
 * the outbox and the clock passed in (review-session.tsx renders it; the
 * tests drive it without a browser).
 *
 * - Order: lib/srs pickNext over the cards held (learning due now, the
 *   review/new queue in the server's order, then learn-ahead). A card graded
 *   into a learning step is held again once the server sends its next
 *   showing, and comes back when the step is due.
 * - Refill: the next batch is asked for while a few cards are still held; it
 *   waits behind the grades made before it, so the server answers knowing them.
 * - Keys: every command goes through one queue, run in order. Only undo
 *   waits for the server (every earlier grade saved, then the undo, then the
 *   restored card first), and a command given meanwhile, or while the next
 *   cards are still on their way, waits its turn: none is dropped.
 * - Counts: the server's, less what was answered since the server counted.
 */

import { LEARN_AHEAD_MS } from "@/lib/srs/limits";
import { pickNext } from "@/lib/srs/queue";
import type { OutboxPort, Outcome, Pending } from "./outbox";
import type { ActionError, GradeResponse, GradeValue, QueueName, SessionBatch, ShownCard, UndoResponse } from "./session-types";

/** Refill when no more than this many cards of the review/new queue are held. */
export const REFILL_AT = 4;
/** A step shorter than a day keeps a card in (re)learning (ts-fsrs, scheduled_minutes < 1440). */
const DAY_MS = 86_400_000;

export type Command = { type: "answer" } | { type: "reveal" } | { type: "grade"; rating: GradeValue } | { type: "bury" } | { type: "suspend" } | { type: "undo" };

/** What the session has to say; the page words it in the interface language. */
export type SessionNotice =
  | { code: "leech" }
  | { code: "buried" }
  | { code: "suspended" }
  | { code: "undone"; what: string }
  | { code: "error"; error: ActionError; rating?: GradeValue; noteTitle?: string };

export interface SessionView {
  current: ShownCard | null;
  /** Changes with every showing (the same card shown again after a step is a new showing). */
  showing: number;
  revealed: boolean;
  /** The grade Space/Enter takes on the answer side (an exercise's suggestion, else Good). */
  suggested: GradeValue;
  counts: { new: number; learning: number; review: number };
  done: number;
  /** Share of today's work done, 0..1. */
  progress: number;
  /** What fills the page when no card is shown. */
  phase: "card" | "loading" | "empty";
  /** Undo is on its way: keys wait. */
  undoing: boolean;
  limited: boolean;
  nextDue: string | null;
  notice: SessionNotice | null;
}

interface Held extends ShownCard {
  /** False while the server has not yet sent this learning card's next showing. */
  ready: boolean;
  /** The grade that put it here, until its next showing arrives. */
  pendingSeq: number | null;
}

interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class SessionController {
  private learning: Held[] = [];
  private main: ShownCard[] = [];
  private current: ShownCard | null = null;
  private revealed = false;
  private suggested: GradeValue = 3;
  private showing = 0;
  private shownAt = 0;
  private lastId: string | null = null;
  private more = false;
  private limited = false;
  private nextDue: string | null = null;
  private base = { counts: { new: 0, learning: 0, review: 0 }, done: 0, seq: 0 };
  /** What each operation since the server last counted takes off the counts. */
  private answered = new Map<number, { queue: QueueName; graded: boolean }>();
  private skew = 0;
  private refilling = false;
  private refillAgain = false;
  private undoing = false;
  private commands: Command[] = [];
  private notice: SessionNotice | null = null;
  private wakeTimer: unknown = null;
  private tickTimer: unknown = null;
  private listeners = new Set<() => void>();
  private view: SessionView;
  private disposers: (() => void)[] = [];

  constructor(
    initial: SessionBatch,
    private readonly outbox: OutboxPort,
    private readonly clock: Clock = realClock,
  ) {
    // Grades from before a reload that the server may not have yet: their cards are not shown again, and they count as answered.
    const waiting = outbox.pending;
    const answered = new Set(waiting.map((p) => p.op.cardId));
    for (const p of waiting) this.answered.set(p.seq, { queue: p.queue, graded: p.op.kind === "grade" });
    this.applyBatch({ ...initial, cards: initial.cards.filter((c) => !answered.has(c.id)) }, 0);
    this.view = this.makeView();
    this.advance();
    if (waiting.length) this.refill(true);
  }

  /** Starts listening to the outbox and the clock; returns the stop. */
  start(): () => void {
    this.disposers.push(this.outbox.onSettled((p, o) => this.settled(p, o)));
    // Learning cards enter the learn-ahead window as time passes: count them.
    const tick = () => {
      this.emit();
      this.tickTimer = this.clock.setTimeout(tick, 15_000);
    };
    this.tickTimer = this.clock.setTimeout(tick, 15_000);
    return () => {
      for (const d of this.disposers) d();
      this.disposers = [];
      this.clock.clearTimeout(this.tickTimer);
      this.clock.clearTimeout(this.wakeTimer);
    };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getView = (): SessionView => this.view;

  /** A key or button: run in order, after whatever the session is waiting for. */
  dispatch(command: Command): void {
    this.commands.push(command);
    this.pump();
  }

  /** The live exercise shown was answered (or its solution revealed): its verdict suggests the grade. */
  exerciseDone(suggested: GradeValue): void {
    if (!this.current?.exercise) return;
    this.suggested = suggested;
    this.revealed = true;
    this.emit();
  }

  /** Asks the server for its view of the queue again (the tab was away a while: another tab studied, a new day began). */
  resync(): void {
    this.refill(true);
  }

  /** The card shown, by showing: for the exercise runner's callbacks, which must not act on a later card. */
  isShowing(showing: number): boolean {
    return this.showing === showing && this.current !== null;
  }

  private blocked(): boolean {
    return this.undoing || (this.current === null && this.refilling);
  }

  private pump() {
    while (this.commands.length && !this.blocked()) this.run(this.commands.shift()!);
    this.emit();
  }

  private run(c: Command) {
    const card = this.current;
    switch (c.type) {
      case "undo":
        return this.undo();
      case "answer":
      case "reveal":
        if (!card) return;
        if (!this.revealed) {
          // An exercise is revealed by answering it; a broken one only by bury or suspend.
          if (!card.exercise && !card.brokenMessage) this.revealed = true;
        } else if (c.type === "answer") this.grade(this.suggested);
        return;
      case "grade":
        if (card && this.revealed) this.grade(c.rating);
        return;
      case "bury":
      case "suspend":
        if (card) this.setAside(c.type);
        return;
    }
  }

  private grade(rating: GradeValue) {
    const card = this.current!;
    const durationMs = Math.max(0, this.clock.now() - this.shownAt);
    const seq = this.outbox.enqueue({ kind: "grade", cardId: card.id, token: card.token, rating, durationMs }, { queue: card.queue, noteTitle: card.noteTitle });
    this.answered.set(seq, { queue: card.queue, graded: true });
    // A step shorter than a day: the card comes back in this session once the server sends its next showing.
    const ms = card.intervalMs[rating - 1] ?? DAY_MS;
    if (ms < DAY_MS) this.learning.push({ ...card, queue: "learning", due: this.serverNow() + ms, failed: rating === 1, ready: false, pendingSeq: seq });
    this.lastId = card.id;
    this.notice = null;
    this.advance();
  }

  private setAside(kind: "bury" | "suspend") {
    const card = this.current!;
    const seq = this.outbox.enqueue({ kind: "set-aside", cardId: card.id, token: card.token, aside: kind }, { queue: card.queue, noteTitle: card.noteTitle });
    this.answered.set(seq, { queue: card.queue, graded: false });
    this.lastId = card.id;
    this.notice = { code: kind === "bury" ? "buried" : "suspended" };
    this.advance();
  }

  private undo() {
    this.undoing = true;
    void this.outbox.request(() => ({ op: "undo" }), false).then((o) => {
      this.undoing = false;
      const r = o.ok ? (o.body as UndoResponse) : null;
      if (!r || !r.ok) {
        this.notice = { code: "error", error: o.ok ? "save-failed" : o.error };
        this.pump();
        return;
      }
      // Every operation made before the undo was saved before it: the server's batch is the whole truth now.
      this.learning = [];
      this.main = [];
      this.current = null;
      this.lastId = null;
      this.applyBatch(r.batch, this.outbox.lastSeq);
      const restored = this.main.find((c) => c.id === r.cardId) ?? this.learning.find((c) => c.id === r.cardId);
      if (restored && r.batch.cards[0]?.id === r.cardId) {
        this.main = this.main.filter((c) => c !== restored);
        this.learning = this.learning.filter((c) => c !== restored);
        this.show(restored);
      } else this.advance();
      this.notice = { code: "undone", what: r.undone };
      this.pump();
    });
    this.emit();
  }

  /** How an operation ended. */
  private settled(p: Pending, o: Outcome) {
    const placeholder = this.learning.find((c) => c.pendingSeq === p.seq);
    if (o.ok && p.op.kind === "grade") {
      const r = o.body as GradeResponse & { ok: true };
      this.learning = this.learning.filter((c) => c !== placeholder);
      if (r.next && !this.holds(r.next.id)) this.learning.push({ ...r.next, ready: true, pendingSeq: null });
      if (r.leech) this.notice = { code: "leech" };
    } else if (!o.ok) {
      this.learning = this.learning.filter((c) => c !== placeholder);
      this.notice = { code: "error", error: o.error, ...(p.op.kind === "grade" ? { rating: p.op.rating } : {}), noteTitle: p.noteTitle };
      // The server's view differs from ours: ask it again.
      this.refill(true);
    }
    if (this.current === null) this.advance();
    else this.emit();
  }

  private holds(id: string): boolean {
    return this.current?.id === id || this.learning.some((c) => c.id === id) || this.main.some((c) => c.id === id);
  }

  private serverNow(): number {
    return this.clock.now() + this.skew;
  }

  private show(card: ShownCard) {
    this.current = card;
    this.revealed = false;
    this.suggested = 3;
    this.showing++;
    this.shownAt = this.clock.now();
  }

  /** Shows the next card held, or waits for one (a learning step, the next batch). */
  private advance() {
    this.clock.clearTimeout(this.wakeTimer);
    this.wakeTimer = null;
    const asHeld = (c: ShownCard, ready: boolean) => ({ id: c.id, due: c.due, isExercise: c.exercise !== null, failed: c.failed, ready });
    const pick = pickNext(
      this.learning.map((c) => asHeld(c, c.ready)),
      this.main.map((c) => asHeld(c, true)),
      this.serverNow(),
      this.lastId,
    );
    if (pick.card) {
      const id = pick.card.id;
      if (pick.from === "learning") {
        const held = this.learning.find((c) => c.id === id)!;
        this.learning = this.learning.filter((c) => c !== held);
        const { ready: _r, pendingSeq: _s, ...card } = held;
        this.show(card);
      } else {
        const card = this.main.find((c) => c.id === id)!;
        this.main = this.main.filter((c) => c !== card);
        this.show(card);
      }
    } else {
      this.current = null;
      if (pick.wakeAt !== null) {
        this.wakeTimer = this.clock.setTimeout(() => {
          if (this.current === null) this.advance();
          this.pump();
        }, Math.max(0, pick.wakeAt - this.serverNow()) + 50);
      }
    }
    this.refill(false);
    this.emit();
  }

  /** Asks for the next batch when the held queue runs low (or, `force`, to hear the server's view again). */
  private refill(force: boolean) {
    if (this.refilling) {
      this.refillAgain ||= force;
      return;
    }
    if (!force && !(this.more && this.main.length <= REFILL_AT)) return;
    this.refilling = true;
    const seq = this.outbox.lastSeq;
    void this.outbox
      .request(() => ({ op: "queue", held: this.heldRefs() }), true)
      .then((o) => {
        this.refilling = false;
        if (o.ok && (o.body as { ok: boolean }).ok) this.applyBatch((o.body as { batch: SessionBatch }).batch, seq);
        if (this.refillAgain) {
          this.refillAgain = false;
          this.refill(true);
        }
        if (this.current === null) this.advance();
        this.pump();
      });
    this.emit();
  }

  private heldRefs() {
    const held = [...(this.current ? [this.current] : []), ...this.learning.filter((c) => c.ready), ...this.main];
    return held.map((c) => ({ id: c.id, token: c.token }));
  }

  private applyBatch(b: SessionBatch, seq: number) {
    this.skew = b.serverNow - this.clock.now();
    const drop = new Set(b.drop);
    this.learning = this.learning.filter((c) => !drop.has(c.id));
    this.main = this.main.filter((c) => !drop.has(c.id));
    if (this.current && drop.has(this.current.id)) {
      // Graded or set aside in another tab, or changed: move on.
      this.current = null;
      this.notice ??= { code: "error", error: "stale" };
    }
    // A card whose grade is still on its way was answered here: a batch counted before that grade landed may offer it again.
    const inFlight = new Set(this.outbox.pending.flatMap((p) => (p.op.kind === "grade" ? [p.op.cardId] : [])));
    for (const c of b.cards) {
      if (this.holds(c.id) || inFlight.has(c.id)) continue;
      if (c.queue === "learning") this.learning.push({ ...c, ready: true, pendingSeq: null });
      else this.main.push(c);
    }
    this.base = { counts: b.counts, done: b.done, seq };
    for (const s of [...this.answered.keys()]) if (s <= seq) this.answered.delete(s);
    this.more = b.more;
    this.limited = b.limited;
    this.nextDue = b.nextDue;
  }

  private makeView(): SessionView {
    const since = [...this.answered.entries()].filter(([s]) => s > this.base.seq).map(([, a]) => a);
    const taken = (q: QueueName) => since.filter((a) => a.queue === q).length;
    const window = this.serverNow() + LEARN_AHEAD_MS;
    const counts = {
      new: Math.max(0, this.base.counts.new - taken("new")),
      review: Math.max(0, this.base.counts.review - taken("review")),
      learning: this.learning.filter((c) => c.due <= window).length + (this.current?.queue === "learning" ? 1 : 0),
    };
    const done = this.base.done + since.filter((a) => a.graded).length;
    const left = counts.new + counts.review + counts.learning;
    return {
      current: this.current,
      showing: this.showing,
      revealed: this.revealed,
      suggested: this.suggested,
      counts,
      done,
      progress: done + left === 0 ? 1 : done / (done + left),
      phase: this.current ? "card" : this.refilling || this.learning.some((c) => !c.ready) ? "loading" : "empty",
      undoing: this.undoing,
      limited: this.limited,
      // A learning step the browser waits for comes before anything the server knew of.
      nextDue: this.learning.length ? new Date(Math.min(...this.learning.map((c) => c.due))).toISOString() : this.nextDue,
      notice: this.notice,
    };
  }

  private emit() {
    this.view = this.makeView();
    for (const l of this.listeners) l();
  }
}
