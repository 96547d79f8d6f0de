import { leakyHeVariance } from "@/lib/engine/closed-forms";
import type { Rng } from "@/lib/engine/rng";
import { REL_TOL, resolveAllMistakes } from "../../kit/mistakes";
import { texNum } from "../../kit/tex";
import type { MistakeOf, Solved } from "../../define";
import type { ExerciseParams } from "../../types";

/**
 * He initialisation for leaky ReLU with slope α:
 *   \operatorname{Var}(w) = \frac{2}{(1+\alpha^2)\,n_\text{in}},
 * with n_in the fan-in. Difficulty 1: a dense layer; 2: a convolution
 * (n_in = k_h k_w C_in); 3: a convolution, asking for the standard deviation.
 */

const SLOPES = [0.2, 0.25, 0.3, 0.5] as const;
const WIDTHS = [64, 100, 128, 200, 256, 300, 512] as const;
const CHANNELS = [16, 32, 48, 64, 96, 128] as const;
const KERNELS = [3, 5] as const;

export interface Params extends ExerciseParams {
  difficulty: 1 | 2 | 3;
}

export type Drawn =
  | { layer: "dense"; alpha: number; nIn: number; nOut: number }
  | { layer: "conv"; alpha: number; k: number; cIn: number; cOut: number; askStd: boolean };

export interface Solution extends Solved {
  expected: number;
  fanIn: number;
  fanOut: number;
  variance: number;
  std: number;
  askStd: boolean;
}

export type MistakeId = "plain-he" | "alpha-not-squared" | "no-factor-2" | "fan-out" | "channels-only" | "variance-vs-std";

export function draw(rng: Rng, p: Params): Drawn {
  const alpha = rng.pick(SLOPES);
  if (p.difficulty === 1) return { layer: "dense", alpha, nIn: rng.pick(WIDTHS), nOut: rng.pick(WIDTHS) };
  return { layer: "conv", alpha, k: rng.pick(KERNELS), cIn: rng.pick(CHANNELS), cOut: rng.pick(CHANNELS), askStd: p.difficulty === 3 };
}

const answerOf = (variance: number, askStd: boolean): number => (askStd ? Math.sqrt(variance) : variance);

export function solve(d: Drawn): Solution | null {
  const fanIn = d.layer === "dense" ? d.nIn : d.k * d.k * d.cIn;
  const fanOut = d.layer === "dense" ? d.nOut : d.k * d.k * d.cOut;
  // Equal fans would make the fan-out mistake the answer.
  if (fanIn === fanOut) return null;
  const variance = leakyHeVariance(fanIn, d.alpha);
  const askStd = d.layer === "conv" && d.askStd;
  const expected = answerOf(variance, askStd);
  return { answer: { kind: "number", tolerance: { rel: REL_TOL } }, expected, expectedTex: texNum(expected, 4), fanIn, fanOut, variance, std: Math.sqrt(variance), askStd };
}

export function mistakes(d: Drawn, s: Solution): MistakeOf<MistakeId>[] | null {
  const a = d.alpha;
  const as = (v: number) => answerOf(v, s.askStd);
  const cands: MistakeOf<MistakeId>[] = [
    { id: "plain-he", value: as(2 / s.fanIn) },
    { id: "alpha-not-squared", value: as(2 / ((1 + a) * s.fanIn)) },
    { id: "no-factor-2", value: as(1 / ((1 + a * a) * s.fanIn)) },
    { id: "fan-out", value: as(2 / ((1 + a * a) * s.fanOut)) },
    ...(d.layer === "conv" ? [{ id: "channels-only" as const, value: as(2 / ((1 + a * a) * d.cIn)) }] : []),
    { id: "variance-vs-std", value: s.askStd ? s.variance : s.std, optional: true },
  ];
  return resolveAllMistakes(s.expected, cands);
}
