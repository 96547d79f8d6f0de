import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyBrowseAction, MAX_SELECTION, undoBrowseAction } from "@/lib/db/browse-actions";
import { undoLast } from "@/lib/db/reviews";
import { State } from "@/lib/srs/schedule";
import { createTempDb, type TempDb } from "../support/temp-db";
import { daysFromNow, NOW, seedBrowseFixture } from "./browse-fixture";

let t: TempDb;
beforeEach(async () => {
  t = createTempDb();
  await seedBrowseFixture(t.db);
});
afterEach(async () => {
  await t.cleanup();
});

/** Everything an action may write: every card and every action record. */
async function snapshot() {
  const [cards, actions, logs] = await Promise.all([
    t.db.card.findMany({ orderBy: { id: "asc" }, omit: { updatedAt: true } }),
    t.db.cardAction.findMany({ orderBy: { id: "asc" } }),
    t.db.reviewLog.count(),
  ]);
  return { cards, actions, logs };
}
const card = (id: string) => t.db.card.findUniqueOrThrow({ where: { id }, omit: { updatedAt: true } });
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

describe("suspend, unsuspend, bury", () => {
  it("suspend changes the cards not yet suspended, and undo puts exactly them back", async () => {
    const before = await snapshot();
    const r = await applyBrowseAction(t.db, { kind: "suspend", cardIds: ["en:rev-1", "en:suspended", "zh:rev"], now: NOW });
    expect(r).toMatchObject({ ok: true, changed: 2, unchanged: 1 });
    expect((await card("en:rev-1")).suspended).toBe(true);
    expect((await card("zh:rev")).suspended).toBe(true);
    expect(await t.db.cardAction.count()).toBe(2);
    const u = await undoBrowseAction(t.db, r.ok ? r.batch : "");
    expect(u).toEqual({ ok: true, restored: 2 });
    expect(await snapshot()).toEqual(before);
  });

  it("unsuspend and bury (until the given moment; a card buried as long already is left alone)", async () => {
    const until = daysFromNow(0.5);
    expect(await applyBrowseAction(t.db, { kind: "unsuspend", cardIds: ["en:suspended", "en:rev-1"], now: NOW })).toMatchObject({ ok: true, changed: 1, unchanged: 1 });
    expect((await card("en:suspended")).suspended).toBe(false);
    expect(await applyBrowseAction(t.db, { kind: "bury", cardIds: ["en:buried", "en:rev-2"], now: NOW, until })).toMatchObject({ ok: true, changed: 1, unchanged: 1 });
    expect((await card("en:rev-2")).buriedUntil).toEqual(until);
  });

  it("`u` in a review session takes a browser suspend back one card at a time", async () => {
    const r = await applyBrowseAction(t.db, { kind: "suspend", cardIds: ["en:rev-1", "en:rev-2"], now: NOW });
    expect(r.ok).toBe(true);
    const u = await undoLast(t.db, daysFromNow(-1), later(1));
    expect(u).toMatchObject({ ok: true, undone: "suspend" });
    const suspended = [(await card("en:rev-1")).suspended, (await card("en:rev-2")).suspended];
    expect(suspended.filter(Boolean)).toHaveLength(1);
    // The browser's undo then restores what is left of the batch.
    expect(await undoBrowseAction(t.db, r.ok ? r.batch : "")).toEqual({ ok: true, restored: 1 });
    expect([(await card("en:rev-1")).suspended, (await card("en:rev-2")).suspended]).toEqual([false, false]);
  });
});

describe("reset (forget)", () => {
  it("makes the cards new again: schedule, counts and leech tag go; review history stays; undo restores them exactly", async () => {
    await t.db.reviewLog.create({
      data: { id: "log-1", cardId: "en:relearn", token: "tok-1", rating: 1, state: 2, due: daysFromNow(-1), stability: 3, difficulty: 8, elapsedDays: 3, lastElapsedDays: 3, scheduledDays: 3, learningSteps: 0, reviewedAt: daysFromNow(-1), durationMs: 3000, previousCard: "{}" },
    });
    const before = await snapshot();
    const r = await applyBrowseAction(t.db, { kind: "reset", cardIds: ["en:relearn", "en:rev-3", "en:new-1"], now: NOW });
    expect(r).toMatchObject({ ok: true, changed: 2, unchanged: 1 });
    for (const id of ["en:relearn", "en:rev-3"]) {
      expect(await card(id)).toMatchObject({ state: State.New, due: NOW, stability: 0, difficulty: 0, scheduledDays: 0, reps: 0, lapses: 0, lastReview: null, leech: false });
    }
    expect(await card("en:relearn")).toMatchObject({ suspended: false, buriedUntil: null });
    expect(await t.db.reviewLog.count()).toBe(1);
    expect(await undoBrowseAction(t.db, r.ok ? r.batch : "")).toEqual({ ok: true, restored: 2 });
    expect(await snapshot()).toEqual(before);
  });

  it("`u` in a review session undoes a reset card too, with its whole schedule", async () => {
    const before = await card("en:rev-2");
    await applyBrowseAction(t.db, { kind: "reset", cardIds: ["en:rev-2"], now: NOW });
    expect((await card("en:rev-2")).state).toBe(State.New);
    expect(await undoLast(t.db, daysFromNow(-1), later(1))).toMatchObject({ ok: true, cardId: "en:rev-2" });
    expect(await card("en:rev-2")).toEqual(before);
    expect(await t.db.cardAction.count()).toBe(0);
  });
});

