import { gradientCheckError } from "@/lib/engine/gradcheck";
import type { Rng } from "@/lib/engine/rng";
import { REL_TOL, resolveAllMistakes } from "../../kit/mistakes";
import { texNum } from "../../kit/tex";
import type { MistakeOf, Solved } from "../../define";
import type { ExerciseParams } from "../../types";

/**
 * A gradient check: backprop's gradient g_a against central differences g_n,
 *   \mathrm{rel} = \frac{\lVert g_a - g_n\rVert_2}{\lVert g_a\rVert_2 + \lVert g_n\rVert_2},
 * mode "error" asks for rel, mode "verdict" whether rel < τ. The gradients are
 * drawn as integers A_i, N_i times 10^e (DIGITS significant digits), so the
 * prompt shows them exactly and rel (scale-free) is computed from the
 * integers, with no cancellation in g_a − g_n.
 */

export const MODES = ["error", "verdict"] as const;
export type Mode = (typeof MODES)[number];

/** Number of parameters checked, by difficulty. */
const SIZES = [1, 2, 3] as const;
/** Significant digits of each printed gradient entry. */
export const DIGITS = 11;
/** The pass threshold of the verdict mode. */
export const TAU = 1e-6;
/** A verdict must be clear: rel (and the absolute error) at least this factor away from τ. */
const MARGIN = 3;

export interface Params extends ExerciseParams {
  difficulty: 1 | 2 | 3;
  mode: Mode;
}

export interface Drawn {
  /** g_a = A · 10^e and g_n = N · 10^e, with A_i, N_i integers of DIGITS digits. */
  A: number[];
  N: number[];
  e: number;
}

export interface Solution extends Solved {
  mode: Mode;
  rel: number;
  /** ‖g_a − g_n‖, ‖g_a‖, ‖g_n‖ in the prompt's units. */
  diffNorm: number;
  aNorm: number;
  nNorm: number;
  /** g_a − g_n entry by entry. */
  diffs: number[];
}

export type MistakeId = "absolute-error" | "analytic-norm-only" | "squared-norms" | "absolute-verdict";

const scale = (v: readonly number[], e: number): number[] => v.map((x) => x * 10 ** e);
const norm = (v: readonly number[]): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

export function draw(rng: Rng, p: Params): Drawn {
  const n = SIZES[p.difficulty - 1] as number;
  // log10 of the target relative error: pass or fail in verdict mode, anything from 1e−9 to 1e−2 otherwise.
  const logR = p.mode === "verdict" ? (rng.uniform(0, 1) < 0.5 ? rng.uniform(-9, -7) : rng.uniform(-5, -2)) : rng.uniform(-9, -2);
  const k = rng.int(-5, 3);
  const lo = 1.1 * 10 ** (DIGITS - 1);
  const hi = 9.8 * 10 ** (DIGITS - 1);
  const A = Array.from({ length: n }, () => (rng.uniform(0, 1) < 0.5 ? -1 : 1) * Math.round(rng.uniform(lo, hi)));
  const N = A.map((a) => a + Math.round(a * 10 ** logR * rng.uniform(-1.5, 1.5)));
  return { A, N, e: k - (DIGITS - 1) };
}

export function solve(d: Drawn, p: Params): Solution | null {
  const diffInt = d.A.map((a, i) => a - (d.N[i] as number));
  if (diffInt.every((v) => v === 0)) return null;
  // Scale-free, so the integers give the same rel as g_a, g_n, without cancellation.
  const rel = gradientCheckError(d.A, d.N);
  const diffs = scale(diffInt, d.e);
  const diffNorm = norm(diffs);
  const aNorm = norm(scale(d.A, d.e));
  const nNorm = norm(scale(d.N, d.e));
  const base = { rel, diffNorm, aNorm, nNorm, diffs };
  if (p.mode === "error") {
    return { mode: "error", answer: { kind: "number", tolerance: { rel: REL_TOL } }, expected: rel, expectedTex: texNum(rel, 4), ...base };
  }
  const pass = rel < TAU;
  const absPass = diffNorm < TAU;
  // Clear verdicts only, and one where an absolute threshold would give the other answer (the point of the exercise).
  if (Math.abs(Math.log10(rel / TAU)) < Math.log10(MARGIN) || Math.abs(Math.log10(diffNorm / TAU)) < Math.log10(MARGIN) || absPass === pass) return null;
  return { mode: "verdict", answer: { kind: "boolean" }, expected: pass, expectedTex: `\\text{${pass ? "yes" : "no"}}`, ...base };
}

export function mistakes(_d: Drawn, s: Solution): MistakeOf<MistakeId>[] | null {
  if (s.mode === "verdict") return [{ id: "absolute-verdict", value: !(s.expected as boolean) }];
  return resolveAllMistakes<MistakeOf<MistakeId>>(s.expected as number, [
    { id: "absolute-error", value: s.diffNorm },
    { id: "analytic-norm-only", value: s.diffNorm / s.aNorm },
    { id: "squared-norms", value: s.diffNorm ** 2 / (s.aNorm ** 2 + s.nNorm ** 2) },
  ]);
}
