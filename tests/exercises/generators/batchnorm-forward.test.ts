import { describe, expect, it } from "vitest";
import { checkAnswer } from "@/lib/answer";
import { batchNormForward } from "@/lib/engine";
import { batchnormForward } from "@/lib/exercises/generators/batchnorm-forward";
import { plainNum } from "@/lib/exercises/kit/tex";
import type { ExerciseInstance, ExerciseParams } from "@/lib/exercises/types";
import { problems } from "../support";

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 29);
const COMBOS: ExerciseParams[] = [1, 2, 3].map((difficulty) => ({ difficulty }));

// ---- independent recomputation ----

/** The batch, γ and β read back from the prompt text. */
function parsePrompt(prompt: string): { x: number[]; gamma: number; beta: number } {
  const xm = /x = \\left\(([^)]*)\\right\)/.exec(prompt);
  const gm = /\\gamma = (-?\d+(?:\.\d+)?)/.exec(prompt);
  const bm = /\\beta = (-?\d+(?:\.\d+)?)/.exec(prompt);
  if (!xm || !gm || !bm) throw new Error(`cannot read the batch from:\n${prompt}`);
  return { x: (xm[1] as string).split(",\\ ").map(Number), gamma: Number(gm[1]), beta: Number(bm[1]) };
}

/** BatchNorm by plain arithmetic, with the variance as E[x²] − E[x]² (a different route from the engine's two-pass form). */
function plainBatchNorm(x: readonly number[], gamma: number, beta: number): number[] {
  const m = x.length;
  let s = 0;
  let s2 = 0;
  for (const v of x) {
    s += v;
    s2 += v * v;
  }
  const mean = s / m;
  const variance = s2 / m - mean * mean;
  return x.map((v) => gamma * ((v - mean) / Math.sqrt(variance)) + beta);
}

const close = (a: number, b: number, rel: number) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(b));

const instances = new Map<string, ExerciseInstance[]>();
function all(p: ExerciseParams): ExerciseInstance[] {
  const key = JSON.stringify(p);
  let v = instances.get(key);
  if (!v) {
    v = SEEDS.map((s) => batchnormForward.generate(s, p));
    instances.set(key, v);
  }
  return v;
}