describe("reschedule", () => {
  it("moves the due date only; undo puts it back", async () => {
    const before = await snapshot();
    const due = daysFromNow(30);
    const r = await applyBrowseAction(t.db, { kind: "reschedule", cardIds: ["en:rev-1", "zh:rev"], now: NOW, due });
    expect(r).toMatchObject({ ok: true, changed: 2 });
    const after = await card("en:rev-1");
    const was = before.cards.find((c) => c.id === "en:rev-1")!;
    expect(after).toEqual({ ...was, due });
    expect(await undoBrowseAction(t.db, r.ok ? r.batch : "")).toEqual({ ok: true, restored: 2 });
    expect(await snapshot()).toEqual(before);
  });
});

describe("errors change nothing", () => {
  it("a selection with a card that is not in the content (unknown, retired, of a retired note)", async () => {
    const before = await snapshot();
    for (const bad of ["no-such-card", "en:retired", "old:card"]) {
      expect(await applyBrowseAction(t.db, { kind: "suspend", cardIds: ["en:rev-1", bad], now: NOW })).toEqual({ ok: false, error: "not-found" });
      expect(await applyBrowseAction(t.db, { kind: "reset", cardIds: [bad, "en:rev-2"], now: NOW })).toEqual({ ok: false, error: "not-found" });
    }
    expect(await applyBrowseAction(t.db, { kind: "suspend", cardIds: [], now: NOW })).toEqual({ ok: false, error: "empty" });
    const many = Array.from({ length: MAX_SELECTION + 1 }, (_, i) => `c${i}`);
    expect(await applyBrowseAction(t.db, { kind: "suspend", cardIds: many, now: NOW })).toEqual({ ok: false, error: "too-many" });
    expect(await snapshot()).toEqual(before);
  });

  it("a write that fails part-way rolls the whole selection back", async () => {
    // SQLite refuses any change to this one card: the action records and the other cards' changes must go too.
    await t.db.$executeRawUnsafe(`CREATE TRIGGER refuse_zh BEFORE UPDATE ON "Card" WHEN OLD."id" = 'zh:rev' BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    const before = await snapshot();
    for (const kind of ["suspend", "reset"] as const) {
      await expect(applyBrowseAction(t.db, { kind, cardIds: ["en:rev-1", "zh:rev", "en:rev-2"], now: NOW })).rejects.toThrow();
    }
    await expect(applyBrowseAction(t.db, { kind: "reschedule", cardIds: ["en:rev-1", "zh:rev"], now: NOW, due: daysFromNow(3) })).rejects.toThrow();
    expect(await snapshot()).toEqual(before);
  });

  it("undo is refused, changing nothing, once a card of the batch was graded or set aside since", async () => {
    const r = await applyBrowseAction(t.db, { kind: "reset", cardIds: ["en:rev-1", "en:rev-2"], now: NOW });
    const batch = r.ok ? r.batch : "";
    await t.db.reviewLog.create({
      data: { id: "log-after", cardId: "en:rev-2", token: "tok-after", rating: 3, state: 0, due: NOW, stability: 0, difficulty: 0, elapsedDays: 0, lastElapsedDays: 0, scheduledDays: 0, learningSteps: 0, reviewedAt: later(5), durationMs: 3000, previousCard: "{}" },
    });
    const before = await snapshot();
    expect(await undoBrowseAction(t.db, batch)).toEqual({ ok: false, error: "changed-since" });
    expect(await snapshot()).toEqual(before);
    await t.db.reviewLog.delete({ where: { id: "log-after" } });
    await applyBrowseAction(t.db, { kind: "suspend", cardIds: ["en:rev-1"], now: later(6) });
    expect(await undoBrowseAction(t.db, batch)).toEqual({ ok: false, error: "changed-since" });
    expect(await undoBrowseAction(t.db, "00000000-0000-4000-8000-000000000000")).toEqual({ ok: false, error: "nothing-to-undo" });
  });
});
