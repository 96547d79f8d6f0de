import { describe, expect, it } from "vitest";
import { checkAnswer } from "@/lib/answer";
import { clipByGlobalNorm } from "@/lib/engine";
import { gradientClipping } from "@/lib/exercises/generators/gradient-clipping";
import { plainNum } from "@/lib/exercises/kit/tex";
import type { ExerciseInstance, ExerciseParams } from "@/lib/exercises/types";
import { problems } from "../support";

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 17);
const COMBOS: ExerciseParams[] = [1, 2, 3].map((difficulty) => ({ difficulty }));

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

  it.each(COMBOS)("matches plain arithmetic on the prompt's numbers and the engine's clipByGlobalNorm (%o)", (p) => {
    const n = [3, 4, 6][p.difficulty - 1] as number;
    const bad = problems();
    all(p).forEach((inst, i) => {
      const s = inst.seed;
      const { g, c } = parsePrompt(inst.prompt);
      // The exported raw draw is what the prompt shows (checked on every 4th seed: it costs a full redraw).
      if (i % 4 === 0) bad.check(JSON.stringify(gradientClipping.sample(s, p).d) === JSON.stringify({ g, c }), () => `${s}: prompt is not the draw`);
      bad.check(g.length === n && g.every((v) => Math.round(v * 10) / 10 === v), () => `${s}: g = ${g}`);
      // Clipping acts, clearly, and clipping by value would really differ: some entry exceeds c.
      const norm = Math.sqrt(g.reduce((t, v) => t + v * v, 0));
      bad.check(norm >= 1.05 * c && g.some((v) => Math.abs(v) > c), () => `${s}: ‖g‖ ${norm}, c ${c}`);
      // The engine agrees, and the result has norm exactly c, in the same direction.
      const exp = inst.expected as number[];
      const engine = clipByGlobalNorm([g], c).clipped[0] as number[];
      bad.check(engine.every((v, j) => Math.abs((exp[j] as number) - v) <= 1e-12 * Math.abs(v)), () => `${s}: engine ${engine} vs ${exp}`);
      bad.check(Math.abs(Math.hypot(...exp) - c) <= 1e-10, () => `${s}: ‖clipped‖ ${Math.hypot(...exp)} vs c ${c}`);
      bad.check(exp.every((v, j) => v * (g[j] as number) > 0), () => `${s}: an entry changed sign`);
    });
    bad.none();
  });

  it.each(COMBOS)("always lists the four main mistakes, and reads a 4-digit answer (%o)", (p) => {
    const bad = problems();
    for (const inst of all(p)) {
      const exp = inst.expected as number[];
      bad.check(JSON.stringify(inst.answer) === JSON.stringify({ kind: "vector", length: exp.length, tolerance: { rel: 0.005 } }), () => `${inst.seed}: answer spec`);
      bad.check(checkAnswer(exp.map((v) => plainNum(v, 4)).join(", "), inst.answer, exp, inst.mistakes).kind === "correct", () => `${inst.seed}: 4 digits not accepted`);
      const ids = inst.mistakes.map((m) => m.id);
      for (const id of ["clip-by-value", "unit-vector", "squared-norm", "no-clipping"]) bad.check(ids.includes(id), () => `${inst.seed}: no ${id}`);
      bad.check(inst.prompt.includes("comma-separated"), () => `${inst.seed}: no answer form`);
    }
    bad.none();
  });
});
