import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseNote } from "@/lib/content/parse";
import { cardTotal, getCard } from "@/lib/db/queries";
import { todayCounts } from "@/lib/db/queue";
import { gradeCard, restoreCard, setAside, undoLast, unsuspend } from "@/lib/db/reviews";
import { getSettings, saveSettings, studyTimeZone } from "@/lib/db/settings";
import { schedulerFor } from "@/lib/srs/config";
import { dayStart, nextDayStart } from "@/lib/srs/day";
import { DEFAULT_SETTINGS } from "@/lib/srs/settings";
import { reviewToken, type CardState } from "@/lib/srs/schedule";
import { nextCard } from "../support/next-card";
import { createTempDb, type TempDb } from "../support/temp-db";
// Study days are local: these count them in a zone far from the process's UTC (vitest.config.ts).
const TOKYO = "Asia/Tokyo";

const fixtures = path.join(import.meta.dirname, "..", "content", "fixtures");
const notes = ["all-forms.md", "seed-format.md"].map((f) => parseNote(readFileSync(path.join(fixtures, f), "utf8"), f).note!);
// 10:00 in Tokyo on 2 March 2026.
const t0 = new Date("2026-03-02T01:00:00Z");
const plus = (t: Date, minutes: number) => new Date(t.getTime() + minutes * 60_000);
const noFuzz = { ...DEFAULT_SETTINGS, fuzz: false };
/** The README's leech threshold (Anki's), pinned by value rather than imported: changing LEECH_LAPSES in lib/srs/settings.ts fails here. */
const LEECH_AT = 8;
const scheduler = schedulerFor(noFuzz);

let t: TempDb;
let total: number;
beforeEach(async () => {
  t = createTempDb();
  await t.db.settings.create({ data: { id: 1, fuzz: false } });
  const r = await syncNotes();
  total = r.cardsCreated;
});
afterEach(async () => {
  await t.cleanup();
});

async function syncNotes() {
  const { syncNotes: sync } = await import("@/lib/db/sync");
  return sync(t.db, notes, { now: t0 });
}

/**
 * Sibling burying off: these tests count and take the cards of a note one
 * after another (the queue without burying, as it was before the review
 * session buried siblings); burying has its own tests (review-session.test.ts,
 * home-counts.test.ts).
 */
const UNBURIED = { timeZone: TOKYO, buryNewSiblings: false, buryReviewSiblings: false };

/** The home page's counts for today, in Tokyo. */
async function session(now: Date) {
  const s = await getSettings(t.db);
  return todayCounts(t.db, { now, settings: { ...s, ...UNBURIED } });
}

/** The card the review session shows next (the first of its batch), in Tokyo. */
const next = (now: Date, preferId?: string) => nextCard(t.db, now, { settings: UNBURIED, preferId });

/** Shows the next card under today's limits and grades it; null when the session is over. */
async function gradeNext(rating: 1 | 2 | 3 | 4, now: Date) {
  const card = await next(now);
  if (!card) return null;
  const r = await gradeCard(t.db, { cardId: card.id, token: card.token, rating, now, durationMs: 3000, scheduler });
  expect(r.ok).toBe(true);
  return { card, r };
}

async function snapshot(id: string): Promise<{ schedule: CardState; suspended: boolean; buriedUntil: Date | null; leech: boolean }> {
  const row = (await t.db.card.findUnique({ where: { id } }))!;
  const c = (await getCard(t.db, id))!;
  return { schedule: c.schedule, suspended: row.suspended, buriedUntil: row.buriedUntil, leech: row.leech };
}

