import { isDeepStrictEqual } from "node:util";
import katex from "katex";
import { describe, expect, it } from "vitest";
import { checkAnswer, distinguishable } from "@/lib/answer";
import { plainNum } from "@/lib/exercises/kit/tex";
import { sigmoidDerivative } from "@/lib/exercises/generators/sigmoid-derivative";
import type { ExerciseInstance, ExerciseParams } from "@/lib/exercises/types";

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 13);
const MODES = ["value", "bound"] as const;
const COMBOS: ExerciseParams[] = MODES.flatMap((mode) => [1, 2, 3].map((difficulty) => ({ difficulty, mode })));

// ---- helpers (kept local: each exercise test file stands alone) ----

/**
 * Plain comparisons collected and asserted once per test: thousands of
 * expect() calls would dominate the run time.
 */
function problems() {
  const list: string[] = [];
  return {
    check(ok: boolean, msg: () => string): void {
      if (!ok && list.length < 20) list.push(msg());
    },
    none(): void {
      expect(list).toEqual([]);
    },
  };
}

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
  if (rest.includes("$")) expect.fail(`unbalanced $ in: ${md}`);
  return out;
}

/** KaTeX errors depend on the TeX's structure, not its digits: each structure is rendered once. */
const rendered = new Set<string>();
/** A signed number, possibly in `m \times 10^{e}` form: one placeholder, so sign and notation patterns do not multiply the keys. */
const NUMBER = /-?\d+(?:\.\d+)?(?:\s*\\times\s*10\^\{-?\d+\})?/g;
function expectRenders(md: string, where: string): void {
  for (const { tex, display } of texSegments(md)) {
    const key = `${display ? "D" : "I"}${tex.replace(NUMBER, "0")}`;
    if (rendered.has(key)) continue;
    try {
      katex.renderToString(tex, { throwOnError: true, displayMode: display, strict: "error" });
    } catch (e) {
      expect.fail(`${where}: ${String(e)}\n${tex}`);
    }
    rendered.add(key);
  }
}

/** The last number written in a text, reading `m \times 10^{e}` as one number. */
function lastNumber(text: string): number {
  const all = [...text.matchAll(/(-?\d+(?:\.\d+)?)(?:\s*\\times\s*10\^\{(-?\d+)\})?/g)];
  const m = all[all.length - 1];
  if (!m) return NaN;
  return Number(m[1]) * 10 ** Number(m[2] ?? 0);
}

/** True when `tex` occurs in `text` as a whole number (not part of a longer one). */
function showsNumber(text: string, tex: string): boolean {
  for (let i = text.indexOf(tex); i >= 0; i = text.indexOf(tex, i + 1)) {
    const before = text[i - 1] ?? " ";
    const after = text[i + tex.length] ?? " ";
    if (!/[0-9.]/.test(before) && !/[0-9]/.test(after)) return true;
  }
  return false;
}

// ---- independent recomputation ----

const sig = (z: number) => 1 / (1 + Math.exp(-z));

/** σ′ by a central difference of σ (h = 1e-5: truncation and round-off both ≈ 1e-11). */
function fdSigmoidPrime(z: number, h = 1e-5): number {
  return (sig(z + h) - sig(z - h)) / (2 * h);
}

/**
 * max over x ∈ [−50, 50] of |w σ′(w x + b)|: a grid (step 0.01) to bracket the
 * peak, then golden-section search inside the bracket — no use of the
 * closed form x* = −b/w.
 */
function maxFactor(w: number, b: number): number {
  const g = (x: number) => {
    const s = sig(w * x + b);
    return Math.abs(w * s * (1 - s));
  };
  let best = -50;
  for (let x = -50; x <= 50; x += 0.01) if (g(x) > g(best)) best = x;
  let lo = best - 0.01;
  let hi = best + 0.01;
  const phi = (Math.sqrt(5) - 1) / 2;
  let c = hi - phi * (hi - lo);
  let d = lo + phi * (hi - lo);
  while (hi - lo > 1e-10) {
    if (g(c) > g(d)) hi = d;
    else lo = c;
    c = hi - phi * (hi - lo);
    d = lo + phi * (hi - lo);
  }
  return g((lo + hi) / 2);
}

const instances = new Map<string, ExerciseInstance[]>();
function all(p: ExerciseParams): ExerciseInstance[] {
  const key = `${String(p.mode)}${p.difficulty}`;
  let v = instances.get(key);
  if (!v) {
    v = SEEDS.map((s) => sigmoidDerivative.generate(s, p));
    instances.set(key, v);
  }
  return v;
}

