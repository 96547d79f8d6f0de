import { describe, expect, it } from "vitest";
import { checkAnswer } from "@/lib/answer";
import { residualGradient } from "@/lib/exercises/generators/residual-gradient";
import { plainNum } from "@/lib/exercises/kit/tex";
import type { ExerciseInstance, ExerciseParams } from "@/lib/exercises/types";
import { lastNumber, problems, richardson, showsNumber } from "../support";

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 23);
const COMBOS: ExerciseParams[] = [1, 2, 3].map((difficulty) => ({ difficulty }));

// ---- independent recomputation ----

interface Parsed {
  activation: "tanh" | "sigmoid";
  x0: number;
  w: number[];
}

/** The network read back from the prompt text. */
function parsePrompt(prompt: string): Parsed {
  const activation = prompt.includes("w_k\\, \\tanh(x_{k-1})") ? "tanh" : prompt.includes("w_k\\, \\sigma(x_{k-1})") ? "sigmoid" : null;
  const x0 = /\$x_0 = (-?\d+(?:\.\d+)?)\$/.exec(prompt);
  const w = [...prompt.matchAll(/w_(\d+) = (-?\d+(?:\.\d+)?)/g)];
  if (!activation || !x0 || w.length === 0 || w.some((m, i) => Number(m[1]) !== i + 1)) throw new Error(`cannot read the network from:\n${prompt}`);
  return { activation, x0: Number(x0[1]), w: w.map((m) => Number(m[2])) };
}

/** The branch function (Math.tanh / the logistic function, not the engine's). */
const branchF = (d: Parsed) => (d.activation === "tanh" ? Math.tanh : (z: number) => 1 / (1 + Math.exp(-z)));

/** x_K by a plain forward pass. */
function xK(d: Parsed, x0: number): number {
  const f = branchF(d);
  let x = x0;
  for (const wk of d.w) x = x + wk * f(x);
  return x;
}

/** Each block's local derivative, by differences of the whole block x ↦ x + w f(x) at its input on the forward pass. */
function blockFactors(d: Parsed): number[] {
  const f = branchF(d);
  const factors: number[] = [];
  let x = d.x0;
  for (const wk of d.w) {
    const at = x;
    factors.push(richardson((h) => at + h + wk * f(at + h), 1e-3));
    x = x + wk * f(x);
  }
  return factors;
}

const instances = new Map<string, ExerciseInstance[]>();
function all(p: ExerciseParams): ExerciseInstance[] {
  const key = JSON.stringify(p);
  let v = instances.get(key);
  if (!v) {
    v = SEEDS.map((s) => residualGradient.generate(s, p));
    instances.set(key, v);
  }
  return v;
}

