import katex from "katex";
import { describe, expect, it } from "vitest";
import { checkAnswer, distinguishable } from "@/lib/answer";
import { batchNormForward } from "@/lib/engine";
import { batchnormForward } from "@/lib/exercises/generators/batchnorm-forward";
import { plainNum } from "@/lib/exercises/kit/tex";
import type { AnswerValue, ExerciseInstance, ExerciseParams } from "@/lib/exercises/types";

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 29);
const COMBOS: ExerciseParams[] = [1, 2, 3].map((difficulty) => ({ difficulty }));

// ---- helpers (kept local: each exercise test file stands alone) ----

/** $$…$$ and $…$ segments of a Markdown string; fails if a stray $ is left over. */
function texSegments(md: string): { tex: string; display: boolean }[] {
  const out: { tex: string; display: boolean }[] = [];
  const rest = md
    .replace(/\$\$([\s\S]+?)\$\$/g, (_, t: string) => {
      out.push({ tex: t, display: true });
      return " ";
    })
    .replace(/\$([^$]+)\$/g, (_, t: string) => {
      out.push({ tex: t, display: false });
      return " ";
    });
  expect(rest, "unbalanced $").not.toContain("$");
  return out;
}

/** KaTeX errors depend on the TeX's structure, not its digits: each structure is rendered once. */
const rendered = new Set<string>();
function expectRenders(md: string, where: string): void {
  for (const { tex, display } of texSegments(md)) {
    const key = `${display ? "D" : "I"}${tex.replace(/-?\d+(\.\d+)?/g, "0")}`;
    if (rendered.has(key)) continue;
    try {
      katex.renderToString(tex, { throwOnError: true, displayMode: display, strict: "error" });
    } catch (e) {
      expect.fail(`${where}: ${String(e)}\n${tex}`);
    }
    rendered.add(key);
  }
}

/** Every number written in a text, reading `m \times 10^{e}` as one number. */
function numbersIn(text: string): number[] {
  return [...text.matchAll(/(-?\d+(?:\.\d+)?)(?:\s*\\times\s*10\^\{(-?\d+)\})?/g)].map((m) => Number(m[1]) * 10 ** Number(m[2] ?? 0));
}

