import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseNote } from "@/lib/content/parse";
import { contentParseOptions } from "@/lib/content/options";
import { attemptsForCard } from "@/lib/db/attempts";
import { syncNotes } from "@/lib/db/sync";
import { buildInstance } from "@/lib/exercises/registry";
import { checkStepsForCard, drawForCard } from "@/lib/exercises/server";
import { createTempDb, type TempDb } from "../support/temp-db";

// Step-by-step answers on a real migrated SQLite database, in a Chinese note:
// the drawn exercise names its steps (no values), the server checks the
// steps given so far with error carried forward, and stores nothing.

const NOTE = `---
id: steps/zh-chain
title: 分步作答
lang: zh
---

# 分步作答

\`\`\`exercise
id: chain
generator: chain-bias-gradient
difficulty: 1
params:
  activation: sigmoid
title: 第一个偏置的梯度
\`\`\`
`;
const CARD = "steps/zh-chain:chain";
const SEED = 4242;
const t0 = new Date("2026-03-01T09:00:00Z");

let t: TempDb;
beforeEach(async () => {
  t = createTempDb();
  const parsed = parseNote(NOTE, "steps/zh-chain.md", contentParseOptions());
  expect(parsed.issues).toEqual([]);
  await syncNotes(t.db, [parsed.note!], { now: t0 });
});
afterEach(async () => {
  await t.cleanup();
});

// The chain of the drawn instance, recomputed here from the prompt's own numbers.
const sig = (z: number) => 1 / (1 + Math.exp(-z));
function trueSteps(prompt: string): number[] {
  const row = (name: string) =>
    prompt
      .split("\n")
      .find((l) => l.startsWith(`| $${name}$`))!
      .split("|")
      .slice(2, -1)
      .map((c) => Number(c.trim().replaceAll("$", "")));
  const w = row("w_j");
  const b = row("b_j");
  const num = (name: string) => {
    const at = prompt.indexOf(`$${name} = `) + name.length + 4;
    return Number(prompt.slice(at, prompt.indexOf("$", at)));
  };
  let a = num("x");
  const factors: number[] = [];
  w.forEach((wj, j) => {
    const z = wj * a + (b[j] as number);
    a = sig(z);
    factors.push((j === 0 ? 1 : wj) * a * (1 - a));
  });
  const r = a - num("y");
  return [...factors, r, factors.reduce((p, v) => p * v, 1) * r];
}

/** The English prompt of the same instance (same numbers), whose drawn chain the steps are recomputed from. */
const promptOf = () => buildInstance("chain-bias-gradient", SEED, { difficulty: 1, params: { activation: "sigmoid" } }).prompt;

describe("step-by-step answers, on the server", () => {
  it("a Chinese note's exercise is drawn in Chinese, with its steps named but not valued", async () => {
    const r = await drawForCard(t.db, CARD, undefined, SEED);
    if (!r.ok) throw new Error(r.error);
    expect(r.item.promptHtml).toMatch(/\p{Script=Han}/u);
    expect(r.item.steps).not.toBeNull();
    expect(r.item.steps!.map((s) => s.id)).toEqual(["factor-1", "factor-2", "factor-3", "output", "answer"]);
    // Step labels are maths only; no step value travels to the browser.
    const values = trueSteps(promptOf());
    const page = JSON.stringify(r.item);
    for (const v of values) expect(page).not.toContain(v.toPrecision(4));
  });

  it("checks the steps given so far, names the first wrong one, carries it forward, and stores nothing", async () => {
    const r = await drawForCard(t.db, CARD, undefined, SEED);
    if (!r.ok) throw new Error(r.error);
    const values = trueSteps(promptOf());
    const typed = values.map((v) => v.toPrecision(6));

    const all = await checkStepsForCard(t.db, { cardId: CARD, seed: SEED, difficulty: 1, inputs: typed });
    expect(all).toMatchObject({ ok: true, firstWrong: null });
    if (!all.ok) return;
    expect(all.steps.map((s) => s.verdict)).toEqual(["correct", "correct", "correct", "correct", "correct"]);

    // A slip in step 2, and a final product built on it: only step 2 is wrong.
    const slipped = [...values];
    slipped[1] = (values[1] as number) * 2;
    slipped[4] = (slipped[0] as number) * (slipped[1] as number) * (slipped[2] as number) * (slipped[3] as number);
    const r2 = await checkStepsForCard(t.db, { cardId: CARD, seed: SEED, difficulty: 1, inputs: slipped.map((v) => v.toPrecision(6)) });
    expect(r2).toMatchObject({ ok: true, firstWrong: 1 });
    if (r2.ok) expect(r2.steps.map((s) => s.verdict)).toEqual(["correct", "wrong", "correct", "correct", "correct"]);

    // A step it cannot read is not understood, with a code, and checking stops there.
    const r3 = await checkStepsForCard(t.db, { cardId: CARD, seed: SEED, difficulty: 1, inputs: [typed[0]!, "1..2", typed[2]!] });
    expect(r3.ok && r3.steps.length).toBe(2);
    if (r3.ok) expect(r3.steps[1]).toMatchObject({ verdict: "not-understood", reason: { code: expect.any(String) } });

    expect(await attemptsForCard(t.db, CARD)).toEqual([]);
  });

  it("a card without steps, or a card that is gone, is an error, not a crash", async () => {
    expect(await checkStepsForCard(t.db, { cardId: "steps/zh-chain:nope", seed: SEED, difficulty: 1, inputs: ["1"] })).toEqual({ ok: false, error: "gone" });
  });
});
