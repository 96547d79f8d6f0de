import katex from "katex";
import { describe, expect, it } from "vitest";
import { checkAnswer, distinguishable } from "@/lib/answer";
import { plainNum } from "@/lib/exercises/kit/tex";
import { residualGradient } from "@/lib/exercises/generators/residual-gradient";
import type { AnswerValue, ExerciseInstance, ExerciseParams } from "@/lib/exercises/types";

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 23);
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

/** Central difference of f at x with two Richardson steps (error O(h⁶)). */
function richardson(f: (x: number) => number, x: number, h: number): number {
  const D = (s: number) => (f(x + s) - f(x - s)) / (2 * s);
  const d1 = D(h);
  const d2 = D(h / 2);
  const d3 = D(h / 4);
  const r1 = (4 * d2 - d1) / 3;
  const r2 = (4 * d3 - d2) / 3;
  return (16 * r2 - r1) / 15;
}

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
  if (!activation || !x0 || w.length === 0) throw new Error(`cannot read the network from:\n${prompt}`);
  w.forEach((m, i) => expect(Number(m[1])).toBe(i + 1));
  return { activation, x0: Number(x0[1]), w: w.map((m) => Number(m[2])) };
}

/** x_K by a plain forward pass (Math.tanh / the logistic function, not the engine's). */
function xK(d: Parsed, x0: number): number {
  const f = d.activation === "tanh" ? Math.tanh : (z: number) => 1 / (1 + Math.exp(-z));
  let x = x0;
  for (const wk of d.w) x = x + wk * f(x);
  return x;
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

  it.each(COMBOS)("is deterministic (%o)", (p) => {
    all(p).forEach((inst, i) => expect(residualGradient.generate(SEEDS[i] as number, p)).toEqual(inst));
  });

  it.each(COMBOS)("matches finite differences of a plain forward pass on the prompt's numbers (%o)", (p) => {
    const K = [2, 3, 5][p.difficulty - 1] as number;
    const acts = new Set<string>();
    all(p).forEach((inst, i) => {
      const d = parsePrompt(inst.prompt);
      // The exported raw draw is what the prompt shows (checked on every 4th seed: it costs a full redraw).
      if (i % 4 === 0) expect(residualGradient.sample(SEEDS[i] as number, p).d).toEqual(d);
      expect(d.w).toHaveLength(K);
      acts.add(d.activation);
      const exp = inst.expected as number;
      const fd = richardson((x) => xK(d, x), d.x0, 1e-3);
      expect(Math.abs(fd - exp), `seed ${inst.seed}: fd ${fd} vs ${exp}`).toBeLessThanOrEqual(1e-8 * Math.abs(exp));
      // Dropping the "1 +" from every factor leaves ∏ w_k f'(x_{k-1}) on the residual pass — the no-shortcut mistake.
      const plainStack = (x0: number) => {
        const f = d.activation === "tanh" ? Math.tanh : (z: number) => 1 / (1 + Math.exp(-z));
        // The same local slopes as the residual pass, without the identity: finite differences of each branch.
        let prod = 1;
        let x = x0;
        for (const wk of d.w) {
          prod *= richardson((u) => wk * f(u), x, 1e-3);
          x = x + wk * f(x);
        }
        return prod;
      };
      const noShortcut = inst.mistakes.find((m) => m.id === "no-shortcut")?.value as number;
      expect(Math.abs(noShortcut - plainStack(d.x0))).toBeLessThanOrEqual(1e-8 * Math.abs(noShortcut));
    });
    expect([...acts].sort()).toEqual(p.difficulty === 1 ? ["tanh"] : ["sigmoid", "tanh"]);
  });

  it.each(COMBOS)("every residual factor is within 0.6 of 1, as the text says; the plain stack is compared on its own forward pass (%o)", (p) => {
    const bad: string[] = [];
    all(p).forEach((inst) => {
      const d = parsePrompt(inst.prompt);
      const f = d.activation === "tanh" ? Math.tanh : (z: number) => 1 / (1 + Math.exp(-z));
      // Each block's local derivative by differences of the whole block x ↦ x + w f(x).
      const factors: number[] = [];
      let x = d.x0;
      for (const wk of d.w) {
        factors.push(richardson((u) => u + wk * f(u), x, 1e-3));
        x = x + wk * f(x);
      }
      if (factors.some((v) => Math.abs(v - 1) > 0.6 + 1e-9)) bad.push(`seed ${inst.seed}: factors ${factors.join(", ")}`);
      const lo = /every residual factor lies between \$(\S+)\$ and \$(\S+)\$/.exec(inst.solution);
      const close = (shown: string | undefined, v: number) => Math.abs(Number(shown) - v) <= 5e-4 * Math.abs(v);
      if (!lo || !close(lo[1], Math.min(...factors)) || !close(lo[2], Math.max(...factors))) bad.push(`seed ${inst.seed}: factor range ${lo?.[1]}..${lo?.[2]}`);
      // The plain stack p_k = w_k f(p_{k-1}) from the same x_0: its gradient by differences of its own forward pass.
      const pK = (p0: number) => d.w.reduce((q, wk) => wk * f(q), p0);
      const plain = richardson(pK, d.x0, 1e-3);
      const m = /\\partial p_\{\d+\}\/\\partial p_0 = \\prod_k [^$]*?= (-?\d+(?:\.\d+)?)(?:\s*\\times\s*10\^\{(-?\d+)\})?\$/.exec(inst.solution);
      const shown = m ? Number(m[1]) * 10 ** Number(m[2] ?? 0) : NaN;
      if (!(Math.abs(shown - plain) <= 5e-4 * Math.abs(plain))) bad.push(`seed ${inst.seed}: plain stack shown ${shown}, own pass gives ${plain}`);
    });
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it("steps: one per block factor 1 + w_k f'(x_{k-1}), then their product, with the error carried forward", () => {
    for (const difficulty of [1, 2, 3]) {
      const K = [2, 3, 5][difficulty - 1] as number;
      for (const seed of SEEDS.slice(0, 20)) {
        const { d, s } = residualGradient.sample(seed, { difficulty });
        const st = residualGradient.definition.steps?.(d, s) ?? [];
        expect(residualGradient.steps(seed, { difficulty })?.map((x) => x.id)).toEqual(st.map((x) => x.id));
        expect(st.map((x) => x.id)).toEqual([...Array.from({ length: K }, (_, k) => `block-${k + 1}`), "product"]);
        expect(st[0]?.tex).toMatch(/^1 \+ w_\{1\}\\,\\(tanh|sigma)'\(x_\{0\}\)$/);
        for (const x of st) katex.renderToString(x.tex, { throwOnError: true, strict: "error" });
        // With the true earlier values each step is the true intermediate, and the last one is the answer, exactly.
        const truth: number[] = [];
        for (const x of st) truth.push(x.value(truth));
        expect(truth.at(-1)).toBe(s.expected);
        // Each block factor recomputed here by differences of the whole block x ↦ x + w f(x).
        const f = d.activation === "tanh" ? Math.tanh : (z: number) => 1 / (1 + Math.exp(-z));
        let x = d.x0;
        d.w.forEach((wk, k) => {
          const fd = richardson((u) => u + wk * f(u), x, 1e-3);
          expect(Math.abs((truth[k] as number) - fd)).toBeLessThanOrEqual(1e-8 * Math.abs(fd));
          x = x + wk * f(x);
        });
        // One wrong factor: the product follows the learner's value, not the true one.
        const k = seed % K;
        const earlier = truth.slice(0, K);
        earlier[k] = (earlier[k] as number) * 1.5 + 0.1;
        const carried = st[K]?.value(earlier) as number;
        expect(carried).toBe(earlier.reduce((a, b) => a * b, 1));
        expect(Math.abs(carried - s.expected)).toBeGreaterThan(1e-3 * Math.abs(s.expected));
      }
    }
  });

  it.each(COMBOS)("mistakes are recognised, the answer is accepted (%o)", (p) => {
    for (const inst of all(p)) {
      const exp = inst.expected as number;
      expect(Number.isFinite(exp) && exp !== 0).toBe(true);
      expect(inst.answer).toEqual({ kind: "number", tolerance: { rel: 0.005 } });
      expectCheckerRoundTrip(inst);
      expect(checkAnswer(plainNum(exp, 4), inst.answer, exp, inst.mistakes).kind).toBe("correct");
      const ids = inst.mistakes.map((m) => m.id);
      for (const id of ["no-shortcut", "added-not-multiplied", "dropped-f-prime", "identity-only"]) expect(ids).toContain(id);
      const d = parsePrompt(inst.prompt);
      const byId = Object.fromEntries(inst.mistakes.map((m) => [m.id, m.value as number]));
      expect(byId["dropped-f-prime"]).toBeCloseTo(d.w.reduce((q, wk) => q * (1 + wk), 1), 12);
    }
  });

  it.each(COMBOS)("solution ends with the answer, prompt hides it, all TeX renders (%o)", (p) => {
    for (const inst of all(p)) {
      const exp = inst.expected as number;
      const tail = inst.solution.trim().split("\n").slice(-2).join("\n");
      expect(tail).toContain(inst.expectedTex);
      expect(Math.abs((numbersIn(tail).at(-1) as number) - exp)).toBeLessThanOrEqual(5e-4 * Math.abs(exp));
      expect(inst.solution).toMatch(/a \*\*plain\*\* stack with the same weights/);
      expect(showsNumber(inst.prompt, inst.expectedTex)).toBe(false);
      expect(showsNumber(inst.prompt, plainNum(exp, 4))).toBe(false);
      expect(showsNumber(inst.hint, inst.expectedTex)).toBe(false);
      expect(inst.prompt).toMatch(/Give a number/);
      expectAllTexRenders(inst);
    }
  });
});