describe("residual-gradient", () => {
  it("declares its id and params, rejects bad params", () => {
    expect(residualGradient.id).toBe("residual-gradient");
    expect(residualGradient.params).toEqual({});
    expect(residualGradient.generate(9, {} as ExerciseParams)).toEqual(residualGradient.generate(9, { difficulty: 2 }));
    expect(() => residualGradient.generate(9, { difficulty: Number.NaN })).toThrow(/params\.difficulty/);
    expect(() => residualGradient.generate(2 ** 60, { difficulty: 2 })).toThrow(/seed/);
  });

  it.each(COMBOS)("matches finite differences of a plain forward pass on the prompt's numbers (%o)", (p) => {
    const K = [2, 3, 5][p.difficulty - 1] as number;
    const acts = new Set<string>();
    const bad = problems();
    all(p).forEach((inst, i) => {
      const s = inst.seed;
      const d = parsePrompt(inst.prompt);
      // The exported raw draw is what the prompt shows (checked on every 4th seed: it costs a full redraw).
      if (i % 4 === 0) bad.check(JSON.stringify(residualGradient.sample(s, p).d) === JSON.stringify(d), () => `${s}: prompt is not the draw`);
      bad.check(d.w.length === K, () => `${s}: ${d.w.length} blocks`);
      acts.add(d.activation);
      const exp = inst.expected as number;
      const fd = richardson((h) => xK(d, d.x0 + h), 1e-3);
      bad.check(Math.abs(fd - exp) <= 1e-8 * Math.abs(exp), () => `${s}: fd ${fd} vs ${exp}`);
      // Dropping the "1 +" from every factor leaves ∏ w_k f'(x_{k-1}) on the residual pass — the no-shortcut mistake.
      const noShortcut = inst.mistakes.find((m) => m.id === "no-shortcut")?.value as number;
      const branches = blockFactors(d).reduce((q, v) => q * (v - 1), 1);
      bad.check(Math.abs(noShortcut - branches) <= 1e-8 * Math.abs(noShortcut), () => `${s}: no-shortcut ${noShortcut} vs ${branches}`);
    });
    bad.none();
    expect([...acts].sort()).toEqual(p.difficulty === 1 ? ["tanh"] : ["sigmoid", "tanh"]);
  });

  it.each(COMBOS)("every residual factor is within 0.6 of 1, as the text says; the plain stack is compared on its own forward pass (%o)", (p) => {
    const bad = problems();
    all(p).forEach((inst) => {
      const s = inst.seed;
      const d = parsePrompt(inst.prompt);
      const f = branchF(d);
      const factors = blockFactors(d);
      bad.check(factors.every((v) => Math.abs(v - 1) <= 0.6 + 1e-9), () => `${s}: factors ${factors.join(", ")}`);
      const lo = /every residual factor lies between \$(\S+)\$ and \$(\S+)\$/.exec(inst.solution);
      const close = (shown: string | undefined, v: number) => Math.abs(Number(shown) - v) <= 5e-4 * Math.abs(v);
      bad.check(!!lo && close(lo[1], Math.min(...factors)) && close(lo[2], Math.max(...factors)), () => `${s}: factor range ${lo?.[1]}..${lo?.[2]}`);
      // The plain stack p_k = w_k f(p_{k-1}) from the same x_0: its gradient by differences of its own forward pass.
      const pK = (p0: number) => d.w.reduce((q, wk) => wk * f(q), p0);
      const plain = richardson((h) => pK(d.x0 + h), 1e-3);
      const m = /\\partial p_\{\d+\}\/\\partial p_0 = \\prod_k [^$]*?= (-?\d+(?:\.\d+)?)(?:\s*\\times\s*10\^\{(-?\d+)\})?\$/.exec(inst.solution);
      const shown = m ? Number(m[1]) * 10 ** Number(m[2] ?? 0) : NaN;
      bad.check(Math.abs(shown - plain) <= 5e-4 * Math.abs(plain), () => `${s}: plain stack shown ${shown}, own pass gives ${plain}`);
      bad.check(inst.solution.includes("a **plain** stack with the same weights"), () => `${s}: no plain-stack comparison`);
    });
    bad.none();
  });

  it("steps: one per block factor 1 + w_k f'(x_{k-1}), then their product, with the error carried forward", () => {
    const bad = problems();
    for (const difficulty of [1, 2, 3]) {
      const K = [2, 3, 5][difficulty - 1] as number;
      for (const seed of SEEDS.slice(0, 20)) {
        const { d, s } = residualGradient.sample(seed, { difficulty });
        const st = residualGradient.definition.model.steps?.(d, s) ?? [];
        expect(residualGradient.steps(seed, { difficulty })?.map((x) => x.id)).toEqual(st.map((x) => x.id));
        expect(st.map((x) => x.id)).toEqual([...Array.from({ length: K }, (_, k) => `block-${k + 1}`), "product"]);
        expect(st[0]?.tex).toMatch(/^1 \+ w_\{1\}\\,\\(tanh|sigma)'\(x_\{0\}\)$/);
        // With the true earlier values, each block step is that block's factor (by differences here).
        const truth: number[] = [];
        for (const x of st) truth.push(x.value(truth));
        blockFactors(d).forEach((fd, k) => bad.check(Math.abs((truth[k] as number) - fd) <= 1e-8 * Math.abs(fd), () => `${seed}: block ${k + 1} ${truth[k]} vs ${fd}`));
        // One wrong factor: the product follows the learner's value, not the true one.
        const k = seed % K;
        const earlier = truth.slice(0, K);
        earlier[k] = (earlier[k] as number) * 1.5 + 0.1;
        const carried = st[K]?.value(earlier) as number;
        bad.check(carried === earlier.reduce((a, b) => a * b, 1), () => `${seed}: product of the learner's factors ${carried}`);
        bad.check(Math.abs(carried - s.expected) > 1e-3 * Math.abs(s.expected), () => `${seed}: a wrong factor still gives the answer`);
      }
    }
    bad.none();
  });

  it.each(COMBOS)("always lists the four main mistakes, reads a 4-digit answer, and the hint hides it (%o)", (p) => {
    const bad = problems();
    for (const inst of all(p)) {
      const s = inst.seed;
      const exp = inst.expected as number;
      bad.check(JSON.stringify(inst.answer) === JSON.stringify({ kind: "number", tolerance: { rel: 0.005 } }), () => `${s}: answer spec`);
      bad.check(checkAnswer(plainNum(exp, 4), inst.answer, exp, inst.mistakes).kind === "correct", () => `${s}: 4 digits not accepted`);
      const ids = inst.mistakes.map((m) => m.id);
      for (const id of ["no-shortcut", "added-not-multiplied", "dropped-f-prime", "identity-only"]) bad.check(ids.includes(id), () => `${s}: no ${id}`);
      bad.check(Math.abs(lastNumber(inst.solution) - exp) <= 5e-4 * Math.abs(exp), () => `${s}: last number ${lastNumber(inst.solution)}`);
      bad.check(!showsNumber(inst.hint, inst.expectedTex), () => `${s}: hint shows the answer`);
      bad.check(inst.prompt.includes("Give a number"), () => `${s}: no answer form`);
    }
    bad.none();
  });
});
