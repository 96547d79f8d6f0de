import { softmax } from "@/lib/engine/losses";
import type { Rng } from "@/lib/engine/rng";
import { drawVector, round } from "../../kit/draw";
import { REL_TOL, resolveMistakes } from "../../kit/mistakes";
import { texList } from "../../kit/tex";
import type { MistakeOf, Solved } from "../../define";
import type { AnswerSpec, ExerciseParams } from "../../types";

/**
 * Softmax saturation in attention. Raw scores s_j = q·k_j grow like √d_k, so
 * softmax(s) puts almost all weight p_* on the top key and the derivative of
 * that weight with respect to its own input,
 *   \frac{\partial p_*}{\partial z_*} = p_*\,(1 - p_*),
 * vanishes; softmax(s/√d_k) keeps it of order 1/4. The answer is that
 * derivative for z = s and for z = s/√d_k. 1 − p_* is computed as the sum of
 * the other weights, never by subtracting from 1 (no cancellation near p_* = 1).
 */

const DIMS = [16, 64, 256] as const;
const KEYS = [3, 4, 5] as const;

export interface Params extends ExerciseParams {
  difficulty: 1 | 2 | 3;
}

export interface Drawn {
  dk: number;
  s: number[];
}

export interface Side {
  /** Softmax input: s or s/√d_k. */
  z: number[];
  p: number[];
  /** p_* and 1 − p_* (the sum of the other weights). */
  top: number;
  rest: number;
  deriv: number;
}

export interface Solution extends Solved {
  expected: number[];
  /** Index of the largest score. */
  star: number;
  sqrtDk: number;
  unscaled: Side;
  scaled: Side;
  /** Difficulty 1 shows the derivative's formula in the prompt. */
  showFormula: boolean;
}

export type MistakeId = "weights-not-derivatives" | "divided-by-dk" | "forgot-factor-p";

function side(z: number[], star: number): Side {
  const p = softmax(z);
  const top = p[star] as number;
  const rest = p.reduce((acc, v, j) => (j === star ? acc : acc + v), 0);
  return { z, p, top, rest, deriv: top * rest };
}

export function draw(rng: Rng, p: Params): Drawn {
  const dk = DIMS[p.difficulty - 1] as number;
  const r = Math.sqrt(dk);
  // Scores of a query and keys with unit-variance entries: standard deviation about √d_k.
  return { dk, s: drawVector(KEYS[p.difficulty - 1] as number, () => round(r * rng.uniform(-2.2, 2.2), 1) + 0) };
}

export function solve(d: Drawn, p: Params): Solution | null {
  const sqrtDk = Math.sqrt(d.dk);
  const max = Math.max(...d.s);
  const star = d.s.indexOf(max);
  // A unique top score, clearly ahead after scaling too.
  if (d.s.some((v, j) => j !== star && max - v < 0.1 * sqrtDk)) return null;
  const unscaled = side(d.s.slice(), star);
  const scaled = side(
    d.s.map((v) => v / sqrtDk),
    star,
  );
  // Saturated without the scaling, not with it; derivatives a learner can still type.
  if (!(unscaled.top >= 0.99 && scaled.top <= 0.95 && unscaled.deriv >= 1e-9)) return null;
  const expected = [unscaled.deriv, scaled.deriv];
  return {
    answer: { kind: "vector", length: 2, tolerance: { rel: REL_TOL } },
    expected,
    expectedTex: texList(expected, 4),
    star,
    sqrtDk,
    unscaled,
    scaled,
    showFormula: p.difficulty === 1,
  };
}

export function mistakes(d: Drawn, s: Solution): MistakeOf<MistakeId>[] | null {
  const byDk = side(
    d.s.map((v) => v / d.dk),
    s.star,
  );
  const spec: AnswerSpec = { kind: "vector", length: 2, tolerance: { rel: REL_TOL } };
  return resolveMistakes(
    s.expected,
    [
      { id: "weights-not-derivatives" as const, value: [s.unscaled.top, s.scaled.top] },
      { id: "divided-by-dk" as const, value: [s.unscaled.deriv, byDk.deriv] },
      { id: "forgot-factor-p" as const, value: [s.unscaled.rest, s.scaled.rest], optional: true },
    ],
    spec,
    true,
  );
}
