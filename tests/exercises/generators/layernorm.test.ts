import { describe, expect, it } from "vitest";
import { checkAnswer } from "@/lib/answer";
import { layernorm } from "@/lib/exercises/generators/layernorm";
import { plainNum } from "@/lib/exercises/kit/tex";
import type { ExerciseParams } from "@/lib/exercises/types";
import { problems } from "../support";

const SEEDS = Array.from({ length: 100 }, (_, i) => i * 7919 + 31);
const COMBOS: ExerciseParams[] = ["forward", "backward"].flatMap((mode) => [1, 2, 3].map((difficulty) => ({ mode, difficulty })));

/** The vectors named in the prompt's data line, read back from the text. */
function readVector(prompt: string, name: string): number[] {
  const m = new RegExp(String.raw`${name} = \\left\(([^)]*)\\right\)`).exec(prompt);
  if (!m) throw new Error(`no ${name} in:\n${prompt}`);
  return (m[1] as string).split(",\\ ").map(Number);
}

/** LayerNorm by plain arithmetic, the variance as E[x²] − E[x]² (a different route from the engine's two passes). */
function plainLayerNorm(x: readonly number[], gamma: readonly number[], beta: readonly number[]): number[] {
  const n = x.length;
  const mean = x.reduce((s, v) => s + v, 0) / n;
  const variance = x.reduce((s, v) => s + v * v, 0) / n - mean * mean;
  return x.map((v, i) => (gamma[i] as number) * ((v - mean) / Math.sqrt(variance)) + (beta[i] as number));
}

const close = (a: number, b: number, rel: number, abs = 0) => Math.abs(a - b) <= Math.max(abs, rel * Math.abs(b));

describe("layernorm", () => {
  it("declares its modes and rejects an unknown one", () => {
    expect(layernorm.params).toEqual({ mode: ["forward", "backward"] });
    expect(() => layernorm.generate(1, { mode: "sideways", difficulty: 2 })).toThrow(/params\.mode/);
  });

  it.each(COMBOS)("forward matches plain arithmetic, backward matches central differences of it, on the prompt's numbers (%o)", (p) => {
    const bad = problems();
    for (const seed of SEEDS) {
      const inst = layernorm.generate(seed, p);
      const x = readVector(inst.prompt, "x");
      const gamma = readVector(inst.prompt, "\\\\gamma");
      const beta = readVector(inst.prompt, "\\\\beta");
      const exp = inst.expected as number[];
      bad.check(x.length === [4, 5, 6][(p.difficulty as number) - 1], () => `${seed}: n = ${x.length}`);
      if (p.mode === "forward") {
        const y = plainLayerNorm(x, gamma, beta);
        bad.check(y.every((v, i) => close(exp[i] as number, v, 1e-9)), () => `${seed}: plain ${y} vs ${exp}`);
      } else {
        const g = readVector(inst.prompt, "\\\\frac\\{\\\\partial C\\}\\{\\\\partial y\\}");
        const cost = (v: number[]) => plainLayerNorm(v, gamma, beta).reduce((s, y, i) => s + y * (g[i] as number), 0);
        const h = 1e-6;
        const fd = x.map((_, i) => {
          const up = x.slice();
          const down = x.slice();
          up[i] = (up[i] as number) + h;
          down[i] = (down[i] as number) - h;
          return (cost(up) - cost(down)) / (2 * h);
        });
        bad.check(fd.every((v, i) => close(exp[i] as number, v, 1e-5, 1e-7)), () => `${seed}: finite differences ${fd} vs ${exp}`);
        // Shifting all features does nothing, so the gradient sums to 0.
        bad.check(Math.abs(exp.reduce((s, v) => s + v, 0)) < 1e-9, () => `${seed}: gradient sums to ${exp.reduce((s, v) => s + v, 0)}`);
      }
      bad.check(exp.every((v) => Math.abs(v) >= 0.1), () => `${seed}: an entry near 0`);
      bad.check(checkAnswer(exp.map((v) => plainNum(v, 4)).join(", "), inst.answer, exp, inst.mistakes).kind === "correct", () => `${seed}: 4 digits not accepted`);
    }
    bad.none();
  });

  it.each(COMBOS)("a learner who keeps 6 significant digits in μ, σ and x̂ is accepted (%o)", (p) => {
    const sig = (v: number) => Number(v.toPrecision(6));
    const bad = problems();
    for (const seed of SEEDS) {
      const inst = layernorm.generate(seed, p);
      const x = readVector(inst.prompt, "x");
      const gamma = readVector(inst.prompt, "\\\\gamma");
      const beta = readVector(inst.prompt, "\\\\beta");
      const n = x.length;
      const mu = sig(x.reduce((s, v) => s + v, 0) / n);
      const sd = sig(Math.sqrt(sig(x.reduce((s, v) => s + (v - mu) ** 2, 0) / n)));
      const xHat = x.map((v) => sig((v - mu) / sd));
      let typed: number[];
      if (p.mode === "forward") typed = xHat.map((v, i) => (gamma[i] as number) * v + (beta[i] as number));
      else {
        const g = readVector(inst.prompt, "\\\\frac\\{\\\\partial C\\}\\{\\\\partial y\\}");
        const hh = g.map((v, i) => v * (gamma[i] as number));
        const hBar = sig(hh.reduce((s, v) => s + v, 0) / n);
        const hx = sig(hh.reduce((s, v, i) => s + v * (xHat[i] as number), 0) / n);
        typed = hh.map((v, i) => (v - hBar - (xHat[i] as number) * hx) / sd);
      }
      const v = checkAnswer(typed.map((t) => plainNum(t, 4)).join(", "), inst.answer, inst.expected, inst.mistakes);
      bad.check(v.kind === "correct", () => `${seed}: ${typed} is ${v.kind}`);
    }
    bad.none();
  });
});
