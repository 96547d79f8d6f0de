import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Outbox, RETRY_MS, type Send, type StorageLike } from "@/app/review/outbox";
import { SessionController } from "@/app/review/session-controller";
import type { SessionBatch, ShownCard } from "@/app/review/session-types";

/**
 * The browser side of the review session without a browser: the outbox that
 * keeps every grade until the server acknowledges it, and the controller that
 * shows the next card at once and queues keys. The network is a fake whose
 * answers the test releases one by one.
 */

const T0 = Date.parse("2026-03-02T10:00:00Z");
const MIN = 60_000;

function shown(id: string, o: Partial<ShownCard> = {}): ShownCard {
  return {
    id,
    token: `${id}@0.0~n${id.length}`,
    noteTitle: `Note ${id}`,
    kind: "basic",
    frontHtml: `<p>${id}?</p>`,
    backHtml: `<p>${id}!</p>`,
    intervals: ["1 min", "6 min", "10 min", "4 days"],
    intervalMs: [MIN, 6 * MIN, 10 * MIN, 4 * 86_400_000],
    exercise: null,
    brokenMessage: null,
    queue: "new",
    due: T0,
    failed: false,
    ...o,
  };
}

function batch(cards: ShownCard[], o: Partial<SessionBatch> = {}): SessionBatch {
  return { cards, counts: { learning: 0, review: 0, new: cards.length }, done: 0, more: false, drop: [], limited: false, nextDue: null, serverNow: Date.now(), ...o };
}

/** A network whose requests wait until the test answers them. */
class FakeServer {
  requests: { body: Record<string, unknown>; answer: (status: number, body: unknown) => void; fail: () => void }[] = [];
  send: Send = (body) =>
    new Promise((resolve, reject) => {
      this.requests.push({ body: body as Record<string, unknown>, answer: (status, b) => resolve({ status, body: b }), fail: () => reject(new Error("offline")) });
    });
  /** The oldest request not yet answered. */
  next() {
    const r = this.requests.shift();
    if (!r) throw new Error("no request waiting");
    return r;
  }
}

class MemoryStorage implements StorageLike {
  map = new Map<string, string>();
  getItem = (k: string) => this.map.get(k) ?? null;
  setItem = (k: string, v: string) => void this.map.set(k, v);
  removeItem = (k: string) => void this.map.delete(k);
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

let server: FakeServer;
let storage: MemoryStorage;
beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
  server = new FakeServer();
  storage = new MemoryStorage();
});
afterEach(() => {
  vi.useRealTimers();
});

function session(cards: ShownCard[], o: Partial<SessionBatch> = {}) {
  const outbox = new Outbox(server.send, storage);
  const ctl = new SessionController(batch(cards, o), outbox);
  ctl.start();
  return { outbox, ctl };
}

const ok = { ok: true, next: null };

