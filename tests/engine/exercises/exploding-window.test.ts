import katex from "katex";
import { describe, expect, it } from "vitest";
import { checkAnswer, distinguishable } from "@/lib/engine/answer";
import { drawExplodingWindow, explodingWindowExercise } from "@/lib/engine/exercises/exploding-window";
import { plainNum } from "@/lib/engine/exercises/format";
import type { ExerciseInstance, ExerciseParams } from "@/lib/engine/exercises/types";

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 13);
const MODES = ["width", "inside"] as const;
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

/** |w σ′(w x + b)| from plain arithmetic. */
function factor(w: number, b: number, x: number): number {
  const s = 1 / (1 + Math.exp(-(w * x + b)));
  return Math.abs(w * s * (1 - s));
}

/** The root of g(x) = factor − 1 between `inside` (g > 0) and `outside` (g < 0), by bisection to 1e-12. */
function bisect(w: number, b: number, inside: number, outside: number): number {
  let a = inside;
  let c = outside;
  while (Math.abs(c - a) > 1e-12) {
    const m = (a + c) / 2;
    if (factor(w, b, m) - 1 >= 0) a = m;
    else c = m;
  }
  return (a + c) / 2;
}

/** Window [lo, hi] found by bisection on both sides of the peak x* = −b/w (where the factor is |w|/4 > 1). */
function windowByBisection(w: number, b: number): { lo: number; hi: number } {
  const xs = -b / w;
  expect(factor(w, b, xs)).toBeGreaterThan(1);
  return { lo: bisect(w, b, xs, xs - 50), hi: bisect(w, b, xs, xs + 50) };
}

const instances = new Map<string, ExerciseInstance[]>();
function all(p: ExerciseParams): ExerciseInstance[] {
  const key = `${String(p.mode)}${p.difficulty}`;
  let v = instances.get(key);
  if (!v) {
    v = SEEDS.map((s) => explodingWindowExercise.generate(s, p));
    instances.set(key, v);
  }
  return v;
}

