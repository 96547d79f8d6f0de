import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROWSE_PAGE_SIZE, BROWSE_SORTS, browseCards, browseTags, containsPattern, explainBrowse, type BrowseFilter, type BrowseQuery } from "@/lib/db/browse";
import { cardInfo } from "@/lib/db/browse-card";
import { currentCards } from "@/lib/db/filters";
import { retrievability } from "@/lib/srs/retrievability";
import { createScheduler, State } from "@/lib/srs/schedule";
import { createTempDb, type TempDb } from "../support/temp-db";
import { CARDS, daysFromNow, NOW, seedBrowseFixture } from "./browse-fixture";

const scheduler = createScheduler();
let t: TempDb;

beforeAll(async () => {
  t = createTempDb();
  await seedBrowseFixture(t.db);
});
afterAll(async () => {
  await t.cleanup();
});

const q = (f: BrowseFilter & Partial<BrowseQuery> = {}): BrowseQuery => ({ sort: "due", dir: "asc", page: 1, ...f });
const ids = async (f: BrowseFilter & Partial<BrowseQuery> = {}) => (await browseCards(t.db, q(f), { now: NOW, scheduler })).rows.map((r) => r.id).sort();

describe("which cards the browser shows", () => {
  it("exactly currentCards(): a retired card and the cards of a retired note are left out", async () => {
    const page = await browseCards(t.db, q(), { now: NOW, scheduler });
    const current = await t.db.card.findMany({ where: currentCards(), select: { id: true } });
    expect(page.total).toBe(current.length);
    expect(page.rows.map((r) => r.id).sort()).toEqual(current.map((c) => c.id).sort());
    expect(page.rows.map((r) => r.id)).not.toContain("en:retired");
    expect(page.rows.map((r) => r.id)).not.toContain("old:card");
  });
});

