import { describe, expect, it } from "vitest";
import { checkAnswer } from "@/lib/answer";
import { softmaxScaling } from "@/lib/exercises/generators/softmax-scaling";
import { plainNum } from "@/lib/exercises/kit/tex";
import type { ExerciseParams } from "@/lib/exercises/types";
import { problems } from "../support";

const SEEDS = Array.from({ length: 150 }, (_, i) => i * 7919 + 41);
const COMBOS: ExerciseParams[] = [1, 2, 3].map((difficulty) => ({ difficulty }));

function readPrompt(prompt: string): { dk: number; s: number[] } {
  const m = /d_k = (\d+),\\qquad s = \(q\\cdot k_j\)_j = \\left\(([^)]*)\\right\)/.exec(prompt);
  if (!m) throw new Error(`cannot read the scores from:\n${prompt}`);
  return { dk: Number(m[1]), s: (m[2] as string).split(",\\ ").map(Number) };
}

/** The top weight of softmax(z), by plain arithmetic: exp of each input (shifted by the max) over their sum. */
function topWeight(z: readonly number[], star: number): number {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  return (e[star] as number) / e.reduce((a, v) => a + v, 0);
}

describe("softmax-scaling", () => {
  it.each(COMBOS)("matches central differences of the top weight, and is saturated only without the scaling (%o)", (p) => {
    const bad = problems();
    for (const seed of SEEDS) {
      const inst = softmaxScaling.generate(seed, p);
      const { dk, s } = readPrompt(inst.prompt);
      bad.check(dk === [16, 64, 256][p.difficulty - 1], () => `${seed}: d_k = ${dk}`);
      const star = s.indexOf(Math.max(...s));
      const exp = inst.expected as number[];
      [1, Math.sqrt(dk)].forEach((by, k) => {
        const z = s.map((v) => v / by);
        // Central difference in z_*; the step is small next to the curvature, large next to rounding.
        const h = 1e-4;
        const up = z.slice();
        const down = z.slice();
        up[star] = (up[star] as number) + h;
        down[star] = (down[star] as number) - h;
        const fd = (topWeight(up, star) - topWeight(down, star)) / (2 * h);
        bad.check(Math.abs(fd - (exp[k] as number)) <= 1e-5 * Math.abs(exp[k] as number) + 1e-11, () => `${seed} side ${k}: finite difference ${fd} vs ${exp[k]}`);
        const top = topWeight(z, star);
        bad.check(k === 0 ? top >= 0.99 : top <= 0.95, () => `${seed} side ${k}: p_* = ${top}`);
      });
      bad.check((exp[1] as number) > (exp[0] as number), () => `${seed}: scaling did not help`);
      bad.check(checkAnswer(exp.map((v) => plainNum(v, 4)).join(", "), inst.answer, exp, inst.mistakes).kind === "correct", () => `${seed}: 4 digits not accepted`);
    }
    bad.none();
  });

  it("never exceeds the softmax derivative's bound 1/4", () => {
    for (const seed of SEEDS) for (const v of softmaxScaling.generate(seed, { difficulty: 2 }).expected as number[]) expect(v).toBeLessThanOrEqual(0.25);
  });
});
