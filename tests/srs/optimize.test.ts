import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { serializeState } from "@/lib/db/cards";
import type { Db } from "@/lib/db/client";
import { DEFAULT_WEIGHTS, optimizeSummary, optimizeWeights, resetWeights } from "@/lib/db/optimize-weights";
import { getSettings } from "@/lib/db/settings";
import { schedulerFor } from "@/lib/srs/config";
import { evaluateWeights, fitWeights } from "@/lib/db/fsrs-binding";
import { buildTrainingItems, decide, MIN_TRAINING_ITEMS, type LoggedReview } from "@/lib/srs/optimize";
import { grade, newCardState, Rating } from "@/lib/srs/schedule";
import { DEFAULT_SETTINGS } from "@/lib/srs/settings";
import { createTempDb, type TempDb } from "../support/temp-db";
import { simulateReviews, type SimulatedReview } from "../support/simulate-reviews";

describe("training items from the review log", () => {
  // Asia/Shanghai is UTC+8; the study day starts at 04:00 local.
  const at = (iso: string) => new Date(iso);
  const log: LoggedReview[] = [
    // Given out of order on purpose: items follow review time, not row order.
    { cardId: "a", state: 2, rating: 4, reviewedAt: at("2026-03-15T02:00:00Z") }, // 10:00 on the 15th
    { cardId: "a", state: 0, rating: 3, reviewedAt: at("2026-03-10T01:00:00Z") }, // 09:00 on the 10th
    { cardId: "a", state: 1, rating: 3, reviewedAt: at("2026-03-10T01:10:00Z") }, // 09:10, same day
    { cardId: "a", state: 2, rating: 3, reviewedAt: at("2026-03-10T20:30:00Z") }, // 04:30 on the 11th: next study day
    { cardId: "a", state: 2, rating: 1, reviewedAt: at("2026-03-12T19:00:00Z") }, // 03:00 on the 13th: still the 12th
    { cardId: "a", state: 3, rating: 3, reviewedAt: at("2026-03-12T19:10:00Z") }, // relearning step, same day
    // History began before this log (e.g. seeded from frontmatter): left out.
    { cardId: "b", state: 2, rating: 3, reviewedAt: at("2026-03-10T01:00:00Z") },
    { cardId: "b", state: 2, rating: 3, reviewedAt: at("2026-03-14T01:00:00Z") },
    // A single review gives no item.
    { cardId: "c", state: 0, rating: 3, reviewedAt: at("2026-03-10T01:00:00Z") },
  ];
  const r = (rating: number, deltaDays: number) => ({ rating, deltaDays });

  it("counts whole local study days and keeps same-day reviews in the history when short-term is on", () => {
    const set = buildTrainingItems(log, { dayStartHour: 4, timeZone: "Asia/Shanghai", enableShortTerm: true });
    expect(set.items).toEqual([
      [r(3, 0), r(3, 0), r(3, 1)],
      [r(3, 0), r(3, 0), r(3, 1), r(1, 1)],
      [r(3, 0), r(3, 0), r(3, 1), r(1, 1), r(3, 0), r(4, 3)],
    ]);
    expect(set).toMatchObject({ cards: 1, incompleteCards: 1 });
  });

  it("keeps only the first review of each study day when short-term is off", () => {
    const set = buildTrainingItems(log, { dayStartHour: 4, timeZone: "Asia/Shanghai", enableShortTerm: false });
    expect(set.items).toEqual([
      [r(3, 0), r(3, 1)],
      [r(3, 0), r(3, 1), r(1, 1)],
      [r(3, 0), r(3, 1), r(1, 1), r(4, 3)],
    ]);
  });

  it("the same log read in UTC has other gaps (the zone matters)", () => {
    const set = buildTrainingItems(log, { dayStartHour: 4, timeZone: "UTC", enableShortTerm: true });
    // 01:00Z is before 04:00 UTC, so the first two reviews count for the 9th.
    expect(set.items.map((item) => item.at(-1)!.deltaDays)).toEqual([1, 2, 2]);
  });
});