describe("daily limits", () => {
  it("at most newPerDay new cards a study day; the next study day (4 am local) brings more", async () => {
    await saveSettings(t.db, { newPerDay: 3 });
    expect(total).toBeGreaterThan(6);
    const introduced: string[] = [];
    for (let i = 0; i < total; i++) {
      const g = await gradeNext(4, plus(t0, i));
      if (!g) break;
      introduced.push(g.card.id);
    }
    expect(introduced).toHaveLength(3);
    expect(new Set(introduced).size).toBe(3);
    const late = plus(t0, 60);
    expect((await session(late)).counts).toEqual({ new: 0, learning: 0, review: 0 });
    expect((await session(late)).done).toEqual({ newCards: 3, reviews: 0, total: 3 });

    // 03:59 Tokyo the next morning is still the same study day; 04:00 is a new one.
    const boundary = nextDayStart(t0, 4, TOKYO);
    expect(boundary.toISOString()).toBe("2026-03-02T19:00:00.000Z");
    expect((await session(plus(boundary, -1))).counts.new).toBe(0);
    expect((await session(boundary)).counts.new).toBe(3);
    expect(await next(boundary)).not.toBeNull();
  });

  it("learning cards are never held back by the limits; reviews stop at reviewsPerDay", async () => {
    await saveSettings(t.db, { newPerDay: 4, reviewsPerDay: 2 });
    // Four new cards: three Easy (to Review, days away), one Again (Learning, a minute away).
    for (const rating of [4, 4, 4, 1] as const) expect(await gradeNext(rating, t0)).not.toBeNull();
    const soon = plus(t0, 2);
    const s1 = await session(soon);
    expect(s1.counts).toEqual({ new: 0, learning: 1, review: 0 });
    const learning = (await next(soon))!;
    expect(learning.schedule.state).toBe(1);
    await gradeCard(t.db, { cardId: learning.id, token: learning.token, rating: 4, now: soon, durationMs: 1, scheduler });

    // Two months later all four are due reviews; the limit shows two (and no new cards today).
    await saveSettings(t.db, { newPerDay: 0 });
    const later = plus(t0, 60 * 24 * 60);
    expect(await t.db.card.count({ where: { state: 2, due: { lte: later } } })).toBe(4);
    expect((await session(later)).counts).toEqual({ new: 0, learning: 0, review: 2 });
    const lapsed = (await gradeNext(1, later))!; // Again: a lapse, into relearning
    expect(lapsed.card.schedule.state).toBe(2);
    expect((await gradeNext(3, plus(later, 1)))!.card.schedule.state).toBe(2);
    const s3 = await session(plus(later, 1));
    expect(s3.done.reviews).toBe(2); // the review limit is used up
    // The review limit is used up; the lapsed card (relearning, due in 10 minutes) is within the
    // 20-minute learn-ahead window, so it is shown rather than ending the session.
    expect(s3.counts).toEqual({ new: 0, learning: 1, review: 0 });
    const back = (await next(plus(later, 1)))!;
    expect(back.id).toBe(lapsed.card.id);
    expect(back.schedule.state).toBe(3);
    expect(back.schedule.due.getTime()).toBeGreaterThan(plus(later, 1).getTime());
    // Without learn-ahead (more than 20 minutes before it is due) it would not be.
    expect(back.schedule.due.getTime() - plus(later, 1).getTime()).toBeLessThanOrEqual(20 * 60_000);
    await gradeCard(t.db, { cardId: back.id, token: back.token, rating: 3, now: plus(later, 2), durationMs: 1, scheduler });
    expect(await next(plus(later, 2))).toBeNull();
    const relearn = plus(later, 2);
    // Two due reviews are still waiting for tomorrow.
    expect(await t.db.card.count({ where: { state: 2, due: { lte: relearn } } })).toBe(2);
  });

  it("progress is today's grades over today's grades plus what is left", async () => {
    await saveSettings(t.db, { newPerDay: 5 });
    expect((await session(t0)).progress).toBe(0);
    await gradeNext(4, t0);
    await gradeNext(4, t0);
    const s = await session(t0);
    expect(s.counts.new).toBe(3);
    expect(s.progress).toBeCloseTo(2 / 5, 12);
  });
});