describe("exploding-window", () => {
  it("declares its id and params; defaults to width; rejects bad params by name", () => {
    expect(explodingWindowExercise.id).toBe("exploding-window");
    expect(explodingWindowExercise.params).toEqual({ mode: ["width", "inside"] });
    expect(explodingWindowExercise.generate(4, { difficulty: 2 })).toEqual(explodingWindowExercise.generate(4, { difficulty: 2, mode: "width" }));
    expect(() => explodingWindowExercise.generate(4, { difficulty: 2, mode: "centre" })).toThrow(/params\.mode/);
  });

  it.each(COMBOS)("is deterministic (%o)", (p) => {
    all(p).forEach((inst, i) => expect(explodingWindowExercise.generate(SEEDS[i] as number, p)).toEqual(inst));
  });

  it.each(COMBOS)("matches bisection / direct evaluation (%o)", (p) => {
    const ranges: Record<number, [number, number]> = p.mode === "width" ? { 1: [6, 12], 2: [4.5, 12], 3: [4.2, 5] } : { 1: [4.5, 12], 2: [4.5, 12], 3: [4.5, 12] };
    all(p).forEach((inst, i) => {
      const d = drawExplodingWindow(SEEDS[i] as number, p);
      const aw = Math.abs(d.w);
      const [lo, hi] = ranges[p.difficulty] as [number, number];
      expect(aw).toBeGreaterThanOrEqual(lo);
      expect(aw).toBeLessThanOrEqual(hi);
      expect(Math.round(d.w * 10) / 10).toBe(d.w);
      expect(showsNumber(inst.prompt, String(d.w))).toBe(true);
      expect(showsNumber(inst.prompt, String(d.b))).toBe(true);
      if (p.difficulty === 1) expect(d.w).toBeGreaterThan(0);
      if (d.mode === "width") {
        const win = windowByBisection(d.w, d.b);
        const width = win.hi - win.lo;
        expect(Math.abs(width - (inst.expected as number)), `seed ${inst.seed}`).toBeLessThan(1e-9);
      } else {
        expect(showsNumber(inst.prompt, String(d.x))).toBe(true);
        expect(Math.round(d.x * 100) / 100).toBe(d.x);
        const f = factor(d.w, d.b, d.x);
        expect(inst.expected).toBe(f >= 1 ? "A" : "B");
        expect(Math.abs(f - 1)).toBeGreaterThan(0.02);
        // The same verdict from the window's ends.
        const win = windowByBisection(d.w, d.b);
        expect(d.x >= win.lo && d.x <= win.hi).toBe(f >= 1);
      }
    });
  });

  it("inside: both letters about equally often at every difficulty", () => {
    for (const difficulty of [1, 2, 3]) {
      const n = all({ difficulty, mode: "inside" }).filter((i) => i.expected === "A").length;
      expect(n).toBeGreaterThan(70);
      expect(n).toBeLessThan(130);
    }
  });

  it.each(COMBOS)("mistakes are recognised, the answer is accepted (%o)", (p) => {
    for (const inst of all(p)) {
      if (p.mode === "width") {
        const exp = inst.expected as number;
        expect(inst.answer).toEqual({ kind: "number", tolerance: { rel: 0.005 } });
        expect(checkAnswer(plainNum(exp), inst.answer, exp, inst.mistakes).kind).toBe("correct");
        expect(checkAnswer(plainNum(exp, 4), inst.answer, exp, inst.mistakes).kind).toBe("correct");
        expect(inst.mistakes.map((m) => m.id)).toEqual(["no-prefactor", "one-over-w", "minus-root", "in-z-units"]);
        for (const m of inst.mistakes) {
          expect(distinguishable(m.value, exp, inst.answer)).toBe(true);
          const v = checkAnswer(plainNum(m.value as number), inst.answer, exp, inst.mistakes);
          expect(v.kind, `${inst.seed} ${m.id}`).toBe("wrong");
          if (v.kind === "wrong") expect(v.mistakeId).toBe(m.id);
        }
      } else {
        const exp = inst.expected as string;
        expect(inst.answer).toEqual({ kind: "choice", options: ["A", "B"] });
        expect(checkAnswer(exp, inst.answer, exp, inst.mistakes).kind).toBe("correct");
        expect(checkAnswer(exp.toLowerCase(), inst.answer, exp, inst.mistakes).kind).toBe("correct");
        expect(inst.mistakes).toHaveLength(1);
        const m = inst.mistakes[0]!;
        expect(m.id).toBe(exp === "A" ? "forgot-w" : "max-not-value");
        expect(m.value).toBe(exp === "A" ? "B" : "A");
        expect(distinguishable(m.value, exp, inst.answer)).toBe(true);
        const v = checkAnswer(m.value as string, inst.answer, exp, inst.mistakes);
        expect(v.kind === "wrong" && v.mistakeId === m.id).toBe(true);
      }
    }
  });

  it.each(COMBOS)("solution ends with the answer, prompt hides it, all TeX renders (%o)", (p) => {
    for (const inst of all(p)) {
      const lines = inst.solution.trim().split("\n");
      const last = lines[lines.length - 1] as string;
      if (p.mode === "width") {
        const exp = inst.expected as number;
        expect(last).toContain(inst.expectedTex);
        expect(Math.abs(lastNumber(inst.solution) - exp)).toBeLessThanOrEqual(5e-4 * exp);
        expect(showsNumber(inst.prompt, inst.expectedTex)).toBe(false);
        expect(showsNumber(inst.prompt, plainNum(exp, 4))).toBe(false);
        expect(showsNumber(inst.hint, inst.expectedTex)).toBe(false);
      } else {
        expect(last).toBe(`**Answer:** ${String(inst.expected)}`);
        expect(inst.expectedTex).toBe(`\\text{${String(inst.expected)}}`);
        expect(inst.prompt).toContain("**A.**");
        expect(inst.prompt).toContain("**B.**");
        expect(inst.prompt).toContain("Answer with a letter");
        // The solution computes the window's ends.
        expect(inst.solution).toMatch(/x \\in \[/);
      }
      expectRenders(inst.prompt, `prompt ${inst.seed}`);
      expectRenders(inst.hint, `hint ${inst.seed}`);
      expectRenders(inst.solution, `solution ${inst.seed}`);
      for (const m of inst.mistakes) expectRenders(m.explanation, `${m.id} ${inst.seed}`);
    }
  });
});
