import katex from "katex";
import { describe, expect, it } from "vitest";
import { checkAnswer, distinguishable } from "@/lib/engine/answer";
import { plainNum } from "@/lib/engine/exercises/format";
import { drawSigmoidDerivative, sigmoidDerivative } from "@/lib/engine/exercises/sigmoid-derivative";
import type { ExerciseInstance, ExerciseParams } from "@/lib/engine/exercises/types";

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 13);
const MODES = ["value", "bound"] as const;
const COMBOS: ExerciseParams[] = MODES.flatMap((mode) => [1, 2, 3].map((difficulty) => ({ difficulty, mode })));

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
    const key = `${display ? "D" : "I"}${tex.replace(/\d+/g, "0")}`;
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
  const esc = tex.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^0-9.])${esc}(?![0-9])`).test(text);
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
    all(p).forEach((inst, i) => expect(sigmoidDerivative.generate(SEEDS[i] as number, p)).toEqual(inst));
  });

  it.each(COMBOS)("matches an independent recomputation (%o)", (p) => {
    all(p).forEach((inst, i) => {
      const d = drawSigmoidDerivative(SEEDS[i] as number, p);
      const exp = inst.expected as number;
      if (d.mode === "value") {
        let z = d.z;
        if (p.difficulty === 1) {
          expect(d.w).toBeUndefined();
          expect(showsNumber(inst.prompt, String(d.z))).toBe(true);
        } else {
          const { w, x, b } = d as { w: number; x: number; b: number };
          for (const v of [w, x, b]) expect(showsNumber(inst.prompt, String(v)), `${v} in the prompt`).toBe(true);
          // z is not shown: the learner computes it.
          expect(Math.abs(z - (w * x + b))).toBeLessThan(1e-12);
          z = w * x + b;
        }
        expect(Math.abs(z)).toBeLessThanOrEqual(4);
        const fd = fdSigmoidPrime(z);
        expect(Math.abs(fd - exp), `seed ${inst.seed}: ${fd} vs ${exp}`).toBeLessThanOrEqual(1e-7 * exp);
      } else {
        expect(Math.abs(d.w)).toBeLessThanOrEqual(1);
        expect(showsNumber(inst.prompt, String(d.w))).toBe(true);
        if (p.difficulty === 1) expect(d.w).toBeGreaterThan(0);
        if (p.difficulty === 3) expect(showsNumber(inst.prompt, String(d.b))).toBe(true);
        else expect(d.b).toBeUndefined();
        const m = maxFactor(d.w, d.b ?? 0);
        expect(Math.abs(m - exp), `seed ${inst.seed}: ${m} vs ${exp}`).toBeLessThanOrEqual(1e-9 * exp);
      }
    });
  });

  it.each(COMBOS)("mistakes are recognised, the answer is accepted (%o)", (p) => {
    const allowed =
      p.mode === "value"
        ? ["sigma-not-prime", "one-minus-only", "tanh-derivative", "forgot-chain-z", "times-w"]
        : ["quarter-only", "half", "sigma-max", "signed", "at-x-zero"];
    for (const inst of all(p)) {
      const exp = inst.expected as number;
      expect(checkAnswer(plainNum(exp), inst.answer, exp, inst.mistakes).kind).toBe("correct");
      expect(checkAnswer(plainNum(exp, 4), inst.answer, exp, inst.mistakes).kind).toBe("correct");
      const ids = inst.mistakes.map((m) => m.id);
      for (const id of ids) expect(allowed).toContain(id);
      // Draws where two required mistakes coincide are redrawn, so they are all there; at-x-zero is optional.
      const w = p.mode === "bound" ? (drawSigmoidDerivative(inst.seed, p) as { w: number }).w : 0;
      const required =
        p.mode === "value"
          ? allowed.slice(0, p.difficulty >= 2 ? 5 : 3)
          : ["quarter-only", "half", "sigma-max", ...(w < 0 ? ["signed"] : [])];
      expect(ids.filter((id) => id !== "at-x-zero")).toEqual(required);
      if (p.mode === "bound" && p.difficulty < 3) expect(ids).not.toContain("at-x-zero");
      for (const m of inst.mistakes) {
        expect(distinguishable(m.value, exp, inst.answer)).toBe(true);
        const v = checkAnswer(plainNum(m.value as number), inst.answer, exp, inst.mistakes);
        expect(v.kind, `${inst.seed} ${m.id}`).toBe("wrong");
        if (v.kind === "wrong") expect(v.mistakeId).toBe(m.id);
      }
    }
  });

  it.each(COMBOS)("solution ends with the answer, prompt hides it, all TeX renders (%o)", (p) => {
    for (const inst of all(p)) {
      const exp = inst.expected as number;
      const lines = inst.solution.trim().split("\n");
      expect(lines[lines.length - 1]).toContain(inst.expectedTex);
      expect(Math.abs(lastNumber(inst.solution) - exp)).toBeLessThanOrEqual(5e-4 * Math.abs(exp));
      if (p.mode === "bound") expect(inst.solution).toContain("|w| \\le 1");
      expect(showsNumber(inst.prompt, inst.expectedTex)).toBe(false);
      expect(showsNumber(inst.prompt, plainNum(exp, 4))).toBe(false);
      expect(showsNumber(inst.hint, inst.expectedTex)).toBe(false);
      expectRenders(inst.prompt, `prompt ${inst.seed}`);
      expectRenders(inst.hint, `hint ${inst.seed}`);
      expectRenders(inst.solution, `solution ${inst.seed}`);
      for (const m of inst.mistakes) expectRenders(m.explanation, `${m.id} ${inst.seed}`);
    }
  });
});
