import { clipByGlobalNorm } from "@/lib/engine/closed-forms";
import type { Rng } from "@/lib/engine/rng";
import { roundedUniform } from "../../kit/draw";
import { REL_TOL, resolveMistakes } from "../../kit/mistakes";
import { texList } from "../../kit/tex";
import type { MistakeOf, Solved } from "../../define";
import type { AnswerSpec, ExerciseParams } from "../../types";

/**
 * Clipping by global norm across a model's gradient tensors:
 *   \lVert g\rVert = \sqrt{\textstyle\sum_t \lVert g_t\rVert^2},\qquad
 *   g_t \leftarrow g_t \cdot \min\!\Big(1, \frac{c}{\lVert g\rVert}\Big),
 * one factor shared by every tensor. The answer is the clipped bias gradient
 * ∂C/∂b; clipping each tensor by its own norm is the mistake this targets.
 */

/** Thresholds; 1 is left out so "normalised to unit length" never equals the answer. */
const THRESHOLDS = [0.5, 1.5, 2, 2.5, 3, 4, 5] as const;
const MIN_EXCESS = 1.05;

export interface Params extends ExerciseParams {
  difficulty: 1 | 2 | 3;
}

/** A named gradient tensor: a vector, or a matrix given by rows. */
export type Tensor = { name: string; kind: "vector"; v: number[] } | { name: string; kind: "matrix"; m: number[][] };

export interface Drawn {
  tensors: Tensor[];
  /** Index of the bias tensor asked for. */
  ask: number;
  c: number;
}

export interface Solution extends Solved {
  expected: number[];
  /** ‖g_t‖² per tensor, their sum, the global norm and the common factor. */
  sq: number[];
  total: number;
  norm: number;
  scale: number;
}

export type MistakeId = "per-tensor" | "sum-of-norms" | "squared-norm" | "unit-vector" | "no-clipping";

const entries = (t: Tensor): number[] => (t.kind === "vector" ? t.v : t.m.flat());
export const bias = (d: Drawn): number[] => entries(d.tensors[d.ask] as Tensor);

export function draw(rng: Rng, p: Params): Drawn | null {
  const x = () => roundedUniform(rng, -4, 4, 1, 0.1);
  const vec = (n: number) => Array.from({ length: n }, x);
  const mat = (r: number, c: number) => Array.from({ length: r }, () => vec(c));
  const tensors: Tensor[] =
    p.difficulty === 1
      ? [
          { name: "w", kind: "vector", v: vec(3) },
          { name: "b", kind: "vector", v: vec(2) },
        ]
      : p.difficulty === 2
        ? [
            { name: "W", kind: "matrix", m: mat(2, 2) },
            { name: "b", kind: "vector", v: vec(2) },
          ]
        : [
            { name: "W_1", kind: "matrix", m: mat(2, 2) },
            { name: "b_1", kind: "vector", v: vec(2) },
            { name: "w_2", kind: "vector", v: vec(3) },
          ];
  const norm = Math.sqrt(tensors.flatMap(entries).reduce((s, v) => s + v * v, 0));
  const ok = THRESHOLDS.filter((c) => norm >= MIN_EXCESS * c);
  if (ok.length === 0) return null;
  return { tensors, ask: 1, c: rng.pick(ok) };
}

export function solve(d: Drawn): Solution | null {
  const sq = d.tensors.map((t) => entries(t).reduce((s, v) => s + v * v, 0));
  const total = sq.reduce((s, v) => s + v, 0);
  const { clipped, globalNorm, scale } = clipByGlobalNorm(
    d.tensors.map((t) => (t.kind === "vector" ? t.v : t.m)),
    d.c,
  );
  const expected = (clipped[d.ask] as number[]).slice();
  return { answer: { kind: "vector", length: expected.length, tolerance: { rel: REL_TOL } }, expected, expectedTex: texList(expected, 4), sq, total, norm: globalNorm, scale };
}

export function mistakes(d: Drawn, s: Solution): MistakeOf<MistakeId>[] | null {
  const b = bias(d);
  const own = Math.sqrt(s.sq[d.ask] as number);
  const sumOfNorms = s.sq.reduce((acc, v) => acc + Math.sqrt(v), 0);
  const spec: AnswerSpec = { kind: "vector", length: b.length, tolerance: { rel: REL_TOL } };
  return resolveMistakes(
    s.expected,
    [
      { id: "per-tensor" as const, value: b.map((v) => v * Math.min(1, d.c / own)) },
      { id: "sum-of-norms" as const, value: b.map((v) => v * Math.min(1, d.c / sumOfNorms)) },
      { id: "squared-norm" as const, value: b.map((v) => v * Math.min(1, d.c / s.total)) },
      { id: "unit-vector" as const, value: b.map((v) => v / s.norm), optional: true },
      { id: "no-clipping" as const, value: b.slice(), optional: true },
    ],
    spec,
    true,
  );
}
