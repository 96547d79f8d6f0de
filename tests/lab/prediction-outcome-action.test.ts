import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseNote } from "@/lib/content/parse";
import { contentParseOptions } from "@/lib/content/options";
import { attemptsForCard } from "@/lib/db/attempts";
import { syncNotes } from "@/lib/db/sync";
import { drawForCard } from "@/lib/exercises/server";
import { createTempDb, type TempDb } from "../support/temp-db";

// The server action behind "your prediction beside the measured value", on a
// real migrated SQLite database: nothing before the instance is over, the last
// accepted guess after, and the measured width checked against the exploding
// window's closed form worked out here (not the lab's code).

const NOTE = `---
id: flow/lab
title: Lab prediction flow
lang: en
---

# Lab prediction flow

\`\`\`exercise
id: window
generator: lab-predict
difficulty: 1
params:
  question: window-width
title: Predict the window
\`\`\`
`;
const CARD = "flow/lab:window";

let t: TempDb;
let actions: typeof import("@/components/lab/actions");
let runner: typeof import("@/components/exercise/actions");
beforeAll(async () => {
  t = createTempDb();
  // The actions use the app's own client (getDb), opened on first use from DATABASE_URL.
  process.env.DATABASE_URL = t.url;
  const parsed = parseNote(NOTE, "flow/lab.md", contentParseOptions());
  expect(parsed.issues).toEqual([]);
  await syncNotes(t.db, [parsed.note!], { now: new Date("2026-03-01T09:00:00Z") });
  actions = await import("@/components/lab/actions");
  runner = await import("@/components/exercise/actions");
});
afterAll(async () => {
  const { getDb } = await import("@/lib/db/client");
  await getDb().$disconnect();
  await t.cleanup();
});

/** Width of {x : |w σ'(w x)| ≥ 1}: σ(u)(1 − σ(u)) = 1/|w| at s = (1 ± √(1 − 4/|w|))/2, u = ln(s/(1 − s)), width = 2u₊/|w|. */
function windowWidth(w: number): number {
  const a = Math.abs(w);
  if (a <= 4) return 0;
  const s = (1 + Math.sqrt(1 - 4 / a)) / 2;
  return (2 * Math.log(s / (1 - s))) / a;
}
/** The option of a width among: A no window, B (0, 0.2], C (0.2, 0.4], D > 0.4. */
const optionOf = (width: number) => (width === 0 ? "A" : width <= 0.2 ? "B" : width <= 0.4 ? "C" : "D");

const at = (seed: number) => ({ cardId: CARD, seed, difficulty: 1 });
const attempt = (seed: number, tryNumber: number) => ({ ...at(seed), tryNumber, elapsedMs: 5000, context: "exercise" as const });

/** The drawn w, read from the prompt the learner sees ("weight $w = 8$"), and the right option worked out here. */
async function setupOf(seed: number): Promise<{ w: number; right: string }> {
  const drawn = await drawForCard(t.db, CARD, 1, seed);
  if (!drawn.ok) throw new Error(drawn.error);
  const text = drawn.item.promptHtml.replace(/<annotation[^>]*>[\s\S]*?<\/annotation>/g, "").replace(/<[^>]+>/g, "");
  const w = Number(/w\s*=\s*([−-]?[\d.]+)/.exec(text)?.[1]?.replace("−", "-"));
  expect(Number.isFinite(w), text).toBe(true);
  return { w, right: optionOf(windowWidth(w)) };
}

describe("predictionOutcomeAction", () => {
  it("says nothing before the end, then the last accepted guess beside the measured width", async () => {
    const seed = 2; // w = −8: a window about 0.44 wide
    const { w, right } = await setupOf(seed);
    expect(await actions.predictionOutcomeAction(at(seed))).toEqual({ ok: false, error: "not-answered" });
    // The guess farthest from the truth: "> 0.4" unless that is right, then "no window".
    const wrong = right === "D" ? "A" : "D";
    const r1 = await runner.submitAnswerAction({ ...attempt(seed, 1), input: wrong.toLowerCase() });
    expect(r1).toMatchObject({ ok: true, status: "answered", verdict: "wrong" });
    // A wrong answer is not the end: still nothing.
    expect(await actions.predictionOutcomeAction(at(seed))).toEqual({ ok: false, error: "not-answered" });
    // Input it cannot read is not a guess (and is not stored).
    expect(await runner.submitAnswerAction({ ...attempt(seed, 2), input: "Q" })).toMatchObject({ status: "not-understood" });
    expect(await runner.revealSolutionAction(attempt(seed, 2))).toMatchObject({ ok: true });

    const r = await actions.predictionOutcomeAction(at(seed));
    if (!r.ok) throw new Error(r.error);
    expect(r.outcome.guess?.letter).toBe(wrong);
    expect(r.outcome.right.letter).toBe(right);
    expect(r.outcome.measuredValue).toBeCloseTo(windowWidth(w), 6);
    expect(r.outcome.href).toMatch(new RegExp(`^/lab\\?exp=window&w=${w}(&|$)`));
    expect(r.outcome.measuredHtml).toContain("<math");
    const width = windowWidth(w);
    expect(r.outcome.gap).toEqual(wrong === "D" ? { kind: "difference", side: "below", value: expect.closeTo(0.4 - width, 6), unit: "width" } : { kind: "difference", side: "above", value: expect.closeTo(width, 6), unit: "width" });
  });

  it("a right first answer: the guess is the right option, no distance", async () => {
    const seed = 1; // w = −12
    const { right } = await setupOf(seed);
    expect(await runner.submitAnswerAction({ ...attempt(seed, 1), input: right })).toMatchObject({ verdict: "correct" });
    const r = await actions.predictionOutcomeAction(at(seed));
    expect(r).toMatchObject({ ok: true, outcome: { guess: { letter: right }, right: { letter: right }, gap: null } });
  });

  it("revealed with no guess: no guess shown; other seeds, bad requests and unknown cards get nothing", async () => {
    const seed = 3; // w = 3: no window
    await setupOf(seed);
    expect(await runner.revealSolutionAction(attempt(seed, 1))).toMatchObject({ ok: true });
    expect(await actions.predictionOutcomeAction(at(seed))).toMatchObject({ ok: true, outcome: { guess: null } });
    expect(await actions.predictionOutcomeAction(at(seed + 1))).toEqual({ ok: false, error: "not-answered" });
    expect(await actions.predictionOutcomeAction({ ...at(seed), difficulty: 2 })).toEqual({ ok: false, error: "not-answered" });
    expect(await actions.predictionOutcomeAction({ cardId: CARD, seed: 0, difficulty: 1 })).toEqual({ ok: false, error: "invalid" });
    expect(await actions.predictionOutcomeAction({ cardId: "nope:x", seed, difficulty: 1 })).toEqual({ ok: false, error: "gone" });
    const stored = await attemptsForCard(t.db, CARD);
    expect(stored.filter((a) => a.seed === seed).map((a) => a.verdict)).toEqual(["revealed"]);
  });
});