describe("the study day", () => {
  it("a review due this evening is due all day (from 4 am local), not at its exact minute", async () => {
    // One card graded Easy at 10:00 Tokyo on 2 March; move its due to 21:00 on a later day.
    const g = (await gradeNext(4, t0))!;
    const dueAt = new Date("2026-03-20T12:00:00Z"); // 21:00 Tokyo
    await t.db.card.update({ where: { id: g.card.id }, data: { due: dueAt } });
    await saveSettings(t.db, { newPerDay: 0 });
    const morning = new Date("2026-03-19T23:30:00Z"); // 08:30 Tokyo on the 20th
    const s = await session(morning);
    expect(s.counts.review).toBe(1);
    expect((await next(morning))!.id).toBe(g.card.id);
    // 03:30 on the 20th still belongs to the 19th's study day: not due yet.
    const night = new Date("2026-03-19T18:30:00Z");
    expect((await session(night)).counts.review).toBe(0);
    expect(await next(night)).toBeNull();
    expect((await session(night)).nextDue).toEqual(dueAt);
  });

  it("with reviews and new cards due, the new cards are spread among the reviews", async () => {
    await saveSettings(t.db, { newPerDay: 2 });
    // Six cards become reviews due on 10 March; the rest stay new.
    for (let i = 0; i < 6; i++) {
      const g = (await gradeNext(4, plus(t0, i)))!;
      await t.db.card.update({ where: { id: g.card.id }, data: { due: new Date("2026-03-10T01:00:00Z") } });
      if (i === 1) await saveSettings(t.db, { newPerDay: 6 });
    }
    await saveSettings(t.db, { newPerDay: 2 });
    const day = new Date("2026-03-10T02:00:00Z");
    const kinds: number[] = [];
    for (let i = 0; i < 20; i++) {
      const g = await gradeNext(3, plus(day, i));
      if (!g) break;
      kinds.push(g.card.schedule.state);
    }
    // Good on a review keeps it out for days, on a new card starts learning (minutes): count the first showings.
    const order = kinds.filter((k) => k === 0 || k === 2).map((k) => (k === 0 ? "n" : "r")).join("");
    expect(order.replace(/[^n]/g, "")).toBe("nn");
    expect(order.replace(/[^r]/g, "")).toBe("rrrrrr");
    expect(order.startsWith("r")).toBe(true);
    expect(order.endsWith("nn")).toBe(false);
  });
});

describe("bury, suspend and undo", () => {
  it("a buried card leaves today's queue and returns at the next study day's start", async () => {
    const first = (await next(t0))!;
    const until = nextDayStart(t0, 4, TOKYO);
    expect(await setAside(t.db, { cardId: first.id, kind: "bury", now: t0, until, token: first.token })).toEqual({ ok: true });
    expect((await next(t0))!.id).not.toBe(first.id);
    expect((await session(t0)).counts.new).toBe(Math.min(20, total - 1));
    // "Cards in all" still counts it.
    expect(await cardTotal(t.db)).toBe(total);
    expect((await next(plus(until, -1)))!.id).not.toBe(first.id);
    expect((await next(until))!.id).toBe(first.id);
  });

  it("a suspended card stays out until unsuspended, with its schedule untouched", async () => {
    const first = (await next(t0))!;
    const before = await snapshot(first.id);
    await setAside(t.db, { cardId: first.id, kind: "suspend", now: t0 });
    expect((await next(plus(t0, 10 * 365 * 24 * 60)))!.id).not.toBe(first.id);
    expect(await unsuspend(t.db, first.id)).toEqual({ ok: true });
    expect(await snapshot(first.id)).toEqual(before);
    expect((await next(t0))!.id).toBe(first.id);
  });

  it("a stale token refuses the action and changes nothing", async () => {
    const first = (await next(t0))!;
    await gradeCard(t.db, { cardId: first.id, token: first.token, rating: 3, now: t0, durationMs: 1, scheduler });
    expect(await setAside(t.db, { cardId: first.id, kind: "suspend", now: t0, token: first.token })).toEqual({ ok: false, error: "stale" });
    expect((await snapshot(first.id)).suspended).toBe(false);
    expect(await t.db.cardAction.count()).toBe(0);
  });

  it("undo goes back through grades, burials and suspensions in reverse order, exactly", async () => {
    const a = (await next(t0))!;
    const sa0 = await snapshot(a.id);
    await gradeCard(t.db, { cardId: a.id, token: a.token, rating: 3, now: t0, durationMs: 1, scheduler });
    const sa1 = await snapshot(a.id);
    const nextB = (await next(plus(t0, 0.5)))!;
    expect(nextB.id).not.toBe(a.id);
    const sb0 = await snapshot(nextB.id);
    await setAside(t.db, { cardId: nextB.id, kind: "bury", now: plus(t0, 0.5), until: nextDayStart(t0, 4, TOKYO) });
    const sb1 = await snapshot(nextB.id);
    await gradeCard(t.db, { cardId: a.id, token: reviewToken(a.id, sa1.schedule), rating: 4, now: plus(t0, 1), durationMs: 1, scheduler });
    await setAside(t.db, { cardId: a.id, kind: "suspend", now: plus(t0, 1.5) });

    expect(await undoLast(t.db)).toMatchObject({ ok: true, cardId: a.id, undone: "suspend" });
    expect((await snapshot(a.id)).suspended).toBe(false);
    expect(await undoLast(t.db)).toMatchObject({ ok: true, cardId: a.id, undone: "grade" });
    expect(await snapshot(a.id)).toEqual(sa1);
    expect(await snapshot(nextB.id)).toEqual(sb1);
    expect(await undoLast(t.db)).toMatchObject({ ok: true, cardId: nextB.id, undone: "bury" });
    expect(await snapshot(nextB.id)).toEqual(sb0);
    expect(await undoLast(t.db)).toMatchObject({ ok: true, cardId: a.id, undone: "grade" });
    expect(await snapshot(a.id)).toEqual(sa0);
    expect(await undoLast(t.db)).toEqual({ ok: false, error: "nothing-to-undo" });
    expect(await t.db.reviewLog.count()).toBe(0);
    expect(await t.db.cardAction.count()).toBe(0);
  });
});