describe("search", () => {
  it("text: a plain substring of the front or the back, case-insensitive, in both languages", async () => {
    expect(await ids({ text: "gradient" })).toEqual(["en:buried", "en:learn", "en:new-2", "en:rev-1", "en:was-buried"]);
    expect(await ids({ text: "GRADIENT" })).toEqual(await ids({ text: "gradient" }));
    expect(await ids({ text: "running statistics" })).toEqual(["en:suspended"]);
    expect(await ids({ text: "梯度" })).toEqual(["zh:rev"]);
    expect(await ids({ text: "因子连乘" })).toEqual(["zh:rev"]);
    expect(await ids({ text: "sigmoid" })).toEqual(["en:exercise", "en:new-1", "zh:new"]);
  });

  it("text: LIKE's own characters and regular-expression syntax are taken literally", async () => {
    expect(containsPattern("50%_\\")).toBe("%50\\%\\_\\\\%");
    expect(await ids({ text: "50%" })).toEqual(["en:new-2"]);
    expect(await ids({ text: "%" })).toEqual(["en:new-2"]);
    expect(await ids({ text: "_" })).toEqual(["en:rev-3"]); // fan_in
    expect(await ids({ text: "x < 0?" })).toEqual(["en:rev-2"]);
    expect(await ids({ text: ".*" })).toEqual([]);
    expect(await ids({ text: "(" })).toEqual([]);
    expect(await ids({ text: "\\tfrac" })).toEqual(["zh:new"]);
    expect(await ids({ text: "constructor" })).toEqual([]);
  });

  it("note (a substring of its title or file, case-insensitive) and tag (exactly, not as a prefix)", async () => {
    expect(await ids({ note: "链式" })).toEqual(["zh:new", "zh:rev"]);
    expect(await ids({ note: "zh/chain.md" })).toEqual(["zh:new", "zh:rev"]);
    expect(await ids({ note: "EXERCISE" })).toEqual(["en:exercise"]);
    expect(await ids({ note: "en/" })).toHaveLength(11);
    expect(await ids({ note: "gone" })).toEqual([]);
    expect(await ids({ note: "%" })).toEqual([]);
    expect(await ids({ tag: "梯度" })).toEqual(["zh:new", "zh:rev"]);
    expect(await ids({ tag: "e2e" })).toHaveLength(10);
    expect(await ids({ tag: "e2e2" })).toEqual(["en:exercise"]);
    expect(await ids({ tag: "e2" })).toEqual([]);
    expect(await ids({ tag: "grad", text: "retired note" })).toEqual([]);
  });

  it("state: new, learning, review, relearning, suspended, buried (at now), leech", async () => {
    expect(await ids({ state: "new" })).toEqual(["en:new-1", "en:new-2", "zh:new"]);
    expect(await ids({ state: "learning" })).toEqual(["en:learn"]);
    expect(await ids({ state: "relearning" })).toEqual(["en:relearn"]);
    expect(await ids({ state: "review" })).toEqual(["en:buried", "en:exercise", "en:rev-1", "en:rev-2", "en:rev-3", "en:suspended", "en:was-buried", "zh:rev"]);
    expect(await ids({ state: "suspended" })).toEqual(["en:suspended"]);
    expect(await ids({ state: "buried" })).toEqual(["en:buried"]);
    expect(await ids({ state: "leech" })).toEqual(["en:relearn"]);
    const row = (await browseCards(t.db, q({ state: "buried" }), { now: NOW, scheduler })).rows[0]!;
    expect(row).toMatchObject({ buried: true, suspended: false, leech: false });
  });

  it("due range: studied cards due in [from, before); new cards have no due date to match", async () => {
    expect(await ids({ dueFrom: daysFromNow(0), dueBefore: daysFromNow(1) })).toEqual(["en:learn", "en:relearn"]);
    expect(await ids({ dueFrom: daysFromNow(3), dueBefore: daysFromNow(6) })).toEqual(["en:buried", "en:suspended", "en:was-buried"]);
    expect(await ids({ dueBefore: daysFromNow(0) })).toEqual(["en:rev-2", "zh:rev"]);
    expect(await ids({ dueFrom: daysFromNow(200) })).toEqual(["en:rev-3"]);
  });

  it("exercise generator", async () => {
    expect(await ids({ generator: "sigmoid-derivative" })).toEqual(["en:exercise"]);
    expect(await ids({ generator: "chain-bias-gradient" })).toEqual([]);
  });

  it("filters combine", async () => {
    expect(await ids({ text: "gradient", state: "review", tag: "grad" })).toEqual(["en:buried", "en:rev-1", "en:was-buried"]);
  });

  it("the tags of current notes, each once", async () => {
    expect(await browseTags(t.db)).toEqual(["e2e", "e2e2", "grad", "梯度"]);
  });
});

describe("sort", () => {
  const all = CARDS.filter((c) => !c.retired && c.note !== "old/gone");
  const studied = (c: (typeof CARDS)[number]) => (c.state ?? State.New) !== State.New;
  const rOf = (c: (typeof CARDS)[number]) =>
    retrievability(
      scheduler,
      {
        due: c.due!,
        stability: c.stability ?? 0,
        difficulty: c.difficulty ?? 0,
        elapsedDays: 0,
        scheduledDays: c.scheduledDays ?? 0,
        learningSteps: 0,
        reps: c.reps ?? 0,
        lapses: c.lapses ?? 0,
        state: c.state ?? State.New,
        lastReview: c.lastReview ?? null,
      },
      NOW,
    );
  /** The expected order, by the values themselves (ties by creation order), never-studied cards last where the key is a memory state. */
  function expected(key: (typeof BROWSE_SORTS)[number], dir: "asc" | "desc"): string[] {
    const value = (c: (typeof CARDS)[number]): number =>
      ({
        due: (c.due ?? daysFromNow(-100)).getTime(),
        interval: c.scheduledDays ?? 0,
        stability: c.stability ?? 0,
        difficulty: c.difficulty ?? 0,
        retrievability: studied(c) ? rOf(c) : 0,
        lapses: c.lapses ?? 0,
      })[key];
    const memory = key === "stability" || key === "difficulty" || key === "retrievability";
    const sign = dir === "asc" ? 1 : -1;
    return all
      .map((c, i) => ({ c, i }))
      .sort((a, b) => {
        if (memory && studied(a.c) !== studied(b.c)) return studied(a.c) ? -1 : 1;
        return sign * (value(a.c) - value(b.c)) || sign * (a.i - b.i);
      })
      .map((x) => x.c.id);
  }

  for (const sort of BROWSE_SORTS) {
    for (const dir of ["asc", "desc"] as const) {
      it(`${sort} ${dir}`, async () => {
        const page = await browseCards(t.db, q({ sort, dir }), { now: NOW, scheduler });
        expect(page.rows.map((r) => r.id)).toEqual(expected(sort, dir));
      });
    }
  }

  it("retrievability: each studied row carries ts-fsrs' value at now, in the order sorted; new cards none", async () => {
    const page = await browseCards(t.db, q({ sort: "retrievability", dir: "asc" }), { now: NOW, scheduler });
    const rs = page.rows.filter((r) => r.retrievability !== null).map((r) => r.retrievability!);
    expect(rs).toEqual([...rs].sort((a, b) => a - b));
    expect(rs.every((r) => r > 0 && r <= 1)).toBe(true);
    expect(page.rows.filter((r) => r.state === State.New).every((r) => r.retrievability === null)).toBe(true);
    expect(page.rows.slice(-3).map((r) => r.state)).toEqual([State.New, State.New, State.New]);
  });
});

