import { describe, expect, it } from "vitest";
import { checkAnswer } from "@/lib/answer";
import { fp16LossScaling } from "@/lib/exercises/generators/fp16-loss-scaling";
import { plainNum } from "@/lib/exercises/kit/tex";
import type { ExerciseParams } from "@/lib/exercises/types";
import { problems } from "../support";

const SEEDS = Array.from({ length: 150 }, (_, i) => i * 7919 + 43);
const COMBOS: ExerciseParams[] = [1, 2, 3].map((difficulty) => ({ difficulty }));

function readPrompt(prompt: string): { g: number; S: number } {
  const gm = /g = (\d(?:\.\d+)?) \\times 10\^\{(-\d+)\}/.exec(prompt);
  const sm = /S = 2\^\{(\d+)\} = (\d+)/.exec(prompt);
  if (!gm || !sm) throw new Error(`cannot read g and S from:\n${prompt}`);
  expect(2 ** Number(sm[1])).toBe(Number(sm[2]));
  return { g: Number(gm[1]) * 10 ** Number(gm[2]), S: Number(sm[2]) };
}

/**
 * A second description of fp16: a value is representable when it is k·2^-24
 * with k < 1024 (subnormal) or m·2^(E−10) with 1024 ≤ m < 2048 and
 * −14 ≤ E ≤ 15 (normal); the rounding error is then at most half the gap to
 * the next value, which is 2^-24 below 2^-14 and 2^(E−10) in [2^E, 2^(E+1)).
 */
function representable(x: number): boolean {
  if (x === 0) return true;
  const k = x * 2 ** 24;
  if (k < 1024) return Number.isInteger(k);
  for (let E = -14; E <= 15; E++) {
    const m = x / 2 ** (E - 10);
    if (m >= 1024 && m < 2048) return Number.isInteger(m);
  }
  return false;
}
function halfGap(x: number): number {
  for (let E = 15; E >= -14; E--) if (x >= 2 ** E) return 2 ** (E - 10) / 2;
  return 2 ** -25;
}

describe("fp16-loss-scaling", () => {
  it.each(COMBOS)("stores fp16 values within half a gap of g and Sg, and the scale helps (%o)", (p) => {
    const bad = problems();
    for (const seed of SEEDS) {
      const inst = fp16LossScaling.generate(seed, p);
      const { g, S } = readPrompt(inst.prompt);
      const [plain, back] = inst.expected as [number, number];
      const stored = back * S;
      bad.check(representable(plain) && representable(stored), () => `${seed}: ${plain}, ${stored} are not fp16 values`);
      bad.check(Math.abs(plain - g) <= halfGap(g) && Math.abs(stored - g * S) <= halfGap(g * S), () => `${seed}: not the nearest`);
      bad.check(Math.abs(back - g) < Math.abs(plain - g), () => `${seed}: scaling did not help`);
      if (p.difficulty === 1) bad.check(plain === 0 && g * S >= 2 ** -14, () => `${seed}: g not flushed, or Sg not normal`);
      if (p.difficulty === 2) bad.check(plain > 0 && g * S >= 2 ** -14, () => `${seed}: g flushed, or Sg not normal`);
      if (p.difficulty === 3) bad.check(g * S < 2 ** -14 && Math.abs(back - g) >= 0.02 * g, () => `${seed}: Sg not a coarse subnormal`);
      bad.check(checkAnswer([plain, back].map((v) => plainNum(v, 4)).join(", "), inst.answer, inst.expected, inst.mistakes).kind === "correct", () => `${seed}: 4 digits not accepted`);
    }
    bad.none();
  });
});