describe("undo, continued", () => {
  it("undo stays within today: yesterday's grades are never deleted by it", async () => {
    const a = (await gradeNext(3, t0))!;
    const tomorrow = plus(nextDayStart(t0, 4, TOKYO), 60);
    const since = dayStart(tomorrow, 4, TOKYO);
    expect(await undoLast(t.db, since)).toEqual({ ok: false, error: "nothing-to-undo" });
    expect(await t.db.reviewLog.count({ where: { cardId: a.card.id } })).toBe(1);
    expect(await undoLast(t.db, dayStart(t0, 4, TOKYO))).toMatchObject({ ok: true, cardId: a.card.id });
  });

  it("unsuspend is undoable too, and the undone card can be put first in the queue", async () => {
    const first = (await next(t0))!;
    await setAside(t.db, { cardId: first.id, kind: "suspend", now: t0 });
    await unsuspend(t.db, first.id, plus(t0, 1));
    expect((await snapshot(first.id)).suspended).toBe(false);
    expect(await undoLast(t.db)).toMatchObject({ ok: true, cardId: first.id, undone: "unsuspend" });
    expect((await snapshot(first.id)).suspended).toBe(true);
    await undoLast(t.db);

    // Unbury likewise: back today, and undo buries it again until the same time.
    const until = nextDayStart(t0, 4, TOKYO);
    await setAside(t.db, { cardId: first.id, kind: "bury", now: plus(t0, 2), until });
    expect(await restoreCard(t.db, first.id, "unbury", plus(t0, 3))).toEqual({ ok: true });
    expect((await snapshot(first.id)).buriedUntil).toBeNull();
    expect((await next(plus(t0, 3)))!.id).toBe(first.id);
    expect(await undoLast(t.db)).toMatchObject({ ok: true, cardId: first.id, undone: "unbury" });
    expect((await snapshot(first.id)).buriedUntil).toEqual(until);
    // Unburying a card that is not buried records nothing.
    await undoLast(t.db);
    const actions = await t.db.cardAction.count();
    expect(await restoreCard(t.db, first.id, "unbury", plus(t0, 4))).toEqual({ ok: true });
    expect(await t.db.cardAction.count()).toBe(actions);

    // A card behind others in the queue comes first when preferred, and only if it can be studied.
    const queue: string[] = [];
    for (let i = 0; i < 3; i++) {
      const c = (await next(t0))!;
      queue.push(c.id);
      await setAside(t.db, { cardId: c.id, kind: "bury", now: t0, until: nextDayStart(t0, 4, TOKYO) });
    }
    for (let i = 0; i < 3; i++) await undoLast(t.db);
    expect((await next(t0))!.id).toBe(queue[0]);
    expect((await next(t0, queue[2]))!.id).toBe(queue[2]);
    await setAside(t.db, { cardId: queue[2]!, kind: "suspend", now: t0 });
    expect((await next(t0, queue[2]))!.id).toBe(queue[0]);
  });
});

