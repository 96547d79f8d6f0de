import { isDeepStrictEqual } from "node:util";
import katex from "katex";
import { describe, expect, it } from "vitest";
import { checkAnswer, distinguishable } from "@/lib/answer";
import { explodingWindowExercise } from "@/lib/exercises/generators/exploding-window";
import { plainNum } from "@/lib/exercises/kit/tex";
import type { ExerciseInstance, ExerciseParams } from "@/lib/exercises/types";

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 13);
const MODES = ["width", "inside"] as const;
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
    const bad = problems();
    for (const inst of all(p)) bad.check(isDeepStrictEqual(explodingWindowExercise.generate(inst.seed, p), inst), () => `seed ${inst.seed}`);
    bad.none();
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

  it.each(COMBOS)("mistakes are recognised, the answer is accepted (%o)", (p) => {
    const bad = problems();
    for (const inst of all(p)) {
      const s = inst.seed;
      if (p.mode === "width") {
        const exp = inst.expected as number;
        bad.check(inst.answer.kind === "number", () => `${s}: answer kind ${inst.answer.kind}`);
        bad.check(checkAnswer(plainNum(exp), inst.answer, exp, inst.mistakes).kind === "correct", () => `${s}: answer not accepted`);
        bad.check(checkAnswer(plainNum(exp, 4), inst.answer, exp, inst.mistakes).kind === "correct", () => `${s}: 4-digit answer not accepted`);
        const ids = inst.mistakes.map((m) => m.id).join(",");
        bad.check(ids === "no-prefactor,one-over-w,minus-root,in-z-units", () => `${s}: mistakes ${ids}`);
        for (const m of inst.mistakes) {
          bad.check(distinguishable(m.value, exp, inst.answer), () => `${s}: ${m.id} not distinguishable`);
          const v = checkAnswer(plainNum(m.value as number), inst.answer, exp, inst.mistakes);
          bad.check(v.kind === "wrong" && v.mistakeId === m.id, () => `${s}: ${m.id} answered gives ${JSON.stringify(v)}`);
        }
      } else {
        const exp = inst.expected as string;
        bad.check(isDeepStrictEqual(inst.answer, { kind: "choice", options: ["A", "B"] }), () => `${s}: answer spec`);
        bad.check(checkAnswer(exp, inst.answer, exp, inst.mistakes).kind === "correct", () => `${s}: answer not accepted`);
        bad.check(checkAnswer(exp.toLowerCase(), inst.answer, exp, inst.mistakes).kind === "correct", () => `${s}: lower case not accepted`);
        const m = inst.mistakes[0];
        bad.check(inst.mistakes.length === 1 && m !== undefined, () => `${s}: ${inst.mistakes.length} mistakes`);
        if (!m) continue;
        bad.check(m.id === (exp === "A" ? "forgot-w" : "max-not-value") && m.value === (exp === "A" ? "B" : "A"), () => `${s}: mistake ${m.id}=${m.value}`);
        bad.check(distinguishable(m.value, exp, inst.answer), () => `${s}: not distinguishable`);
        const v = checkAnswer(m.value as string, inst.answer, exp, inst.mistakes);
        bad.check(v.kind === "wrong" && v.mistakeId === m.id, () => `${s}: other letter gives ${JSON.stringify(v)}`);
      }
    }
    bad.none();
  });

  it.each(COMBOS)("solution ends with the answer, prompt hides it, all TeX renders (%o)", (p) => {
    const bad = problems();
    for (const inst of all(p)) {
      const s = inst.seed;
      const lines = inst.solution.trim().split("\n");
      const last = lines[lines.length - 1] as string;
      if (p.mode === "width") {
        const exp = inst.expected as number;
        bad.check(last.includes(inst.expectedTex), () => `${s}: last line ${last}`);
        bad.check(Math.abs(lastNumber(inst.solution) - exp) <= 5e-4 * exp, () => `${s}: last number ${lastNumber(inst.solution)}`);
        bad.check(!showsNumber(inst.prompt, inst.expectedTex) && !showsNumber(inst.prompt, plainNum(exp, 4)), () => `${s}: prompt shows the answer`);
        bad.check(!showsNumber(inst.hint, inst.expectedTex), () => `${s}: hint shows the answer`);
      } else {
        bad.check(last === `**Answer:** ${String(inst.expected)}`, () => `${s}: last line ${last}`);
        bad.check(inst.expectedTex === `\\text{${String(inst.expected)}}`, () => `${s}: expectedTex ${inst.expectedTex}`);
        bad.check(["**A.**", "**B.**", "Answer with a letter"].every((t) => inst.prompt.includes(t)), () => `${s}: options not listed`);
        // The solution computes the window's ends.
        bad.check(/x \\in \[/.test(inst.solution), () => `${s}: no window in the solution`);
      }
      expectRenders(inst.prompt, `prompt ${s}`);
      expectRenders(inst.hint, `hint ${s}`);
      expectRenders(inst.solution, `solution ${s}`);
      for (const m of inst.mistakes) expectRenders(m.explanation, `${m.id} ${s}`);
    }
    bad.none();
  });
});
