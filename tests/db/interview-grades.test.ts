import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FSRS } from "ts-fsrs";
import { parseNote } from "@/lib/content/parse";
import { gradeInterviewMisses, keyPointStanding } from "@/lib/db/interview";
import { gradeCard } from "@/lib/db/reviews";
import { syncNotes } from "@/lib/db/sync";
import { createScheduler, Rating, reviewToken, State } from "@/lib/srs/schedule";
import { createTempDb, type TempDb } from "../support/temp-db";

const scheduler = createScheduler();
const t0 = new Date("2026-03-01T09:00:00Z");
const days = (n: number) => new Date(t0.getTime() + n * 86_400_000);
const SESSION = "0f6c1e2a-3b4c-4d5e-8f70-123456789abc";
const OTHER = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";

const facts = parseNote("---\nid: en/facts\nlang: en\n---\nA::B ^a\n\nC::D ^b\n\nE::F ^c\n", "en/facts.md").note!;

let t: TempDb;
beforeEach(async () => {
  t = createTempDb();
  await syncNotes(t.db, [facts], { now: t0 });
  // Card a: learned (Good twice) and due in the future; b and c stay new.
  for (let i = 0; i < 2; i++) {
    const row = (await t.db.card.findUnique({ where: { id: "en/facts:a" } }))!;
    const r = await gradeCard(t.db, { cardId: row.id, token: reviewToken(row.id, { reps: row.reps, lastReview: row.lastReview }), rating: Rating.Good, now: days(i), durationMs: 1000, scheduler });
    expect(r.ok).toBe(true);
  }
});
afterEach(async () => {
  await t.cleanup();
});

const logs = (cardId?: string) => t.db.reviewLog.count({ where: cardId ? { cardId } : {} });

describe("what the schedule says about key-point cards", () => {
  it("reads retrievability, due, lapses and whether a card is new; unknown ids are left out", async () => {
    const now = days(2);
    const s = await keyPointStanding(t.db, ["en/facts:a", "en/facts:b", "en/facts:nope"], now, scheduler);
    expect([...s.keys()].sort()).toEqual(["en/facts:a", "en/facts:b"]);
    expect(s.get("en/facts:b")).toEqual({ retrievability: 0, due: false, lapses: 0, isNew: true });
    const a = s.get("en/facts:a")!;
    expect(a.isNew).toBe(false);
    expect(a.lapses).toBe(0);
    const row = (await t.db.card.findUnique({ where: { id: "en/facts:a" } }))!;
    expect(a.due).toBe(row.due <= now);
    expect(a.retrievability).toBeGreaterThan(0.5);
    expect(a.retrievability).toBeLessThanOrEqual(1);
  });
});

describe("grading the cards behind missed points", () => {
  it("grades each card Again once, through the review log, and leaves other cards alone", async () => {
    const now = days(2);
    const before = (await t.db.card.findUnique({ where: { id: "en/facts:a" } }))!;
    expect(before.due.getTime()).toBeGreaterThan(now.getTime());
    const c = (await t.db.card.findUnique({ where: { id: "en/facts:c" } }))!;

    const out = await gradeInterviewMisses(t.db, { session: SESSION, cardIds: ["en/facts:a", "en/facts:b", "en/facts:a", "en/facts:gone"], now, scheduler, durationMs: 90_000 });
    expect(out.map((o) => [o.cardId, o.outcome])).toEqual([
      ["en/facts:a", "graded"],
      ["en/facts:b", "graded"],
      ["en/facts:gone", "not-found"],
    ]);
    const a = (await t.db.card.findUnique({ where: { id: "en/facts:a" } }))!;
    // A lapse: relearning, due within the day (the first relearning step), one more lapse and rep.
    expect(a.state).toBe(State.Relearning);
    expect(a.lapses).toBe(before.lapses + 1);
    expect(a.reps).toBe(before.reps + 1);
    expect(a.due.getTime()).toBeLessThanOrEqual(now.getTime() + 86_400_000);
    const log = (await t.db.reviewLog.findFirst({ where: { cardId: "en/facts:a" }, orderBy: { reviewedAt: "desc" } }))!;
    expect(log.rating).toBe(Rating.Again);
    expect(log.token.endsWith(`~${SESSION}`)).toBe(true);
    // Capped like any answer (MAX_ANSWER_MS, 60 s).
    expect(log.durationMs).toBe(60_000);
    const b = (await t.db.card.findUnique({ where: { id: "en/facts:b" } }))!;
    expect(b.state).toBe(State.Learning);
    expect(await t.db.card.findUnique({ where: { id: "en/facts:c" } })).toEqual(c);
    expect(await logs()).toBe(4);

    // Confirming again (a reload, a second click), even later: nothing changes.
    const again = await gradeInterviewMisses(t.db, { session: SESSION, cardIds: ["en/facts:a", "en/facts:b"], now: days(3), scheduler, durationMs: 1 });
    expect(again.map((o) => o.outcome)).toEqual(["already", "already"]);
    expect(await logs()).toBe(4);
    expect(await t.db.card.findUnique({ where: { id: "en/facts:a" } })).toEqual(a);

    // Another interview is another grade.
    const other = await gradeInterviewMisses(t.db, { session: OTHER, cardIds: ["en/facts:b"], now: days(3), scheduler, durationMs: 1 });
    expect(other.map((o) => o.outcome)).toEqual(["graded"]);
    expect(await logs("en/facts:b")).toBe(2);
  });

  it("writes all the grades or none", async () => {
    // A scheduler that fails on its second grade: the first card's grade must be rolled back with it.
    let calls = 0;
    const failing = new Proxy(scheduler, {
      get(target, prop) {
        const v = Reflect.get(target, prop);
        if (prop !== "next" || typeof v !== "function") return typeof v === "function" ? v.bind(target) : v;
        return (...args: unknown[]) => {
          if (++calls === 2) throw new Error("disk full");
          return v.apply(target, args);
        };
      },
    }) as FSRS;
    const before = await t.db.card.findMany({ orderBy: { id: "asc" } });
    await expect(gradeInterviewMisses(t.db, { session: SESSION, cardIds: ["en/facts:a", "en/facts:b"], now: days(2), scheduler: failing, durationMs: 1 })).rejects.toThrow("disk full");
    expect(calls).toBe(2);
    expect(await t.db.card.findMany({ orderBy: { id: "asc" } })).toEqual(before);
    expect(await logs()).toBe(2);
  });

  it("refuses a session id that is not a UUID", async () => {
    await expect(gradeInterviewMisses(t.db, { session: "x_%", cardIds: ["en/facts:a"], now: days(2), scheduler, durationMs: 1 })).rejects.toThrow("bad session id");
    expect(await logs()).toBe(2);
  });
});