describe("fuzz", () => {
  it("with fuzz on, the interval a button shows is the one the grade gives, even answered later", async () => {
    const fuzzy = schedulerFor({ ...DEFAULT_SETTINGS, fuzz: true });
    const { previewDue } = await import("@/lib/srs/schedule");
    let now = t0;
    const id = (await next(t0))!.id;
    const seen = new Set<number>();
    for (let round = 0; round < 6; round++) {
      const c = (await getCard(t.db, id))!;
      now = new Date(Math.max(now.getTime(), c.schedule.due.getTime()) + 3600_000);
      const shown = previewDue(fuzzy, c.schedule, now, id);
      // The learner looks at the answer for 40 s before pressing Good.
      const answeredAt = new Date(now.getTime() + 40_000);
      const r = await gradeCard(t.db, { cardId: id, token: reviewToken(id, c.schedule), rating: 3, now: answeredAt, durationMs: 40_000, scheduler: fuzzy });
      if (!r.ok) throw new Error(r.error);
      const days = (d: Date, from: Date) => Math.round((d.getTime() - from.getTime()) / 86_400_000);
      expect(days(r.due, answeredAt)).toBe(days(shown[3], now));
      seen.add(days(r.due, answeredAt));
      now = answeredAt;
    }
    expect(seen.size).toBeGreaterThan(2);
  });

  it("new cards graded Easy together are spread over nearby days, not all put on one", async () => {
    const fuzzy = schedulerFor({ ...DEFAULT_SETTINGS, fuzz: true });
    const days = new Set<number>();
    for (let i = 0; i < total; i++) {
      const c = await next(t0);
      if (!c) break;
      const r = await gradeCard(t.db, { cardId: c.id, token: c.token, rating: 4, now: t0, durationMs: 1, scheduler: fuzzy });
      if (!r.ok) throw new Error(r.error);
      days.add(Math.round((r.due.getTime() - t0.getTime()) / 86_400_000));
    }
    expect(days.size).toBeGreaterThan(1);
  });
});

describe("the day the clocks go back", () => {
  it("a one-day interval does not bring the card back within the same 25-hour study day", async () => {
    const NY = "America/New_York";
    // DST ends at 2 am on Sunday 1 November 2026: the study day from 31 Oct 04:00 EDT lasts 25 hours.
    const at = new Date("2026-10-31T08:30:00Z"); // 04:30 EDT
    const dayEnd = nextDayStart(at, 4, NY);
    expect((dayEnd.getTime() - dayStart(at, 4, NY).getTime()) / 3600_000).toBe(25);
    // No learning steps and a 1-day cap: Good on a new card schedules it exactly one day ahead.
    const oneDay = schedulerFor({ ...noFuzz, maximumInterval: 1, learningSteps: "" });
    const c = (await next(at))!;
    const plain = await gradeCard(t.db, { cardId: c.id, token: c.token, rating: 3, now: at, durationMs: 1, scheduler: oneDay });
    // Without the study day: 24 hours later, which is still 31 October's study day.
    expect(plain.ok && plain.due.getTime() - at.getTime()).toBe(86_400_000);
    expect(plain.ok && plain.due < dayEnd).toBe(true);
    await undoLast(t.db);
    const fixed = await gradeCard(t.db, { cardId: c.id, token: c.token, rating: 3, now: at, durationMs: 1, scheduler: oneDay, studyDay: { dayStartHour: 4, timeZone: NY } });
    expect(fixed.ok && fixed.due).toEqual(dayEnd);
    expect((await getCard(t.db, c.id))!.schedule.due).toEqual(dayEnd);
    // An ordinary day is left alone.
    const normal = new Date("2026-11-03T09:30:00Z");
    const fresh = (await t.db.card.findFirst({ where: { state: 0 }, orderBy: { id: "asc" } }))!;
    const d = { id: fresh.id, token: reviewToken(fresh.id, (await getCard(t.db, fresh.id))!.schedule) };
    const r = await gradeCard(t.db, { cardId: d.id, token: d.token, rating: 3, now: normal, durationMs: 1, scheduler: oneDay, studyDay: { dayStartHour: 4, timeZone: NY } });
    expect(r.ok && r.due.getTime() - normal.getTime()).toBe(86_400_000);
  });
});

