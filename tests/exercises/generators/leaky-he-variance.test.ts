import { describe, it } from "vitest";
import { checkAnswer } from "@/lib/answer";
import { leakyHeVarianceExercise } from "@/lib/exercises/generators/leaky-he-variance";
import { plainNum } from "@/lib/exercises/kit/tex";
import type { ExerciseParams } from "@/lib/exercises/types";
import { problems } from "../support";

const SEEDS = Array.from({ length: 150 }, (_, i) => i * 7919 + 47);
const COMBOS: ExerciseParams[] = [1, 2, 3].map((difficulty) => ({ difficulty }));

/** E[f(z)²] / E[z²] for z ~ N(0, 1) and leaky ReLU f, by the trapezoid rule on [−12, 12]: no closed form used. */
function leakyGain(alpha: number): number {
  const h = 1e-3;
  let num = 0;
  let den = 0;
  for (let z = -12; z <= 12; z += h) {
    const w = Math.exp(-z * z / 2);
    const f = z > 0 ? z : alpha * z;
    num += f * f * w;
    den += z * z * w;
  }
  return num / den;
}

function readPrompt(prompt: string) {
  const num = (name: string) => {
    const m = new RegExp(String.raw`${name} = (\d+(?:\.\d+)?)`).exec(prompt);
    return m ? Number(m[1]) : null;
  };
  return { nIn: num("n_\\{\\\\text\\{in\\}\\}"), k: num("k_h = k_w"), cIn: num("C_\\{\\\\text\\{in\\}\\}"), alpha: num("\\\\alpha") };
}

describe("leaky-he-variance", () => {
  it.each(COMBOS)("keeps the forward second moment by quadrature of the leaky ReLU's gain (%o)", (p) => {
    const bad = problems();
    for (const seed of SEEDS) {
      const inst = leakyHeVarianceExercise.generate(seed, p);
      const r = readPrompt(inst.prompt);
      const fanIn = p.difficulty === 1 ? r.nIn : (r.k ?? NaN) * (r.k ?? NaN) * (r.cIn ?? NaN);
      const variance = 1 / ((fanIn ?? NaN) * leakyGain(r.alpha ?? NaN));
      const want = p.difficulty === 3 ? Math.sqrt(variance) : variance;
      const got = inst.expected as number;
      bad.check(Math.abs(got - want) <= 1e-6 * want, () => `${seed}: ${got} vs quadrature ${want}`);
      bad.check(checkAnswer(plainNum(got, 4), inst.answer, got, inst.mistakes).kind === "correct", () => `${seed}: 4 digits not accepted`);
    }
    bad.none();
  });
});