describe("a grade", () => {
  it("shows the next card before the server answers, and is kept (also in sessionStorage) until it does", async () => {
    const { ctl, outbox } = session([shown("a"), shown("b")]);
    expect(ctl.getView().current?.id).toBe("a");
    ctl.dispatch({ type: "answer" });
    ctl.dispatch({ type: "grade", rating: 3 });
    // Painted at once: the server has not answered.
    expect(ctl.getView().current?.id).toBe("b");
    expect(ctl.getView().revealed).toBe(false);
    expect(server.requests.map((r) => r.body)).toEqual([{ op: "grade", cardId: "a", token: shown("a").token, rating: 3, durationMs: 0 }]);
    expect(outbox.status.waiting).toBe(1);
    expect(JSON.parse(storage.getItem("gradprep.review.outbox")!)).toHaveLength(1);
    // The counts move at once: a new card answered Good is in learning (10 min, within the learn-ahead window).
    expect(ctl.getView().counts).toEqual({ new: 1, learning: 1, review: 0 });
    server.next().answer(200, { ok: true, next: shown("a", { token: "a@1.1~x", queue: "learning", due: T0 + 10 * MIN }) });
    await flush();
    expect(outbox.status.waiting).toBe(0);
    expect(storage.getItem("gradprep.review.outbox")).toBeNull();
  });

  it("that cannot reach the server is retried with growing pauses, the header told, and never lost", async () => {
    const { ctl, outbox } = session([shown("a"), shown("b")]);
    ctl.dispatch({ type: "answer" });
    ctl.dispatch({ type: "grade", rating: 4 });
    server.next().fail();
    await flush();
    expect(outbox.status).toMatchObject({ waiting: 1, failing: true });
    await vi.advanceTimersByTimeAsync(RETRY_MS[0]!);
    server.next().answer(503, { ok: false, error: "save-failed" });
    await flush();
    expect(outbox.status.failing).toBe(true);
    await vi.advanceTimersByTimeAsync(RETRY_MS[1]!);
    const third = server.next();
    expect(third.body).toMatchObject({ op: "grade", cardId: "a", rating: 4 });
    third.answer(200, ok);
    await flush();
    expect(outbox.status).toMatchObject({ waiting: 0, failing: false });
  });

  it("a reload keeps an unsaved grade: the new page sends it again and does not show its card", async () => {
    const first = session([shown("a"), shown("b")]);
    first.ctl.dispatch({ type: "answer" });
    first.ctl.dispatch({ type: "grade", rating: 3 });
    expect(server.requests).toHaveLength(1);
    // The tab reloads before the answer arrives: a new outbox on the same sessionStorage.
    server = new FakeServer();
    const again = session([shown("a"), shown("b")]);
    expect(again.outbox.pending.map((p) => p.op.cardId)).toEqual(["a"]);
    expect(again.ctl.getView().current?.id).toBe("b");
    expect(server.next().body).toMatchObject({ op: "grade", cardId: "a", token: shown("a").token });
  });

  it("refused because another tab graded the card: the message names the grade, and the session goes on", async () => {
    const { ctl } = session([shown("a"), shown("b")]);
    ctl.dispatch({ type: "answer" });
    ctl.dispatch({ type: "grade", rating: 3 });
    server.next().answer(200, { ok: false, error: "graded-elsewhere" });
    await flush();
    expect(ctl.getView().notice).toEqual({ code: "error", error: "graded-elsewhere", rating: 3, noteTitle: "Note a" });
    expect(ctl.getView().current?.id).toBe("b");
    // The placeholder for the card's learning step is gone; the server is asked for its view again.
    expect(ctl.getView().counts.learning).toBe(0);
    expect(server.next().body).toMatchObject({ op: "queue" });
  });
});

describe("keys", () => {
  it("s then u at once: the suspend is saved, then undone, and the restored card comes first; a key pressed meanwhile waits its turn", async () => {
    const { ctl } = session([shown("a"), shown("b"), shown("c")]);
    ctl.dispatch({ type: "suspend" });
    expect(ctl.getView().current?.id).toBe("b");
    ctl.dispatch({ type: "undo" });
    ctl.dispatch({ type: "answer" });
    expect(ctl.getView().undoing).toBe(true);
    // The undo waits for the suspend to be acknowledged.
    expect(server.requests.map((r) => r.body.op)).toEqual(["set-aside"]);
    server.next().answer(200, { ok: true });
    await flush();
    expect(server.requests.map((r) => r.body.op)).toEqual(["undo"]);
    expect(ctl.getView().revealed).toBe(false);
    const restored = shown("a", { token: "a@0.0~restored" });
    server.next().answer(200, { ok: true, undone: "suspend", cardId: "a", batch: batch([restored, shown("b"), shown("c")]) });
    await flush();
    const v = ctl.getView();
    expect(v.current?.token).toBe("a@0.0~restored");
    expect(v.notice).toEqual({ code: "undone", what: "suspend" });
    // The Space pressed while the undo was on its way applied to the restored card.
    expect(v.revealed).toBe(true);
    expect(v.undoing).toBe(false);
  });

  it("pressing the grade key twice grades one card: the second press finds the next card unrevealed", () => {
    const { ctl } = session([shown("a"), shown("b")]);
    ctl.dispatch({ type: "answer" });
    ctl.dispatch({ type: "grade", rating: 3 });
    ctl.dispatch({ type: "grade", rating: 3 });
    expect(server.requests).toHaveLength(1);
    expect(ctl.getView().current?.id).toBe("b");
  });
});

