import { reluPrime } from "@/lib/engine/activations";
import type { Rng } from "@/lib/engine/rng";
import { indicesWhere, texIndexSet } from "../../kit/choices";
import { drawMatrix, drawVector, round, roundedUniform } from "../../kit/draw";
import { REL_TOL, resolveMistakes } from "../../kit/mistakes";
import type { MistakeOf, Solved } from "../../define";
import type { AnswerSpec, ExerciseParams } from "../../types";

/**
 * Inactive ReLU units of one layer h = relu(z), z = W x + b, for ONE given input x.
 * "Inactive for this input" is not "dead": a dead unit has z_i ≤ 0 for every
 * input, so it never learns again; one input only shows which units are off now.
 * The text says inactive and teaches the difference (the mode keeps its old name).
 *
 *   \operatorname{relu}'(z) = \begin{cases} 1 & z > 0 \\ 0 & z \le 0 \end{cases}
 * (the engine's convention at the kink), and by the chain rule through z_i = Σ_j W_ij x_j + b_i,
 *   \frac{\partial C}{\partial W_{ij}} = \frac{\partial C}{\partial h_i}\,\operatorname{relu}'(z_i)\,x_j,
 * so a unit with z_i ≤ 0 outputs 0 AND zeroes its whole row of d weight gradients
 * (and its bias gradient): for this input it does not learn at all.
 *
 * mode "dead": which units are inactive (output 0) for x (a set of 1-based indices).
 * mode "zero-grads": how many of the n·d entries of ∂C/∂W are exactly 0 — with
 * every ∂C/∂h_i ≠ 0 and every x_j ≠ 0 that is (#inactive)·d.
 */

export const MODES = ["dead", "zero-grads"] as const;
export type Mode = (typeof MODES)[number];

/** (units n, input dimension d) by difficulty. */
const SIZES: Record<1 | 2 | 3, { n: number; d: number }> = {
  1: { n: 3, d: 2 },
  2: { n: 4, d: 3 },
  3: { n: 6, d: 3 },
};

/** No z_i closer to 0 than this, so which side of the kink a unit is on is never a rounding question. */
const Z_MARGIN = 0.05;

export interface Params extends ExerciseParams {
  difficulty: 1 | 2 | 3;
  mode: Mode;
}

export interface Drawn {
  mode: Mode;
  W: number[][];
  b: number[];
  x: number[];
  /** ∂C/∂h, every entry nonzero (mode zero-grads only; empty otherwise). */
  g: number[];
}

interface Common {
  /** Units. */
  n: number;
  /** Input dimension. */
  dim: number;
  /** W x, rounded to 2 decimals (exact for products of 1-decimal numbers). */
  wx: number[];
  /** z = W x + b, rounded to 2 decimals. */
  z: number[];
  /** 1-based indices of the units inactive for this input (z_i ≤ 0). */
  dead: number[];
  /** 1-based indices of the active units. */
  alive: number[];
}

/** Mode dead: the set of inactive units. */
export interface SetSolution extends Solved, Common {
  mode: "dead";
  expected: number[];
}

/** Mode zero-grads: how many entries of ∂C/∂W are zero. */
export interface CountSolution extends Solved, Common {
  mode: "zero-grads";
  expected: number;
}

export type Solution = SetSolution | CountSolution;

export type MistakeId = "listed-active" | "bias-only" | "forgot-bias" | "dead-count-only" | "counted-nonzero";

/** A set of unit indices, or an integer count (0.5 % cannot confuse two counts up to n·d = 18). */
function answerSpec(mode: Mode, n: number): AnswerSpec {
  return mode === "dead" ? { kind: "set", max: n } : { kind: "number", tolerance: { rel: REL_TOL } };
}


export function draw(rng: Rng, p: Params): Drawn {
  const { n, d } = SIZES[p.difficulty];
  const e = () => roundedUniform(rng, -2, 2, 1, 0.1);
  const W = drawMatrix(n, d, e);
  // Nonzero biases, so "looked at the bias only" always means something.
  const b = drawVector(n, () => roundedUniform(rng, -1.5, 1.5, 1, 0.1));
  // No x_j = 0: a zero input would zero a whole column of ∂C/∂W even for live units.
  const x = drawVector(d, e);
  const g = p.mode === "zero-grads" ? drawVector(n, () => roundedUniform(rng, -1.5, 1.5, 1, 0.1)) : [];
  return { mode: p.mode, W, b, x, g };
}

export function solve(d: Drawn): Solution | null {
  const { W, b, x } = d;
  const n = W.length;
  const dim = x.length;
  // Products of 1-decimal numbers are exact to 2 decimals; rounding removes the float noise.
  const wx = W.map((row) => round(row.reduce((s, w, j) => s + w * (x[j] as number), 0), 2));
  const z = wx.map((v, i) => round(v + (b[i] as number), 2));
  if (z.some((v) => Math.abs(v) < Z_MARGIN)) return null;
  const dead = indicesWhere(n, (i) => reluPrime(z[i] as number) === 0);
  if (dead.length === 0 || dead.length === n) return null;
  const alive = indicesWhere(n, (i) => reluPrime(z[i] as number) === 1);
  const common: Common = { n, dim, wx, z, dead, alive };
  if (d.mode === "dead") {
    return { ...common, mode: "dead", answer: answerSpec("dead", n), expected: dead, expectedTex: texIndexSet(dead) };
  }
  const expected = dead.length * dim;
  return { ...common, mode: "zero-grads", answer: answerSpec("zero-grads", n), expected, expectedTex: String(expected) };
}

export function mistakes(d: Drawn, s: Solution): MistakeOf<MistakeId>[] | null {
  const negBias = indicesWhere(s.n, (i) => (d.b[i] as number) < 0);
  const noBias = indicesWhere(s.n, (i) => (s.wx[i] as number) <= 0);
  const cands: MistakeOf<MistakeId>[] =
    s.mode === "dead"
      ? [
          { id: "listed-active", value: s.alive },
          { id: "bias-only", value: negBias, optional: true },
          { id: "forgot-bias", value: noBias, optional: true },
        ]
      : [
          { id: "dead-count-only", value: s.dead.length },
          { id: "counted-nonzero", value: s.alive.length * s.dim, optional: true },
          { id: "forgot-bias", value: noBias.length * s.dim, optional: true },
        ];
  return resolveMistakes(s.expected, cands, s.answer);
}
