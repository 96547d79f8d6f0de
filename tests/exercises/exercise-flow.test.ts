import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseNote } from "@/lib/content/parse";
import { contentParseOptions } from "@/lib/content/options";
import { attemptsForCard } from "@/lib/db/attempts";
import { getCard, reviewLogCount } from "@/lib/db/queries";
import { gradeCard } from "@/lib/db/reviews";
import { syncNotes } from "@/lib/db/sync";
import type { AnswerValue } from "@/lib/answer";
import { drawForCard, instanceFor, revealSolution, submitAnswer } from "@/lib/exercises/server";
import { suggestedGrade } from "@/lib/srs/exercise-grade";
import { createScheduler, Rating, reviewToken, State } from "@/lib/srs/schedule";
import { createTempDb, type TempDb } from "../support/temp-db";

// The live-exercise flow on a real migrated SQLite database: draw, answer
// (malformed, wrong with a known mistake, right), store attempts, map the
// outcome to an FSRS grade and review the card. The expected value comes from
// the instance itself: the generators' own tests check it independently.

const NOTE = `---
id: flow/exercise
title: Exercise flow
lang: en
---

# Exercise flow

\`\`\`exercise
id: clip
generator: gradient-clipping
difficulty: 1
title: Clip a gradient
\`\`\`
`;
const CARD = "flow/exercise:clip";
const SEED = 12345;
const t0 = new Date("2026-03-01T09:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const scheduler = createScheduler();

/** How a learner would type a value. */
function typed(v: AnswerValue): string {
  if (Array.isArray(v)) return v.map((x) => x.toPrecision(6)).join(", ");
  if (typeof v === "number") return v.toPrecision(6);
  if (typeof v === "boolean") return v ? "yes" : "no";
  return v;
}

let t: TempDb;
beforeEach(async () => {
  t = createTempDb();
  const parsed = parseNote(NOTE, "flow/exercise.md", contentParseOptions());
  expect(parsed.issues).toEqual([]);
  await syncNotes(t.db, [parsed.note!], { now: t0 });
});
afterEach(async () => {
  await t.cleanup();
});

const base = { cardId: CARD, seed: SEED, difficulty: 1, elapsedMs: 9000, context: "review" as const };

describe("a live exercise in review", () => {
  it("draws the prompt only: nothing of the answer reaches the browser", async () => {
    const drawn = await drawForCard(t.db, CARD, undefined, SEED);
    expect(drawn.ok).toBe(true);
    if (!drawn.ok) return;
    const inst = instanceFor((await getCard(t.db, CARD))!.exercise!, SEED);
    const json = JSON.stringify(drawn.item);
    expect(json).not.toContain(inst.solution.slice(0, 40));
    expect(json).not.toContain(typed(inst.expected));
    expect(Object.keys(drawn.item)).not.toContain("expected");
  });

  it("malformed → not understood (stored nothing); known mistake → its explanation; right → solution; then Hard", async () => {
    const inst = instanceFor((await getCard(t.db, CARD))!.exercise!, SEED);
    expect(inst.mistakes.length).toBeGreaterThan(0);
    const mistake = inst.mistakes[0]!;

    const garbled = await submitAnswer(t.db, { ...base, input: "1..2, x", tryNumber: 1 }, at(0));
    // The reason is a code (the page says it in the interface language), never an English sentence.
    expect(garbled).toMatchObject({ ok: true, status: "not-understood", reason: { code: "vector-length", got: 2 } });
    expect(await attemptsForCard(t.db, CARD)).toHaveLength(0);

    const wrong = await submitAnswer(t.db, { ...base, input: typed(mistake.value), tryNumber: 1 }, at(1));
    expect(wrong).toMatchObject({ ok: true, status: "answered", verdict: "wrong", mistakeId: mistake.id, solutionHtml: null, hintHtml: null });
    if (wrong.ok && wrong.status === "answered") expect(wrong.feedbackHtml).toBeTruthy();

    const right = await submitAnswer(t.db, { ...base, input: typed(inst.expected), tryNumber: 2 }, at(2));
    expect(right).toMatchObject({ ok: true, status: "answered", verdict: "correct", mistakeId: null });
    if (right.ok && right.status === "answered") expect(right.solutionHtml).toContain("<math");

    const attempts = await attemptsForCard(t.db, CARD);
    expect(attempts.map((a) => [a.verdict, a.mistakeId, a.tryNumber, a.seed, a.generator])).toEqual([
      ["wrong", mistake.id, 1, SEED, "gradient-clipping"],
      ["correct", null, 2, SEED, "gradient-clipping"],
    ]);
    expect(attempts[0]!.input).toBe(typed(mistake.value));
    expect(attempts[1]!.params).toMatchObject({ difficulty: 1 });

    // The stored seed and params rebuild the very same instance.
    const again = instanceFor({ generator: attempts[0]!.generator, difficulty: Number(attempts[0]!.params.difficulty), params: {}, title: null }, attempts[0]!.seed);
    expect(again.prompt).toBe(inst.prompt);

    // Right after one wrong try → Hard; the review log records it.
    const grade = suggestedGrade({ correct: true, wrongTries: 1, hintShown: false, revealed: false, durationMs: 9000 });
    expect(grade).toBe(Rating.Hard);
    const card = (await getCard(t.db, CARD))!;
    await gradeCard(t.db, { cardId: CARD, token: reviewToken(CARD, card.schedule), rating: grade, now: at(3), durationMs: 9000, scheduler });
    const after = (await getCard(t.db, CARD))!;
    expect(after.schedule.state).toBe(State.Learning);
    expect(after.schedule.reps).toBe(1);
    expect(await reviewLogCount(t.db, CARD)).toBe(1);
  });

  it("a wrong answer that is no known mistake gets the hint, without a label (the page adds it in the interface language)", async () => {
    const inst = instanceFor((await getCard(t.db, CARD))!.exercise!, SEED);
    const far = Array.isArray(inst.expected) ? inst.expected.map((x) => x * 7 + 1) : inst.expected;
    const r = await submitAnswer(t.db, { ...base, input: typed(far), tryNumber: 1 }, at(0));
    expect(r).toMatchObject({ ok: true, status: "answered", verdict: "wrong", mistakeId: null, feedbackHtml: null });
    if (!r.ok || r.status !== "answered") return;
    expect(r.hintHtml).toBeTruthy();
    expect(r.hintHtml).not.toMatch(/Hint/);
  });

  it("revealing the solution stores a revealed attempt and suggests Again", async () => {
    const r = await revealSolution(t.db, { ...base, tryNumber: 1 }, at(0));
    expect(r.ok).toBe(true);
    const [a] = await attemptsForCard(t.db, CARD);
    expect(a).toMatchObject({ verdict: "revealed", seed: SEED, input: "" });
    expect(suggestedGrade({ correct: false, wrongTries: 0, hintShown: false, revealed: true, durationMs: 1000 })).toBe(Rating.Again);
  });

  it("a failed write reports an error and leaves the database as it was", async () => {
    const inst = instanceFor((await getCard(t.db, CARD))!.exercise!, SEED);
    await t.db.$executeRawUnsafe(`CREATE TRIGGER no_attempts BEFORE INSERT ON "Attempt" BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const r = await submitAnswer(t.db, { ...base, input: typed(inst.expected), tryNumber: 1 }, at(0));
    expect(r).toEqual({ ok: false, error: "answer-not-saved" });
    await t.db.$executeRawUnsafe(`DROP TRIGGER no_attempts`);
    expect(await attemptsForCard(t.db, CARD)).toHaveLength(0);
  });

  it("an unknown or retired card is refused without writing", async () => {
    expect(await submitAnswer(t.db, { ...base, cardId: "flow/exercise:nope", input: "1", tryNumber: 1 })).toEqual({ ok: false, error: "gone" });
    expect(await drawForCard(t.db, "flow/exercise:nope")).toEqual({ ok: false, error: "gone" });
  });
});