describe("paging", () => {
  it("pages of BROWSE_PAGE_SIZE follow each other without overlap; a page past the end shows the last", async () => {
    // 120 more new cards in the Basics note: three pages in all.
    await t.db.card.createMany({
      data: Array.from({ length: 120 }, (_, i) => ({
        id: `bulk:${String(i).padStart(3, "0")}`,
        noteId: "en/basics",
        kind: "basic",
        front: `bulk card ${i}`,
        back: "",
        line: 100 + i,
        ord: 100 + i,
        due: daysFromNow(i),
        state: State.Review,
        stability: 1 + i,
        difficulty: 5,
        scheduledDays: 1 + i,
        lastReview: daysFromNow(-1),
      })),
    });
    try {
      const first = await browseCards(t.db, q({ text: "bulk", sort: "stability", dir: "desc" }), { now: NOW, scheduler });
      expect(first).toMatchObject({ total: 120, page: 1, pages: 3 });
      expect(first.rows).toHaveLength(BROWSE_PAGE_SIZE);
      const pages = [first];
      for (const page of [2, 3]) pages.push(await browseCards(t.db, q({ text: "bulk", sort: "stability", dir: "desc", page }), { now: NOW, scheduler }));
      const seen = pages.flatMap((p) => p.rows.map((r) => r.id));
      expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => `bulk:${String(119 - i).padStart(3, "0")}`));
      const beyond = await browseCards(t.db, q({ text: "bulk", sort: "stability", dir: "desc", page: 99 }), { now: NOW, scheduler });
      expect(beyond.page).toBe(3);
      expect(beyond.rows.map((r) => r.id)).toEqual(pages[2]!.rows.map((r) => r.id));
      const indexed = await browseCards(t.db, q({ state: "review", sort: "stability", dir: "desc", page: 99 }), { now: NOW, scheduler });
      expect(indexed).toMatchObject({ total: 128, page: 3, pages: 3 });
      expect(indexed.rows).toHaveLength(28);
      const none = await browseCards(t.db, q({ text: "no such text" }), { now: NOW, scheduler });
      expect(none).toEqual({ rows: [], total: 0, page: 1, pages: 1 });
    } finally {
      await t.db.card.deleteMany({ where: { id: { startsWith: "bulk:" } } });
    }
  });
});

describe("query plans", () => {
  it("without text: the covering index only, a note's cards as a range of it; text: one pass over the table", async () => {
    const plain = await explainBrowse(t.db, q({ sort: "retrievability", state: "leech" }), NOW);
    expect(plain.count.join(" | ")).toMatch(/USING COVERING INDEX Card_browse_idx/);
    expect(plain.page.join(" | ")).toMatch(/USING COVERING INDEX Card_browse_idx/);
    const note = await explainBrowse(t.db, q({ note: "basics" }), NOW);
    expect(note.count.join(" | ")).toMatch(/COVERING INDEX Card_browse_idx \(retired=\? AND noteId=\?\)/);
    const text = await explainBrowse(t.db, q({ text: "x" }), NOW);
    expect(text.count.join(" | ")).toMatch(/SCAN c\b/);
    expect(text.page.join(" | ")).toMatch(/MATERIALIZE m \| SCAN c\b/);
  });
});

