import { heVariance, xavierVariance } from "@/lib/engine/closed-forms";
import type { Rng } from "@/lib/engine/rng";
import { REL_TOL, resolveMistakes } from "../../kit/mistakes";
import { texNum } from "../../kit/tex";
import type { MistakeOf, Solved } from "../../define";
import type { AnswerSpec, ExerciseParams } from "../../types";

/**
 * Weight-initialisation variances. For z = \sum_{j=1}^{n_in} w_j a_j with
 * independent zero-mean weights,
 *   \operatorname{Var}(z) = n_\text{in}\,\operatorname{Var}(w)\,\mathbb E[a^2].
 * - Xavier/Glorot (tanh-like units, linear near 0): keep the forward variance
 *   (n_in Var(w) = 1) and the backward one (n_out Var(w) = 1) as close as
 *   possible: \operatorname{Var}(w) = \frac{2}{n_\text{in} + n_\text{out}}.
 * - He/Kaiming (ReLU): \mathbb E[\operatorname{relu}(z)^2] = \tfrac12 \operatorname{Var}(z), so the forward
 *   variance halves each layer unless \operatorname{Var}(w) = \frac{2}{n_\text{in}}.
 * For a convolution, n_in = C_in k² and n_out = C_out k² (every output sums over
 * a k×k window of every input channel).
 */

export const MODES = ["xavier", "he", "which"] as const;
export type Mode = (typeof MODES)[number];

const NICE_WIDTHS = [64, 100, 128, 200, 256, 300, 400, 500, 512, 784, 1000, 1024] as const;
const CHANNELS = [3, 16, 32, 48, 64, 96, 128, 256] as const;

/** How answers are compared: a number within 0.5 %. */
const NUMBER_SPEC: AnswerSpec = { kind: "number", tolerance: { rel: REL_TOL } };

/** The option letters of the "which" mode (their texts are words: en.ts / zh.ts). */
export const OPTIONS = ["A", "B", "C"] as const;
export type Letter = (typeof OPTIONS)[number];

export type WhichActivation = "relu" | "leaky_relu" | "tanh";

export type LayerDraw =
  | { mode: "xavier" | "he"; layer: "dense"; nIn: number; nOut: number }
  | { mode: "xavier" | "he"; layer: "conv"; cIn: number; cOut: number; k: number };
export type WhichDraw = { mode: "which"; activation: WhichActivation; width: number; depth: number };
export type Drawn = LayerDraw | WhichDraw;

export interface Params extends ExerciseParams {
  difficulty: 1 | 2 | 3;
  mode: Mode;
}

/** Modes xavier and he: a number, the variance. */
export interface LayerSolution extends Solved {
  mode: "xavier" | "he";
  draw: LayerDraw;
  expected: number;
  nIn: number;
  nOut: number;
}

/** Mode which: a letter. */
export interface WhichSolution extends Solved {
  mode: "which";
  draw: WhichDraw;
  expected: Letter;
  /** ReLU-like (answer B, He) rather than tanh (answer A, Xavier). */
  relu: boolean;
  /** Difficulty 3 names the activation by its formula, not by name. */
  byFormula: boolean;
}

export type Solution = LayerSolution | WhichSolution;

export type MistakeId =
  | "lecun"
  | "he-instead"
  | "missing-two"
  | "std-not-variance"
  | "xavier-instead"
  | "fan-out"
  | "forgot-kernel"
  | "xavier-for-relu"
  | "standard-normal"
  | "he-for-tanh";

/**
 * Which mode asks for the variance that keeps the backward gain per layer
 *   \chi = n\,\operatorname{Var}(w)\,\mathbb E[f'(z)^2]
 * at (or tending to) 1, so that gradients neither vanish nor explode
 * geometrically with depth. That criterion has one answer among A–C for
 * ReLU-like units (He: χ = 1 exactly) and for tanh (Xavier: Var(z) drifts to 0,
 * where tanh' → 1, so χ → 1 from below). The sigmoid is not drawn: its slope is
 * at most 1/4, so E[f'^2] ≤ 1/16 and none of the three options gives χ ≈ 1.
 * tanh appears twice in the later lists so that A and B are equally likely.
 */
const WHICH_BY_DIFFICULTY: readonly (readonly WhichActivation[])[] = [
  ["relu", "tanh"],
  ["relu", "leaky_relu", "tanh", "tanh"],
  ["relu", "leaky_relu", "tanh", "tanh"],
];

/**
 * He init on tanh units, in the wide-layer (mean-field) limit: the forward
 * variance settles at the fixed point of q = 2\,\mathbb E[\tanh^2(\sqrt q\,\xi)],
 * ξ ~ N(0, 1), q* ≈ 0.618, where the backward gain is
 * χ = 2\,\mathbb E[\tanh'(\sqrt{q^*}\,\xi)^2] ≈ 1.106 (checked by quadrature
 * and by a Monte-Carlo net in the tests).
 */
export const HE_TANH_SETTLED_VAR = 0.618;
export const HE_TANH_CHI = 1.106;

