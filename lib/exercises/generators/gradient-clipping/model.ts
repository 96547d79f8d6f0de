import { clipByGlobalNorm } from "@/lib/engine/closed-forms";
import type { Rng } from "@/lib/engine/rng";
import { roundedUniform } from "../../kit/draw";
import { REL_TOL, resolveMistakes } from "../../kit/mistakes";
import { texList } from "../../kit/tex";
import type { MistakeOf, Solved } from "../../define";
import type { AnswerSpec, ExerciseParams } from "../../types";

/**
 * Clipping by (global) norm:
 *   \lVert g\rVert = \sqrt{\textstyle\sum_i g_i^2},\qquad
 *   g \leftarrow g \cdot \min\!\Big(1, \frac{c}{\lVert g\rVert}\Big)
 * — one common factor for every entry, so the update direction is kept and the
 * clipped gradient has norm exactly c. Clipping each entry to [−c, c] instead
 * ("clipping by value") bends the direction.
 */

/** Length of g by difficulty. */
const SIZES = [3, 4, 6] as const;

/**
 * Thresholds to pick from. 1 is left out on purpose: with c = 1 the
 * "normalised to unit length" mistake gives exactly the right answer.
 */
const THRESHOLDS = [0.5, 1.5, 2, 2.5, 3, 4, 5] as const;

/** ‖g‖ must exceed c by at least this factor, so "clip or not" is never a rounding question. */
const MIN_EXCESS = 1.05;

export interface Params extends ExerciseParams {
  difficulty: 1 | 2 | 3;
}

export interface Drawn {
  g: number[];
  c: number;
}

export interface Solution extends Solved {
  expected: number[];
  /** Length of g. */
  n: number;
  /** ‖g‖². */
  sq: number;
  /** ‖g‖. */
  gNorm: number;
  /** c/‖g‖, the common factor. */
  scale: number;
  /** Difficulty 1 states the clipping rule in the prompt. */
  showRule: boolean;
}

export type MistakeId = "clip-by-value" | "unit-vector" | "squared-norm" | "no-clipping" | "inverted-ratio" | "divided-by-c";


export function draw(rng: Rng, p: Params): Drawn | null {
  const n = SIZES[p.difficulty - 1] as number;
  const g = Array.from({ length: n }, () => roundedUniform(rng, -4, 4, 1, 0.1));
  const gNorm = Math.sqrt(g.reduce((s, v) => s + v * v, 0));
  // Only thresholds the gradient clearly exceeds: this exercise is about the case where clipping acts.
  const usable = THRESHOLDS.filter((c) => gNorm >= MIN_EXCESS * c);
  if (usable.length === 0) return null;
  return { g, c: rng.pick(usable) };
}

export function solve(d: Drawn, p: Params): Solution | null {
  const { g, c } = d;
  // Value clipping must change something, otherwise it coincides with "no clipping".
  if (!g.some((v) => Math.abs(v) > MIN_EXCESS * c)) return null;
  const { clipped, scale } = clipByGlobalNorm([g], c);
  const expected = clipped[0] as number[];
  if (expected.some((v) => Math.abs(v) < 0.01)) return null;
  if (!(scale < 1)) return null;
  const sq = g.reduce((s, v) => s + v * v, 0);
  const gNorm = Math.sqrt(sq);
  return {
    answer: { kind: "vector", length: g.length, tolerance: { rel: REL_TOL } },
    expected,
    expectedTex: texList(expected, 4),
    n: g.length,
    sq,
    gNorm,
    scale: c / gNorm,
    showRule: p.difficulty === 1,
  };
}

export function mistakes(d: Drawn, s: Solution): MistakeOf<MistakeId>[] | null {
  const { g, c } = d;
  const { sq, gNorm, expected } = s;
  const cands: (MistakeOf<MistakeId> & { optional?: boolean })[] = [
    { id: "clip-by-value", value: g.map((v) => Math.max(-c, Math.min(c, v))) },
    { id: "unit-vector", value: g.map((v) => v / gNorm) },
    { id: "squared-norm", value: g.map((v) => (v * c) / sq) },
    { id: "no-clipping", value: g.slice() },
    { id: "inverted-ratio", value: g.map((v) => (v * gNorm) / c), optional: true },
    { id: "divided-by-c", value: g.map((v) => v / c), optional: true },
  ];
  const spec: AnswerSpec = { kind: "vector", length: expected.length, tolerance: { rel: REL_TOL } };
  return resolveMistakes(expected, cands, spec, true);
}