describe("the queue the browser holds", () => {
  it("asks for the next batch while a few cards are left, after the grades made before, holding what it holds then", async () => {
    const cards = ["a", "b", "c", "d", "e", "f", "g"].map((id) => shown(id));
    const { ctl } = session(cards, { more: true });
    expect(server.requests).toHaveLength(0);
    ctl.dispatch({ type: "answer" });
    ctl.dispatch({ type: "grade", rating: 4 });
    // b shown, c–g waiting: five, above the refill mark of 4.
    expect(ctl.getView().current?.id).toBe("b");
    ctl.dispatch({ type: "answer" });
    ctl.dispatch({ type: "grade", rating: 4 });
    // c shown, d–g waiting: four, so a refill is queued behind the two grades. One request at a time, in order.
    expect(server.requests.map((r) => r.body.op)).toEqual(["grade"]);
    server.next().answer(200, ok);
    await flush();
    expect(server.requests.map((r) => r.body.op)).toEqual(["grade"]);
    server.next().answer(200, ok);
    await flush();
    const q = server.next();
    expect(q.body).toEqual({ op: "queue", held: ["c", "d", "e", "f", "g"].map((id) => ({ id, token: shown(id).token })) });
    // The server counted after both grades; a grade made while the refill was on its way still counts.
    ctl.dispatch({ type: "answer" });
    ctl.dispatch({ type: "grade", rating: 4 });
    q.answer(200, { ok: true, batch: batch([shown("h")], { counts: { learning: 0, review: 0, new: 6 }, done: 2 }) });
    await flush();
    expect(ctl.getView().counts.new).toBe(5);
    expect(ctl.getView().done).toBe(3);
  });

  it("never shows again a card whose grade is still on its way, when a batch offers it", async () => {
    const cards = ["a", "b", "c", "d", "e"].map((id) => shown(id));
    const { ctl } = session(cards, { more: true });
    // a shown, b–e waiting: four, at the refill mark, so the refill is on its way at once.
    const q = server.next();
    expect(q.body.op).toBe("queue");
    // a is graded while the refill is on its way; its grade waits behind it.
    ctl.dispatch({ type: "answer" });
    ctl.dispatch({ type: "grade", rating: 4 });
    // A server that counted before a's grade landed offers a again.
    q.answer(200, { ok: true, batch: batch([shown("a"), shown("f")], { more: false }) });
    await flush();
    const seen: string[] = [];
    for (let i = 0; i < 8 && ctl.getView().current; i++) {
      seen.push(ctl.getView().current!.id);
      ctl.dispatch({ type: "answer" });
      ctl.dispatch({ type: "grade", rating: 4 });
    }
    expect(seen).toEqual(["b", "c", "d", "e", "f"]);
  });

  it("a card graded Again comes back when its step is due, learned ahead when nothing else is left", async () => {
    const { ctl } = session([shown("a"), shown("b")]);
    ctl.dispatch({ type: "answer" });
    ctl.dispatch({ type: "grade", rating: 1 });
    server.next().answer(200, { ok: true, next: shown("a", { token: "a@1.1~again", queue: "learning", due: T0 + MIN, failed: true }) });
    await flush();
    expect(ctl.getView().current?.id).toBe("b");
    ctl.dispatch({ type: "answer" });
    ctl.dispatch({ type: "grade", rating: 4 });
    // Nothing else: the flashcard in its 1-minute step is learned ahead (Anki).
    expect(ctl.getView().current?.token).toBe("a@1.1~again");
  });

  it("a failed exercise at the end waits for its step, then shows by itself", async () => {
    const ex = { cardId: "x", seed: 1 } as unknown as ShownCard["exercise"];
    const { ctl } = session([shown("x", { kind: "exercise", exercise: ex })]);
    ctl.exerciseDone(1);
    ctl.dispatch({ type: "answer" });
    server.next().answer(200, { ok: true, next: shown("x", { kind: "exercise", exercise: ex, token: "x@1.1~again", queue: "learning", due: T0 + MIN, failed: true }) });
    await flush();
    expect(ctl.getView().current).toBeNull();
    expect(ctl.getView().phase).toBe("empty");
    expect(ctl.getView().nextDue).toBe(new Date(T0 + MIN).toISOString());
    await vi.advanceTimersByTimeAsync(MIN + 100);
    expect(ctl.getView().current?.token).toBe("x@1.1~again");
  });
});