/**
 * tanh with N(0, 1) weights: Var(z) ≈ n, almost every unit is saturated, and
 * E[\tanh'(z)^2] ≈ \tfrac{\int \operatorname{sech}^4}{\sqrt{2\pi n}} = \tfrac{4/3}{\sqrt{2\pi n}},
 * so χ ≈ n · that = \tfrac43\sqrt{n/(2\pi)} (≈ 17 at n = 1024): gradients explode.
 */
export function standardNormalTanhChi(n: number): number {
  return (4 / 3) * Math.sqrt(n / (2 * Math.PI));
}


/** Fan-in and fan-out of a layer; a convolution's include the kernel area. */
export function fans(d: LayerDraw): { nIn: number; nOut: number } {
  return d.layer === "dense" ? { nIn: d.nIn, nOut: d.nOut } : { nIn: d.cIn * d.k * d.k, nOut: d.cOut * d.k * d.k };
}

function drawLayer(rng: Rng, mode: "xavier" | "he", difficulty: 1 | 2 | 3): LayerDraw | null {
  if (difficulty === 3) {
    const k = rng.pick([3, 5] as const);
    const cIn = rng.pick(CHANNELS);
    const cOut = rng.pick(CHANNELS);
    return cIn === cOut ? null : { mode, layer: "conv", cIn, cOut, k };
  }
  const nIn = difficulty === 1 ? rng.pick(NICE_WIDTHS) : rng.int(20, 1200);
  const nOut = difficulty === 1 ? rng.pick(NICE_WIDTHS) : rng.int(10, 1200);
  // Equal fans make Xavier's 2/(n_in + n_out) equal to 1/n_in: two mistakes would be the answer.
  return nIn === nOut ? null : { mode, layer: "dense", nIn, nOut };
}

function drawWhich(rng: Rng, difficulty: 1 | 2 | 3): WhichDraw {
  const activation = rng.pick(WHICH_BY_DIFFICULTY[difficulty - 1] as readonly WhichActivation[]);
  const width = rng.pick([128, 256, 512, 1024] as const);
  const depth = rng.pick([10, 20, 30, 50] as const);
  return { mode: "which", activation, width, depth };
}

export function draw(rng: Rng, p: Params): Drawn | null {
  return p.mode === "which" ? drawWhich(rng, p.difficulty) : drawLayer(rng, p.mode, p.difficulty);
}

export function solve(d: Drawn, p: Params): Solution {
  if (d.mode === "which") {
    const relu = d.activation === "relu" || d.activation === "leaky_relu";
    const expected: Letter = relu ? "B" : "A";
    return {
      mode: "which",
      draw: d,
      answer: { kind: "choice", options: OPTIONS.slice() },
      expected,
      expectedTex: `\\text{${expected}}`,
      relu,
      byFormula: p.difficulty === 3,
    };
  }
  const { nIn, nOut } = fans(d);
  const expected = d.mode === "xavier" ? xavierVariance(nIn, nOut) : heVariance(nIn);
  return { mode: d.mode, draw: d, answer: { kind: "number", tolerance: { rel: REL_TOL } }, expected, expectedTex: texNum(expected, 4), nIn, nOut };
}

export function mistakes(_d: Drawn, s: Solution): MistakeOf<MistakeId>[] | null {
  if (s.mode === "which") {
    return s.relu
      ? [
          { id: "xavier-for-relu", value: "A" },
          { id: "standard-normal", value: "C" },
        ]
      : [
          { id: "he-for-tanh", value: "B" },
          { id: "standard-normal", value: "C" },
        ];
  }
  const { nIn, nOut, draw: layer } = s;
  const cands: MistakeOf<MistakeId>[] =
    s.mode === "xavier"
      ? [
          { id: "lecun", value: 1 / nIn },
          { id: "he-instead", value: heVariance(nIn) },
          { id: "missing-two", value: 1 / (nIn + nOut) },
          { id: "std-not-variance", value: Math.sqrt(s.expected) },
        ]
      : [
          { id: "lecun", value: 1 / nIn },
          { id: "xavier-instead", value: xavierVariance(nIn, nOut) },
          { id: "std-not-variance", value: Math.sqrt(s.expected) },
          { id: "fan-out", value: 2 / nOut, optional: true },
        ];
  if (layer.layer === "conv") {
    cands.push({ id: "forgot-kernel", value: s.mode === "xavier" ? 2 / (layer.cIn + layer.cOut) : 2 / layer.cIn, optional: true });
  }
  return resolveMistakes(s.expected, cands, NUMBER_SPEC, true);
}

/** The solution of a layer mode, for the explanations of mistakes only those modes have. */
export function layerOf(s: Solution): LayerSolution {
  if (s.mode === "which") throw new Error("init-variance: a layer mistake explained for mode which");
  return s;
}

/** The solution of mode which, for the explanations of mistakes only that mode has. */
export function whichOf(s: Solution): WhichSolution {
  if (s.mode !== "which") throw new Error(`init-variance: a "which" mistake explained for mode ${s.mode}`);
  return s;
}
