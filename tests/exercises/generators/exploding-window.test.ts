import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { explodingWindowExercise } from "@/lib/exercises/generators/exploding-window";
import type { ExerciseInstance, ExerciseParams } from "@/lib/exercises/types";
import { problems, showsNumber } from "../support";

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 13);
const MODES = ["width", "inside"] as const;
const COMBOS: ExerciseParams[] = MODES.flatMap((mode) => [1, 2, 3].map((difficulty) => ({ difficulty, mode })));

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

  it.each(COMBOS)("matches bisection / direct evaluation (%o)", (p) => {
    const ranges: Record<number, [number, number]> =
      p.mode === "width" ? { 1: [6, 12], 2: [4.5, 12], 3: [4.2, 5] } : { 1: [4.5, 12], 2: [4.5, 12], 3: [4.5, 12] };
    const [lo, hi] = ranges[p.difficulty] as [number, number];
    const bad = problems();
    for (const inst of all(p)) {
      const s = inst.seed;
      const d = explodingWindowExercise.sample(s, p).d;
      const aw = Math.abs(d.w);
      bad.check(aw >= lo && aw <= hi && Math.round(d.w * 10) / 10 === d.w, () => `${s}: w ${d.w}`);
      bad.check(showsNumber(inst.prompt, String(d.w)) && showsNumber(inst.prompt, String(d.b)), () => `${s}: w or b not shown`);
      if (p.difficulty === 1) bad.check(d.w > 0, () => `${s}: w < 0 at difficulty 1`);
      const win = windowByBisection(d.w, d.b);
      if (d.mode === "width") {
        const width = win.hi - win.lo;
        bad.check(Math.abs(width - (inst.expected as number)) < 1e-9, () => `${s}: bisection ${width} vs ${inst.expected}`);
      } else {
        bad.check(showsNumber(inst.prompt, String(d.x)) && Math.round(d.x * 100) / 100 === d.x, () => `${s}: x ${d.x}`);
        const f = factor(d.w, d.b, d.x);
        bad.check(inst.expected === (f >= 1 ? "A" : "B"), () => `${s}: factor ${f}, answer ${inst.expected}`);
        bad.check(Math.abs(f - 1) > 0.02, () => `${s}: factor ${f} within 2 % of 1`);
        // The same verdict from the window's ends.
        bad.check(d.x >= win.lo && d.x <= win.hi ? f >= 1 : f < 1, () => `${s}: window [${win.lo}, ${win.hi}] disagrees`);
      }
    }
    bad.none();
  });

  it("inside: both letters about equally often at every difficulty", () => {
    for (const difficulty of [1, 2, 3]) {
      const n = all({ difficulty, mode: "inside" }).filter((i) => i.expected === "A").length;
      expect(n).toBeGreaterThan(70);
      expect(n).toBeLessThan(130);
    }
  });

  it.each(COMBOS)("lists the mistakes of its mode: the four width slips, or the one wrong letter (%o)", (p) => {
    const bad = problems();
    for (const inst of all(p)) {
      const s = inst.seed;
      const ids = inst.mistakes.map((m) => m.id).join(",");
      if (p.mode === "width") {
        bad.check(inst.answer.kind === "number", () => `${s}: answer kind ${inst.answer.kind}`);
        bad.check(ids === "no-prefactor,one-over-w,minus-root,in-z-units", () => `${s}: mistakes ${ids}`);
      } else {
        bad.check(isDeepStrictEqual(inst.answer, { kind: "choice", options: ["A", "B"] }), () => `${s}: answer spec`);
        bad.check(ids === (inst.expected === "A" ? "forgot-w" : "max-not-value"), () => `${s}: mistakes ${ids} for ${String(inst.expected)}`);
      }
    }
    bad.none();
  });

  it.each(COMBOS)("the hint does not give the answer away; inside lists the options and works out the window (%o)", (p) => {
    const bad = problems();
    for (const inst of all(p)) {
      const s = inst.seed;
      if (p.mode === "width") bad.check(!showsNumber(inst.hint, inst.expectedTex), () => `${s}: hint shows the answer`);
      else {
        bad.check(["**A.**", "**B.**", "Answer with a letter"].every((t) => inst.prompt.includes(t)), () => `${s}: options not listed`);
        bad.check(/x \\in \[/.test(inst.solution), () => `${s}: no window in the solution`);
      }
    }
    bad.none();
  });
});