describe("the server's time zone", () => {
  it("is decided in one place, studyTimeZone, and reaches everything through getSettings: the machine's zone", async () => {
    // vitest.config.ts runs the process with TZ=UTC.
    expect(studyTimeZone()).toBe("UTC");
    expect((await getSettings(t.db)).timeZone).toBe("UTC");
    // The same instant, 04:30 in Tokyo, is a new study day there but not yet in UTC (19:30Z).
    const at = new Date("2026-03-02T19:30:00Z");
    const s = await getSettings(t.db);
    expect(nextDayStart(at, s.dayStartHour, TOKYO).toISOString()).toBe("2026-03-03T19:00:00.000Z");
    expect(nextDayStart(at, s.dayStartHour, s.timeZone).toISOString()).toBe("2026-03-03T04:00:00.000Z");
    // A new card introduced at 18:00Z spends the limit of UTC's study day (from 04:00Z), still today's at 19:30Z,
    // but not that of Tokyo's, which began anew at 19:00Z: the queue counts by the zone it is given.
    await saveSettings(t.db, { newPerDay: 1 });
    expect(await gradeNext(4, new Date("2026-03-02T18:00:00Z"))).not.toBeNull();
    expect((await session(at)).counts.new).toBe(1);
    expect((await todayCounts(t.db, { now: at, settings: await getSettings(t.db) })).counts.new).toBe(0);
  });
});

describe("set-aside edge cases", () => {
  it("burying twice records one action, so one undo brings the card back", async () => {
    const c = (await next(t0))!;
    const until = nextDayStart(t0, 4, TOKYO);
    await setAside(t.db, { cardId: c.id, kind: "bury", now: t0, until, token: c.token });
    expect(await setAside(t.db, { cardId: c.id, kind: "bury", now: plus(t0, 0.1), until, token: c.token })).toEqual({ ok: true });
    expect(await t.db.cardAction.count()).toBe(1);
    await undoLast(t.db);
    expect((await snapshot(c.id)).buriedUntil).toBeNull();
  });

  it("a buried card is neither preferred after an undo elsewhere nor announced as the next card", async () => {
    // A learning card due in 30 minutes, then buried: the next card is not "in 30 minutes".
    await saveSettings(t.db, { newPerDay: 1 });
    const g = (await gradeNext(3, t0))!; // Good on a new card: learning, 10 minutes
    const row = (await t.db.card.findUnique({ where: { id: g.card.id } }))!;
    expect(row.state).toBe(1);
    await t.db.card.update({ where: { id: g.card.id }, data: { due: plus(t0, 30) } });
    expect((await session(t0)).nextDue).toEqual(plus(t0, 30));
    await setAside(t.db, { cardId: g.card.id, kind: "bury", now: t0, until: nextDayStart(t0, 4, TOKYO) });
    expect((await session(t0)).nextDue).toBeNull();
    expect(await next(plus(t0, 31), g.card.id)).toBeNull();
  });
});