describe("the adoption rule", () => {
  const e = (logLoss: number, rmseBins = 0.05) => ({ logLoss, rmseBins });
  it("adopts only a lower log loss than both the defaults and the weights in use", () => {
    expect(decide(e(0.3), e(0.4), null, false)).toEqual({ adopt: true, reason: "better" });
    expect(decide(e(0.3), e(0.4), e(0.25), false)).toEqual({ adopt: false, reason: "not-better" });
    expect(decide(e(0.4), e(0.4), null, false)).toEqual({ adopt: false, reason: "not-better" });
    // A lower RMSE alone does not count.
    expect(decide(e(0.45, 0.01), e(0.4, 0.2), null, false)).toMatchObject({ adopt: false });
    expect(decide(e(0.3), e(0.4), null, true)).toEqual({ adopt: false, reason: "unchanged" });
  });
});

describe("the native optimiser", () => {
  it("refuses items it cannot take with an error instead of aborting the process", async () => {
    const sameDayOnly = [[{ rating: 3, deltaDays: 0 }, { rating: 3, deltaDays: 0 }]];
    await expect(fitWeights(sameDayOnly, { enableShortTerm: true, numRelearningSteps: 1 })).rejects.toThrow(/malformed/);
    await expect(evaluateWeights(sameDayOnly, DEFAULT_WEIGHTS)).rejects.toThrow(/malformed/);
  });
});

// The learner's memory follows these weights, not the defaults: new cards are
// far less stable (w0–w3: 0.05/0.2/0.5/1.5 days against 0.21/1.29/2.31/8.30),
// stability grows more slowly after a recall (w8) and the forgetting curve
// is steeper (w20). The rest are the defaults.
const TRUE_WEIGHTS = [...DEFAULT_WEIGHTS];
TRUE_WEIGHTS.splice(0, 4, 0.05, 0.2, 0.5, 1.5);
TRUE_WEIGHTS[8] = 1.0;
TRUE_WEIGHTS[20] = 0.6;

async function writeLog(db: Db, reviews: SimulatedReview[], now: Date) {
  await db.note.create({
    data: { id: "sim", path: "sim.md", title: "Synthetic", lang: "en", tags: "[]", relatedOutlines: "[]", difficulty: "standard", prose: "", contentHash: "x", syncedAt: now },
  });
  const ids = [...new Set(reviews.map((r) => r.cardId))];
  await db.card.createMany({
    data: ids.map((id, i) => ({ id, noteId: "sim", kind: "basic", front: `Q${i}`, back: `A${i}`, line: i + 1, ord: i, due: now })),
  });
  await db.reviewLog.createMany({
    data: reviews.map((r, i) => ({
      id: `log-${i}`,
      cardId: r.cardId,
      token: `${r.cardId}@${i}`,
      ...r.record,
      durationMs: 5000,
      previousCard: serializeState(r.previous),
    })),
  });
}