describe("card info", () => {
  it("every review with the memory state before and after, the attempts, the state now and the curve", async () => {
    const id = "en:exercise";
    const card = (await t.db.card.findUnique({ where: { id } }))!;
    // Two grades: before each, the card's whole state as reviews.ts records it.
    const s1 = { due: daysFromNow(-20), stability: 2, difficulty: 6, elapsedDays: 0, scheduledDays: 2, learningSteps: 0, reps: 1, lapses: 0, state: State.Review, lastReview: daysFromNow(-22) };
    const s2 = { ...s1, due: daysFromNow(-6), stability: 4.5, difficulty: 5.5, scheduledDays: 14, reps: 2, lastReview: daysFromNow(-20) };
    const json = (s: typeof s1) => JSON.stringify({ ...s, due: s.due.toISOString(), lastReview: s.lastReview.toISOString() });
    const log = (n: number, at: Date, s: typeof s1, rating: number) =>
      t.db.reviewLog.create({
        data: { id: `log-${n}`, cardId: id, token: `tok-${n}`, rating, state: s.state, due: s.due, stability: s.stability, difficulty: s.difficulty, elapsedDays: 0, lastElapsedDays: 0, scheduledDays: s.scheduledDays, learningSteps: 0, reviewedAt: at, durationMs: 4200, previousCard: json(s) },
      });
    await log(1, daysFromNow(-20), s1, 3);
    await log(2, daysFromNow(-6), s2, 1);
    await t.db.attempt.create({
      data: { id: "att-1", cardId: id, generator: "sigmoid-derivative", seed: 7, params: JSON.stringify({ mode: "value", difficulty: 1 }), input: "0.5", verdict: "wrong", mistakeId: "sigma-not-prime", tryNumber: 1, durationMs: 9000, context: "review", createdAt: daysFromNow(-6) },
    });
    const info = (await cardInfo(t.db, id, { now: NOW, scheduler }))!;
    expect(info).toMatchObject({ id, noteTitle: "Exercise note", generator: "sigmoid-derivative", kind: "exercise" });
    expect(info.reviews).toEqual([
      expect.objectContaining({ id: "log-1", rating: 3, stabilityBefore: 2, stabilityAfter: 4.5, difficultyBefore: 6, difficultyAfter: 5.5, intervalMs: daysFromNow(-6).getTime() - daysFromNow(-20).getTime() }),
      expect.objectContaining({ id: "log-2", rating: 1, stabilityBefore: 4.5, stabilityAfter: card.stability, difficultyBefore: 5.5, difficultyAfter: card.difficulty, intervalMs: card.due.getTime() - daysFromNow(-6).getTime() }),
    ]);
    expect(info.attempts).toEqual([expect.objectContaining({ id: "att-1", verdict: "wrong", mistakeId: "sigma-not-prime", input: "0.5", paramsJson: JSON.stringify({ mode: "value", difficulty: 1 }) })]);
    expect(info.retrievability).toBeCloseTo(scheduler.get_retrievability({ ...card, elapsed_days: 0, scheduled_days: 7, learning_steps: 0, state: State.Review, last_review: card.lastReview! }, NOW, false), 8);
    expect(info.nowDays).toBe(6);
    expect(info.dueDays).toBe(7);
    expect(info.curve[0]).toEqual({ days: 0, r: 1 });
    for (let i = 1; i < info.curve.length; i++) expect(info.curve[i]!.r).toBeLessThan(info.curve[i - 1]!.r);
    expect(info.curve[info.curve.length - 1]!.days).toBeGreaterThanOrEqual(7);
  });

  it("a new card: no memory state, no curve; an unknown card: null", async () => {
    const info = (await cardInfo(t.db, "zh:new", { now: NOW, scheduler }))!;
    expect(info).toMatchObject({ retrievability: null, curve: [], nowDays: null, reviews: [], attempts: [], lang: "zh" });
    expect(await cardInfo(t.db, "nope", { now: NOW, scheduler })).toBeNull();
  });
});