describe("leeches", () => {
  it(`the grade that makes the ${LEECH_AT}th lapse tags the card once; undoing it removes the tag`, async () => {
    const id = (await next(t0))!.id;
    let now = t0;
    const grade = async (rating: 1 | 2 | 3 | 4) => {
      const c = (await getCard(t.db, id))!;
      now = new Date(Math.max(now.getTime(), c.schedule.due.getTime()) + 60_000);
      const r = await gradeCard(t.db, { cardId: id, token: reviewToken(id, c.schedule), rating, now, durationMs: 1, scheduler });
      if (!r.ok) throw new Error(r.error);
      return r;
    };
    await grade(4); // New → Review
    const flagged: number[] = [];
    for (let lapse = 1; lapse <= LEECH_AT + 1; lapse++) {
      const r = await grade(1); // Review → Relearning: a lapse
      expect((await getCard(t.db, id))!.schedule.lapses).toBe(lapse);
      if (r.leech) flagged.push(lapse);
      expect((await snapshot(id)).leech).toBe(lapse >= LEECH_AT);
      if (lapse === LEECH_AT) {
        expect(await undoLast(t.db)).toMatchObject({ ok: true, undone: "grade" });
        expect((await snapshot(id)).leech).toBe(false);
        expect((await grade(1)).leech).toBe(true);
      }
      await grade(4); // back to Review
    }
    expect(flagged).toEqual([LEECH_AT]);
  });

  it("only a lapse tags, and undo removes exactly the tag its grade added (cards already past 8 lapses)", async () => {
    const g = (await gradeNext(4, t0))!; // now in Review
    await t.db.card.update({ where: { id: g.card.id }, data: { lapses: LEECH_AT, leech: false } });
    const gradeAt = async (rating: 1 | 3, when: Date) => {
      const c = (await getCard(t.db, g.card.id))!;
      return gradeCard(t.db, { cardId: c.id, token: reviewToken(c.id, c.schedule), rating, now: when, durationMs: 1, scheduler });
    };
    const due = (await getCard(t.db, g.card.id))!.schedule.due;
    expect(await gradeAt(3, plus(due, 1))).toMatchObject({ ok: true });
    expect((await snapshot(g.card.id)).leech).toBe(false);
    const later = (await getCard(t.db, g.card.id))!.schedule.due;
    expect(await gradeAt(1, plus(later, 1))).toMatchObject({ ok: true, leech: true });
    expect((await snapshot(g.card.id)).leech).toBe(true);
    await undoLast(t.db);
    expect((await snapshot(g.card.id)).leech).toBe(false);
    await undoLast(t.db);
    expect((await snapshot(g.card.id)).leech).toBe(false);
  });
});

describe("settings", () => {
  it("an invalid change names the field and saves nothing", async () => {
    const before = await getSettings(t.db);
    const r = await saveSettings(t.db, { retention: 0.5, newPerDay: 7 });
    expect(r).toEqual({ ok: false, errors: { retention: expect.stringMatching(/0\.7/) } });
    expect(await getSettings(t.db)).toEqual(before);
  });

  it("the scheduler follows the saved steps and retention", async () => {
    await saveSettings(t.db, { learningSteps: "2m 15m", fuzz: false });
    const card = (await next(t0))!;
    const s = schedulerFor(await getSettings(t.db));
    const again = s.repeat({ ...card.schedule, due: card.schedule.due, elapsed_days: 0, scheduled_days: 0, learning_steps: 0, state: 0, last_review: undefined } as never, t0);
    expect((again[1].card.due.getTime() - t0.getTime()) / 60_000).toBe(2);

    // Higher desired retention → shorter intervals for the same memory state.
    await gradeCard(t.db, { cardId: card.id, token: card.token, rating: 4, now: t0, durationMs: 1, scheduler: s });
    const reviewed = (await getCard(t.db, card.id))!.schedule;
    const at = new Date(reviewed.due.getTime());
    const interval = (retention: number) => {
      const sched = schedulerFor({ ...noFuzz, retention });
      const next = sched.repeat({ ...reviewed, elapsed_days: reviewed.elapsedDays, scheduled_days: reviewed.scheduledDays, learning_steps: reviewed.learningSteps, last_review: reviewed.lastReview ?? undefined } as never, at);
      return next[3].card.scheduled_days;
    };
    expect(interval(0.97)).toBeLessThan(interval(0.9));
    expect(interval(0.9)).toBeLessThan(interval(0.8));
  });
});