/** True when `s` occurs in `text` as a whole number (not part of a longer one). */
function showsNumber(text: string, s: string): boolean {
  const esc = s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^0-9.])${esc}(?![0-9])`).test(text);
}

/** How a learner would type a value back. */
function typed(v: AnswerValue): string {
  if (typeof v === "number") return plainNum(v);
  if (Array.isArray(v)) return v.map((x) => plainNum(x)).join(", ");
  if (typeof v === "boolean") return v ? "yes" : "no";
  return v;
}

/** Checker round trip: the answer is correct, each mistake is wrong and recognised as itself. */
function expectCheckerRoundTrip(inst: ExerciseInstance): void {
  const exp = inst.expected;
  expect(checkAnswer(typed(exp), inst.answer, exp, inst.mistakes).kind, `${inst.seed} expected`).toBe("correct");
  expect(inst.mistakes.length).toBeGreaterThan(0);
  expect(new Set(inst.mistakes.map((m) => m.id)).size).toBe(inst.mistakes.length);
  inst.mistakes.forEach((m, i) => {
    expect(distinguishable(m.value, exp, inst.answer), `${inst.seed} ${m.id} vs expected`).toBe(true);
    for (const other of inst.mistakes.slice(0, i)) expect(distinguishable(m.value, other.value, inst.answer)).toBe(true);
    const v = checkAnswer(typed(m.value), inst.answer, exp, inst.mistakes);
    expect(v.kind, `${inst.seed} ${m.id}`).toBe("wrong");
    if (v.kind === "wrong") expect(v.mistakeId, `${inst.seed} ${m.id}`).toBe(m.id);
    expect(m.explanation.length).toBeGreaterThan(10);
  });
}

function expectAllTexRenders(inst: ExerciseInstance): void {
  expectRenders(inst.prompt, `prompt ${inst.seed}`);
  expectRenders(inst.hint, `hint ${inst.seed}`);
  expectRenders(inst.solution, `solution ${inst.seed}`);
  for (const m of inst.mistakes) expectRenders(m.explanation, `${m.id} ${inst.seed}`);
}

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

  it.each(COMBOS)("is deterministic (%o)", (p) => {
    all(p).forEach((inst, i) => expect(batchnormForward.generate(SEEDS[i] as number, p)).toEqual(inst));
  });

  it.each(COMBOS)("matches plain arithmetic on the prompt's numbers and the engine's batchNormForward (%o)", (p) => {
    const m = [4, 6, 8][p.difficulty - 1] as number;
    all(p).forEach((inst, i) => {
      const { x, gamma, beta } = parsePrompt(inst.prompt);
      // The exported raw draw is what the prompt shows (checked on every 4th seed: it costs a full redraw).
      if (i % 4 === 0) expect(batchnormForward.sample(SEEDS[i] as number, p).d).toEqual({ x, gamma, beta });
      expect(x).toHaveLength(m);
      const decimals = p.difficulty === 3 ? 100 : 10;
      for (const v of x) expect(Math.round(v * decimals) / decimals).toBe(v);
      expect(inst.prompt).toContain("\\epsilon = 0");
      const exp = inst.expected as number[];
      expect(exp).toHaveLength(m);
      const plain = plainBatchNorm(x, gamma, beta);
      plain.forEach((v, j) => expect(Math.abs((exp[j] as number) - v)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v))));
      // The engine with a one-feature batch (rows = examples) and ε = 0 agrees.
      const engine = batchNormForward(
        x.map((v) => [v]),
        [gamma],
        [beta],
        0,
      ).y.map((r) => r[0] as number);
      engine.forEach((v, j) => expect(Math.abs((exp[j] as number) - v)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(v))));
      // Outputs have mean β and (biased) standard deviation |γ|.
      const mean = exp.reduce((s, v) => s + v, 0) / m;
      const sd = Math.sqrt(exp.reduce((s, v) => s + (v - mean) ** 2, 0) / m);
      expect(mean).toBeCloseTo(beta, 10);
      expect(sd).toBeCloseTo(gamma, 10);
    });
  });

  it.each(COMBOS)("mistakes are recognised, the answer is accepted (%o)", (p) => {
    for (const inst of all(p)) {
      const exp = inst.expected as number[];
      expect(inst.answer).toEqual({ kind: "vector", length: exp.length, tolerance: { rel: 0.005 } });
      expect(exp.every((v) => Math.abs(v) >= 0.01)).toBe(true);
      expectCheckerRoundTrip(inst);
      expect(checkAnswer(exp.map((v) => plainNum(v, 4)).join(", "), inst.answer, exp, inst.mistakes).kind).toBe("correct");
      const ids = inst.mistakes.map((m) => m.id);
      for (const id of ["unbiased-variance", "forgot-gamma-beta", "divided-by-variance", "forgot-mean"]) expect(ids).toContain(id);
      // The unbiased-variance answer is the right one scaled about the mean by √((m−1)/m).
      const { gamma, beta } = parsePrompt(inst.prompt);
      const m = exp.length;
      const unbiased = inst.mistakes.find((k) => k.id === "unbiased-variance")?.value as number[];
      unbiased.forEach((v, j) => expect(v - beta).toBeCloseTo(((exp[j] as number) - beta) * Math.sqrt((m - 1) / m), 10));
      const xHat = inst.mistakes.find((k) => k.id === "forgot-gamma-beta")?.value as number[];
      xHat.forEach((v, j) => expect(gamma * v + beta).toBeCloseTo(exp[j] as number, 10));
    }
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
            expect(v.kind, `seed ${inst.seed} push ${pm},${pv},${ps}: ${typed} vs ${exp.join(", ")}`).toBe("correct");
          }
        }
      }
    }
  });

  it.each(COMBOS)("solution ends with the answer, prompt hides it, all TeX renders (%o)", (p) => {
    for (const inst of all(p)) {
      const exp = inst.expected as number[];
      const lines = inst.solution.trim().split("\n");
      expect(lines[lines.length - 1]).toContain(inst.expectedTex);
      const tail = numbersIn(lines[lines.length - 1] as string);
      expect(tail).toHaveLength(exp.length);
      tail.forEach((v, j) => expect(Math.abs(v - (exp[j] as number))).toBeLessThanOrEqual(5e-4 * Math.abs(exp[j] as number)));
      expect(inst.prompt).not.toContain(inst.expectedTex);
      expect(exp.every((v) => showsNumber(inst.prompt, plainNum(v, 4)))).toBe(false);
      expect(inst.prompt).toMatch(/comma-separated/);
      expectAllTexRenders(inst);
    }
  });
});