describe("sigmoid-derivative", () => {
  it("declares its id and params; defaults to value; rejects bad params by name", () => {
    expect(sigmoidDerivative.id).toBe("sigmoid-derivative");
    expect(sigmoidDerivative.params).toEqual({ mode: ["value", "bound"] });
    expect(sigmoidDerivative.generate(9, { difficulty: 1 })).toEqual(sigmoidDerivative.generate(9, { difficulty: 1, mode: "value" }));
    expect(() => sigmoidDerivative.generate(9, { difficulty: 1, mode: "max" })).toThrow(/params\.mode/);
  });

  it.each(COMBOS)("is deterministic (%o)", (p) => {
    const bad = problems();
    for (const inst of all(p)) bad.check(isDeepStrictEqual(sigmoidDerivative.generate(inst.seed, p), inst), () => `seed ${inst.seed}`);
    bad.none();
  });

  it.each(COMBOS)("matches an independent recomputation (%o)", (p) => {
    const bad = problems();
    for (const inst of all(p)) {
      const s = inst.seed;
      const d = sigmoidDerivative.sample(s, p).d;
      const exp = inst.expected as number;
      if (d.mode === "value") {
        let z = d.z;
        if (p.difficulty === 1) {
          bad.check(d.w === undefined && showsNumber(inst.prompt, String(d.z)), () => `${s}: z not shown`);
        } else {
          const { w, x, b } = d as { w: number; x: number; b: number };
          for (const v of [w, x, b]) bad.check(showsNumber(inst.prompt, String(v)), () => `${s}: ${v} not in the prompt`);
          // z itself is not shown: the learner computes it.
          bad.check(Math.abs(z - (w * x + b)) < 1e-12, () => `${s}: z ${z} vs wx+b ${w * x + b}`);
          z = w * x + b;
        }
        bad.check(Math.abs(z) <= 4, () => `${s}: |z| = ${Math.abs(z)}`);
        const fd = fdSigmoidPrime(z);
        bad.check(Math.abs(fd - exp) <= 1e-7 * exp, () => `${s}: fd ${fd} vs ${exp}`);
      } else {
        bad.check(Math.abs(d.w) <= 1 && showsNumber(inst.prompt, String(d.w)), () => `${s}: w ${d.w}`);
        if (p.difficulty === 1) bad.check(d.w > 0, () => `${s}: w ≤ 0 at difficulty 1`);
        if (p.difficulty === 3) bad.check(d.b !== undefined && showsNumber(inst.prompt, String(d.b)), () => `${s}: b not shown`);
        else bad.check(d.b === undefined, () => `${s}: unexpected b`);
        const m = maxFactor(d.w, d.b ?? 0);
        bad.check(Math.abs(m - exp) <= 1e-9 * exp, () => `${s}: search ${m} vs ${exp}`);
      }
    }
    bad.none();
  });

  it.each(COMBOS)("mistakes are recognised, the answer is accepted (%o)", (p) => {
    const allowed =
      p.mode === "value"
        ? ["sigma-not-prime", "one-minus-only", "tanh-derivative", "forgot-chain-z", "times-w"]
        : ["quarter-only", "half", "sigma-max", "signed", "at-x-zero"];
    const bad = problems();
    for (const inst of all(p)) {
      const s = inst.seed;
      const exp = inst.expected as number;
      bad.check(checkAnswer(plainNum(exp), inst.answer, exp, inst.mistakes).kind === "correct", () => `${s}: answer not accepted`);
      bad.check(checkAnswer(plainNum(exp, 4), inst.answer, exp, inst.mistakes).kind === "correct", () => `${s}: 4-digit answer not accepted`);
      // Draws where two required mistakes coincide are redrawn, so they are all there; at-x-zero is optional.
      const w = p.mode === "bound" ? (sigmoidDerivative.sample(s, p).d as { w: number }).w : 0;
      const required =
        p.mode === "value" ? allowed.slice(0, p.difficulty >= 2 ? 5 : 3) : ["quarter-only", "half", "sigma-max", ...(w < 0 ? ["signed"] : [])];
      const ids = inst.mistakes.map((m) => m.id);
      bad.check(ids.filter((id) => id !== "at-x-zero").join(",") === required.join(","), () => `${s}: mistakes ${ids}`);
      if (ids.includes("at-x-zero")) bad.check(p.difficulty === 3, () => `${s}: at-x-zero below difficulty 3`);
      for (const m of inst.mistakes) {
        bad.check(distinguishable(m.value, exp, inst.answer), () => `${s}: ${m.id} not distinguishable`);
        const v = checkAnswer(plainNum(m.value as number), inst.answer, exp, inst.mistakes);
        bad.check(v.kind === "wrong" && v.mistakeId === m.id, () => `${s}: ${m.id} answered gives ${JSON.stringify(v)}`);
      }
    }
    bad.none();
  });

  it.each(COMBOS)("solution ends with the answer, prompt hides it, all TeX renders (%o)", (p) => {
    const bad = problems();
    for (const inst of all(p)) {
      const s = inst.seed;
      const exp = inst.expected as number;
      const lines = inst.solution.trim().split("\n");
      bad.check((lines[lines.length - 1] as string).includes(inst.expectedTex), () => `${s}: last line ${lines[lines.length - 1]}`);
      bad.check(Math.abs(lastNumber(inst.solution) - exp) <= 5e-4 * Math.abs(exp), () => `${s}: last number ${lastNumber(inst.solution)}`);
      if (p.mode === "bound") bad.check(inst.solution.includes("|w| \\le 1"), () => `${s}: no |w| ≤ 1 argument`);
      bad.check(!showsNumber(inst.prompt, inst.expectedTex) && !showsNumber(inst.prompt, plainNum(exp, 4)), () => `${s}: prompt shows the answer`);
      bad.check(!showsNumber(inst.hint, inst.expectedTex), () => `${s}: hint shows the answer`);
      expectRenders(inst.prompt, `prompt ${s}`);
      expectRenders(inst.hint, `hint ${s}`);
      expectRenders(inst.solution, `solution ${s}`);
      for (const m of inst.mistakes) expectRenders(m.explanation, `${m.id} ${s}`);
    }
    bad.none();
  });
});