describe("batchnorm-forward", () => {
  it("declares its id and params, rejects bad params", () => {
    expect(batchnormForward.id).toBe("batchnorm-forward");
    expect(batchnormForward.params).toEqual({});
    expect(batchnormForward.generate(3, {} as ExerciseParams)).toEqual(batchnormForward.generate(3, { difficulty: 2 }));
    expect(() => batchnormForward.generate(3, { difficulty: "3" as unknown as number })).toThrow(/params\.difficulty/);
    expect(() => batchnormForward.generate(Number.NaN, { difficulty: 2 })).toThrow(/seed/);
  });

  it.each(COMBOS)("matches plain arithmetic on the prompt's numbers and the engine's batchNormForward (%o)", (p) => {
    const m = [4, 6, 8][p.difficulty - 1] as number;
    const decimals = p.difficulty === 3 ? 100 : 10;
    const bad = problems();
    all(p).forEach((inst, i) => {
      const s = inst.seed;
      const { x, gamma, beta } = parsePrompt(inst.prompt);
      // The exported raw draw is what the prompt shows (checked on every 4th seed: it costs a full redraw).
      if (i % 4 === 0) bad.check(JSON.stringify(batchnormForward.sample(s, p).d) === JSON.stringify({ x, gamma, beta }), () => `${s}: prompt is not the draw`);
      bad.check(x.length === m && x.every((v) => Math.round(v * decimals) / decimals === v), () => `${s}: x = ${x}`);
      bad.check(inst.prompt.includes("\\epsilon = 0"), () => `${s}: ε not stated`);
      const exp = inst.expected as number[];
      const plain = plainBatchNorm(x, gamma, beta);
      bad.check(exp.length === m && plain.every((v, j) => close(exp[j] as number, v, 1e-9)), () => `${s}: plain ${plain} vs ${exp}`);
      // The engine with a one-feature batch (rows = examples) and ε = 0 agrees.
      const engine = batchNormForward(
        x.map((v) => [v]),
        [gamma],
        [beta],
        0,
      ).y.map((r) => r[0] as number);
      bad.check(engine.every((v, j) => close(exp[j] as number, v, 1e-12)), () => `${s}: engine ${engine} vs ${exp}`);
      // Outputs have mean β and (biased) standard deviation |γ|.
      const mean = exp.reduce((t, v) => t + v, 0) / m;
      const sd = Math.sqrt(exp.reduce((t, v) => t + (v - mean) ** 2, 0) / m);
      bad.check(Math.abs(mean - beta) < 1e-10 && Math.abs(sd - gamma) < 1e-10, () => `${s}: mean ${mean}, sd ${sd}`);
    });
    bad.none();
  });

  it.each(COMBOS)("always lists the four main mistakes, reads a 4-digit answer, and shrinks about β by √((m−1)/m) for the unbiased variance (%o)", (p) => {
    const bad = problems();
    for (const inst of all(p)) {
      const s = inst.seed;
      const exp = inst.expected as number[];
      bad.check(JSON.stringify(inst.answer) === JSON.stringify({ kind: "vector", length: exp.length, tolerance: { rel: 0.005 } }), () => `${s}: answer spec`);
      bad.check(exp.every((v) => Math.abs(v) >= 0.01), () => `${s}: an output near 0`);
      bad.check(checkAnswer(exp.map((v) => plainNum(v, 4)).join(", "), inst.answer, exp, inst.mistakes).kind === "correct", () => `${s}: 4 digits not accepted`);
      const ids = inst.mistakes.map((k) => k.id);
      for (const id of ["unbiased-variance", "forgot-gamma-beta", "divided-by-variance", "forgot-mean"]) bad.check(ids.includes(id), () => `${s}: no ${id}`);
      const { beta } = parsePrompt(inst.prompt);
      const m = exp.length;
      const unbiased = inst.mistakes.find((k) => k.id === "unbiased-variance")?.value as number[];
      bad.check(unbiased.every((v, j) => Math.abs(v - beta - ((exp[j] as number) - beta) * Math.sqrt((m - 1) / m)) < 1e-10), () => `${s}: unbiased ${unbiased}`);
      bad.check(inst.prompt.includes("comma-separated"), () => `${s}: no answer form`);
    }
    bad.none();
  });

  it.each(COMBOS)("a learner who rounds as the prompt advises is always accepted (%o)", (p) => {
    // Round to n significant digits, optionally pushed by a fraction f ∈ [−1, 1] of the half-unit (an adversarial rounder).
    const sig = (v: number, n: number, f = 0) => {
      if (v === 0) return 0;
      const unit = 10 ** (Math.floor(Math.log10(Math.abs(v))) - n + 1);
      return f === 0 ? Number(v.toPrecision(n)) : v + (f * unit) / 2;
    };
    // The advice, read from the prompt itself: N significant digits for μ, σ and x̂; A for each y entered.
    const advice = (prompt: string) => {
      const m = /at least (\d+) significant digits in \$\\mu\$, \$\\sigma\$ and the \$\\hat x_i\$ while you work[^;]*; (\d+) significant digits are enough for each \$y_i\$/.exec(prompt);
      return m ? { n: Number(m[1]), a: Number(m[2]) } : null;
    };
    const bad = problems();
    for (const inst of all(p)) {
      const adv = advice(inst.prompt);
      expect(adv, "the prompt says how far to round intermediates and the answer").not.toBeNull();
      if (!adv) return;
      const { x, gamma, beta } = parsePrompt(inst.prompt);
      const m = x.length;
      const exp = inst.expected as number[];
      // Learners: rounding to nearest, and every worst-case push (±½ unit) of μ, σ², σ, then each x̂_i, γx̂_i and y_i
      // pushed in the direction that moves y_i away from the answer.
      for (const pm of [0, -1, 1]) {
        for (const pv of [0, -1, 1]) {
          for (const ps of [0, -1, 1]) {
            const adversarial = pm !== 0 || pv !== 0 || ps !== 0;
            const mu = sig(x.reduce((t, v) => t + v, 0) / m, adv.n, pm);
            const variance = sig(x.reduce((t, v) => t + (v - mu) ** 2, 0) / m, adv.n, pv);
            const sd = sig(Math.sqrt(variance), adv.n, ps);
            const y = x.map((v, i) => {
              const away = adversarial ? Math.sign(gamma * ((v - mu) / sd) + beta - (exp[i] as number)) || 1 : 0;
              const xHat = sig((v - mu) / sd, adv.n, away * Math.sign(gamma));
              const scaled = sig(gamma * xHat, adv.n, away);
              return sig(scaled + beta, adv.a, away);
            });
            const typed = y.map((v) => String(v)).join(", ");
            const v = checkAnswer(typed, inst.answer, exp, inst.mistakes);
            bad.check(v.kind === "correct", () => `seed ${inst.seed} push ${pm},${pv},${ps}: ${typed} vs ${exp.join(", ")} is ${v.kind}`);
          }
        }
      }
    }
    bad.none();
  });
});