describe("optimising on a synthetic log (real SQLite, real binding)", () => {
  let t: TempDb;
  beforeEach(() => {
    t = createTempDb();
  });
  afterEach(async () => {
    await t.cleanup();
  });

  const start = new Date("2026-01-05T00:00:00Z");

  it("finds weights that predict the log better, adopts them, and the scheduler uses them", async () => {
    const reviews = simulateReviews({ trueWeights: TRUE_WEIGHTS, cards: 80, introduceOverDays: 20, days: 120, start, seed: 11, dayStartHour: 4, timeZone: "UTC" });
    const now = new Date(start.getTime() + 121 * 86_400_000);
    await writeLog(t.db, reviews, now);

    const summary = await optimizeSummary(t.db);
    expect(summary.items).toBeGreaterThanOrEqual(MIN_TRAINING_ITEMS);
    expect(summary).toMatchObject({ needed: 0, weights: null, optimizedAt: null, enableShortTerm: true, incompleteCards: 0 });

    const report = await optimizeWeights(t.db, { now });
    if (report.status !== "done") throw new Error(`expected a result, got ${report.status}`);
    const truth = (await evaluateWeights(
      buildTrainingItems(
        reviews.map((r) => ({ cardId: r.cardId, rating: r.record.rating, state: r.record.state, reviewedAt: r.record.reviewedAt })),
        { dayStartHour: 4, timeZone: "UTC", enableShortTerm: true },
      ).items,
      TRUE_WEIGHTS,
    ))!;
    console.info(
      `optimiser on ${summary.items} items from ${summary.cards} cards (${reviews.length} reviews): ` +
        `log loss default ${report.defaults.logLoss.toFixed(4)} → optimised ${report.optimised.logLoss.toFixed(4)} (true weights ${truth.logLoss.toFixed(4)}); ` +
        `RMSE(bins) default ${report.defaults.rmseBins.toFixed(4)} → optimised ${report.optimised.rmseBins.toFixed(4)} (true ${truth.rmseBins.toFixed(4)})\n` +
        `optimised weights ${report.optimisedWeights.join(", ")}`,
    );

    // The weights moved, all of them not just the initial stabilities, and toward the truth.
    expect(report.optimisedWeights).toHaveLength(21);
    const moved = report.optimisedWeights.filter((w, i) => Math.abs(w - DEFAULT_WEIGHTS[i]!) > 1e-3).length;
    expect(moved).toBeGreaterThan(8);
    for (const i of [0, 1, 2, 3]) {
      expect(Math.abs(report.optimisedWeights[i]! - TRUE_WEIGHTS[i]!)).toBeLessThan(Math.abs(DEFAULT_WEIGHTS[i]! - TRUE_WEIGHTS[i]!));
    }
    // They predict this log better than the defaults do.
    expect(report.optimised.logLoss).toBeLessThan(report.defaults.logLoss);
    expect(report).toMatchObject({ adopted: true, reason: "better", current: null, dryRun: false });

    // Adopted: stored with the date, and ts-fsrs takes all 21 as they are.
    const settings = await getSettings(t.db);
    expect(settings.weights).toEqual(report.optimisedWeights);
    expect(settings.optimizedAt?.getTime()).toBe(now.getTime());
    const adopted = schedulerFor(settings);
    expect([...adopted.parameters.w]).toEqual(report.optimisedWeights);

    // Grading now gives other intervals than the defaults would.
    const defaults = schedulerFor({ ...DEFAULT_SETTINGS, fuzz: false });
    const mine = schedulerFor({ ...settings, fuzz: false });
    const interval = (s: typeof mine) => {
      const t0 = new Date("2026-06-01T09:00:00Z");
      let card = newCardState(t0);
      card = grade(s, card, Rating.Good, t0).next; // 1m step
      card = grade(s, card, Rating.Good, card.due).next; // 10m step: graduates
      const reviewAt = card.due;
      const after = grade(s, card, Rating.Good, reviewAt).next;
      return Math.round((after.due.getTime() - reviewAt.getTime()) / 86_400_000);
    };
    expect(interval(mine)).not.toBe(interval(defaults));

    // A dry run after a reset reports the same comparison but writes nothing.
    await resetWeights(t.db, now);
    expect((await getSettings(t.db)).weights).toBeNull();
    const dry = await optimizeWeights(t.db, { now, dryRun: true });
    expect(dry).toMatchObject({ status: "done", adopted: false, reason: "better", dryRun: true });
    expect((await getSettings(t.db)).weights).toBeNull();
  });

  it("with a tiny log it says how many more reviews are needed and changes nothing", async () => {
    const reviews = simulateReviews({ trueWeights: TRUE_WEIGHTS, cards: 4, introduceOverDays: 2, days: 20, start, seed: 3, dayStartHour: 4, timeZone: "UTC" });
    const now = new Date(start.getTime() + 21 * 86_400_000);
    await writeLog(t.db, reviews, now);
    const before = await t.db.settings.findMany();

    const report = await optimizeWeights(t.db, { now });
    expect(report.status).toBe("too-few");
    expect(report.items).toBeGreaterThan(0);
    expect(report.items).toBeLessThan(MIN_TRAINING_ITEMS);
    expect(report.needed).toBe(MIN_TRAINING_ITEMS - report.items);
    expect(await t.db.settings.findMany()).toEqual(before);
  });
});
