import katex from "katex";
import { describe, expect, it } from "vitest";
import { checkAnswer, distinguishable } from "@/lib/answer";
import { clipByGlobalNorm } from "@/lib/engine";
import { plainNum } from "@/lib/exercises/kit/tex";
import { gradientClipping } from "@/lib/exercises/generators/gradient-clipping";
import type { AnswerValue, ExerciseInstance, ExerciseParams } from "@/lib/exercises/types";

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 17);
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

/** g and c read back from the prompt text: what the learner sees is what the answer is computed from. */
function parsePrompt(prompt: string): { g: number[]; c: number } {
  const gm = /g = \\left\(([^)]*)\\right\)/.exec(prompt);
  const cm = /c = (-?\d+(?:\.\d+)?)\$/.exec(prompt);
  if (!gm || !cm) throw new Error(`cannot read g and c from:\n${prompt}`);
  return { g: (gm[1] as string).split(",\\ ").map(Number), c: Number(cm[1]) };
}

const instances = new Map<string, ExerciseInstance[]>();
function all(p: ExerciseParams): ExerciseInstance[] {
  const key = JSON.stringify(p);
  let v = instances.get(key);
  if (!v) {
    v = SEEDS.map((s) => gradientClipping.generate(s, p));
    instances.set(key, v);
  }
  return v;
}

describe("gradient-clipping", () => {
  it("declares its id and params, rejects bad params", () => {
    expect(gradientClipping.id).toBe("gradient-clipping");
    expect(gradientClipping.params).toEqual({});
    expect(gradientClipping.generate(5, {} as ExerciseParams)).toEqual(gradientClipping.generate(5, { difficulty: 2 }));
    expect(() => gradientClipping.generate(5, { difficulty: "hard" as unknown as number })).toThrow(/params\.difficulty/);
    expect(() => gradientClipping.generate(-0.5, { difficulty: 2 })).toThrow(/seed/);
  });

  it.each(COMBOS)("is deterministic (%o)", (p) => {
    all(p).forEach((inst, i) => expect(gradientClipping.generate(SEEDS[i] as number, p)).toEqual(inst));
  });

  it.each(COMBOS)("matches plain arithmetic on the prompt's numbers and the engine's clipByGlobalNorm (%o)", (p) => {
    const n = [3, 4, 6][p.difficulty - 1] as number;
    all(p).forEach((inst, i) => {
      const { g, c } = parsePrompt(inst.prompt);
      // The exported raw draw is what the prompt shows (checked on every 4th seed: it costs a full redraw).
      if (i % 4 === 0) expect(gradientClipping.sample(SEEDS[i] as number, p).d).toEqual({ g, c });
      expect(g).toHaveLength(n);
      for (const v of g) expect(Math.round(v * 10) / 10).toBe(v);
      // Plain arithmetic: one norm, one factor.
      const norm = Math.sqrt(g.reduce((s, v) => s + v * v, 0));
      expect(norm).toBeGreaterThanOrEqual(1.05 * c);
      const plain = g.map((v) => (v * c) / norm);
      const exp = inst.expected as number[];
      expect(exp).toHaveLength(n);
      plain.forEach((v, j) => expect(Math.abs((exp[j] as number) - v)).toBeLessThanOrEqual(1e-12 * Math.abs(v)));
      // The engine agrees, and the result has norm exactly c.
      const engine = clipByGlobalNorm([g], c).clipped[0] as number[];
      engine.forEach((v, j) => expect(Math.abs((exp[j] as number) - v)).toBeLessThanOrEqual(1e-12 * Math.abs(v)));
      expect(Math.sqrt(exp.reduce((s, v) => s + v * v, 0))).toBeCloseTo(c, 10);
      // Value clipping really differs: some entry exceeds c.
      expect(g.some((v) => Math.abs(v) > c)).toBe(true);
    });
  });

  it.each(COMBOS)("mistakes are recognised, the answer is accepted (%o)", (p) => {
    for (const inst of all(p)) {
      const exp = inst.expected as number[];
      expect(inst.answer).toEqual({ kind: "vector", length: exp.length, tolerance: { rel: 0.005 } });
      expectCheckerRoundTrip(inst);
      expect(checkAnswer(exp.map((v) => plainNum(v, 4)).join(", "), inst.answer, exp, inst.mistakes).kind).toBe("correct");
      const ids = inst.mistakes.map((m) => m.id);
      for (const id of ["clip-by-value", "unit-vector", "squared-norm", "no-clipping"]) expect(ids).toContain(id);
      const { g, c } = parsePrompt(inst.prompt);
      const byId = Object.fromEntries(inst.mistakes.map((m) => [m.id, m.value as number[]]));
      expect(byId["clip-by-value"]).toEqual(g.map((v) => Math.min(c, Math.max(-c, v))));
      expect(byId["no-clipping"]).toEqual(g);
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
      // Single entries may coincide with a shown number by chance; the clipped vector as a whole never appears.
      expect(exp.every((v) => showsNumber(inst.prompt, plainNum(v, 4)))).toBe(false);
      expect(inst.prompt).toMatch(/comma-separated/);
      expectAllTexRenders(inst);
    }
  });
});
