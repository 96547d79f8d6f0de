import { getActivation } from "@/lib/engine/activations";
import { analyzeMatrix, jacobian, jacobianProduct } from "@/lib/engine/jacobians";
import { type Complex, spectralNorm } from "@/lib/engine/linalg";
import type { Rng } from "@/lib/engine/rng";
import type { MistakeOf, Solved } from "../../define";
import { letters } from "../../kit/choices";
import { drawMatrix, drawVector, round, roundedUniform } from "../../kit/draw";
import { REL_TOL, resolveMistakes } from "../../kit/mistakes";
import type { Difficulty } from "../../kit/params";
import { texList } from "../../kit/tex";
import type { AnswerSpec, ExerciseParams } from "../../types";

/**
 * Two exercises on layer Jacobians.
 *
 * mode "jacobian": for one layer h = f(W h_prev + b), z = W h_prev + b,
 *   \frac{\partial h}{\partial h_{\text{prev}}} = \operatorname{diag}\bigl(f'(z)\bigr)\,W,
 *   \quad\text{i.e.}\quad J_{ij} = \frac{\partial h_i}{\partial h_{\text{prev},j}} = f'(z_i)\,W_{ij},
 * since h_i depends on h_prev only through z_i and ∂z_i/∂h_prev,j = W_ij, with
 *   \sigma'(z) = \sigma(z)\,(1 - \sigma(z)),\qquad \tanh'(z) = 1 - \tanh^2(z).
 *
 * mode "classify": a recurrent-style Jacobian J applied K times, asked as a
 * limit K → ∞ with three options that are disjoint and cover every matrix:
 * ‖J^K‖ → 0 (A), ‖J^K‖ → ∞ (B), or bounded and not → 0 (C). By Gelfand
 * (\lim_{K\to\infty} \lVert J^K \rVert^{1/K} = \rho(J)) the limit is decided by
 * the spectral radius ρ(J) = max |λ_i|, not by ‖J‖₂ (which only bounds it:
 * ‖J^K‖ ≤ ‖J‖₂^K): ρ < 1 gives A, ρ > 1 gives B, and ρ = 1 exactly gives C
 * when the eigenvalues on the unit circle are distinct (a repeated one would
 * add a factor K and give B). So "neither" draws are built with ρ = 1 exactly
 * (not merely near 1, where ‖J^K‖ still → 0 or ∞), and A/B draws keep ρ at
 * least 7 % away from 1 so the trend shows within a few dozen steps. For 2×2,
 *   \lambda_{1,2} = \tfrac12\bigl(\operatorname{tr} J \pm \sqrt{(\operatorname{tr} J)^2 - 4\det J}\bigr).
 */

export const MODES = ["jacobian", "classify"] as const;
export type Mode = (typeof MODES)[number];

const JAC_ACTS = ["sigmoid", "tanh"] as const;
export type JacAct = (typeof JAC_ACTS)[number];

/** Below this f′ a unit is saturated and its row of J is ≈ 0 (nothing to compute). */
const MIN_FPRIME = 0.05;
/** Powers k of J shown in the classify solution's table. */
const TABLE_POWERS = [1, 2, 5, 10, 20, 50, 100] as const;
/** Float tolerance for ρ = 1: "neither" matrices have ρ = 1 exactly in decimal arithmetic. */
export const RHO_EXACT = 1e-9;
/** Probability that a classify draw is a trap (‖J‖₂ > 1 with ρ < 1, or all entries < 1 with ρ > 1), by difficulty. */
const TRAP_P = [0.3, 0.5, 0.7] as const;

export type ClassLetter = "A" | "B" | "C";

/**
 * The class the options define, for a rate r per step (ρ for the answer; ‖J‖₂
 * or Re λ for the mistakes, as a learner would use them): r < 1 → ‖J^K‖ → 0,
 * r > 1 → ∞, r = 1 (up to float round-off) → neither.
 */
function classOf(r: number): ClassLetter {
  return r < 1 - RHO_EXACT ? "A" : r > 1 + RHO_EXACT ? "B" : "C";
}

/** The n² entries of J row by row, each at 0.5 %. */
const jacobianSpec = (n: number): AnswerSpec => ({ kind: "vector", length: n * n, tolerance: { rel: REL_TOL } });
const CLASSIFY_SPEC: AnswerSpec = { kind: "choice", options: letters(3) };

export interface Params extends ExerciseParams {
  difficulty: Difficulty;
  mode: Mode;
}

export interface LayerJacobianDraw {
  mode: "jacobian";
  /** d = 1 shows z in the prompt; d = 3 is a 3×3 layer. */
  difficulty: Difficulty;
  activation: JacAct;
  W: number[][];
  b: number[];
  hPrev: number[];
}

export interface ClassifyDraw {
  mode: "classify";
  J: number[][];
  /** The class this instance was drawn for, and whether it is a trap draw (see TRAP_P). */
  target: ClassLetter;
  trap: boolean;
}

export type Drawn = LayerJacobianDraw | ClassifyDraw;

export interface JacobianSolution extends Solved {
  mode: "jacobian";
  expected: number[];
  /** z = W h_prev + b (exact to 4 decimals), f(z), f′(z). */
  z: number[];
  fz: number[];
  fp: number[];
  J: number[][];
  /** ‖J‖₂. */
  norm: number;
}

export interface ClassifySolution extends Solved {
  mode: "classify";
  expected: ClassLetter;
  rho: number;
  /** ‖J‖₂. */
  norm: number;
  eig: Complex[];
  /** Largest real part of an eigenvalue (the signed-eigenvalue mistake). */
  maxRe: number;
  entriesBelowOne: boolean;
  tr: number;
  det: number;
  /** (tr J)² − 4 det J. */
  disc: number;
  /** ‖J^k‖₂ for the table's powers k. */
  powers: { k: number; norm: number }[];
  /** ‖J‖₂ > 1 although J^K does not explode: the solution says why one step's stretching does not compound. */
  stretches: boolean;
}

export type Solution = JacobianSolution | ClassifySolution;

export type MistakeId =
  | "transposed"
  | "forgot-diag"
  | "right-multiplied"
  | "used-f"
  | "spectral-norm"
  | "entries-below-one"
  | "signed-eigenvalue"
  | "swapped-classes";


// ---------------------------------------------------------------------------
// draw
// ---------------------------------------------------------------------------

function drawLayer(rng: Rng, difficulty: Difficulty): LayerJacobianDraw {
  const n = difficulty === 3 ? 3 : 2;
  const activation = rng.pick(JAC_ACTS);
  const W = drawMatrix(n, n, () => roundedUniform(rng, -2, 2, 2, 0.1));
  const b = drawVector(n, () => roundedUniform(rng, -1, 1, 2, 0));
  // h_prev is the previous layer's output of the same kind of unit: in (0, 1) for σ, (−1, 1) for tanh.
  const hPrev = drawVector(n, () => (activation === "sigmoid" ? roundedUniform(rng, 0.05, 0.95, 2, 0.05) : roundedUniform(rng, -0.95, 0.95, 2, 0.05)));
  return { mode: "jacobian", difficulty, activation, W, b, hPrev };
}

/**
 * A candidate J for the target class. A and B are plain random 2×2 matrices
 * (accepted or not by solve). C needs ρ = 1 exactly with distinct
 * eigenvalues, which random entries never give, so it is built from 2-decimal
 * entries whose determinant and trace are exact:
 * - det J = 1 and |tr J| < 2: a complex pair on the unit circle. a and d are
 *   drawn, then b·c = ad − 1 is split into two 2-decimal factors (usually a
 *   non-normal matrix, ‖J‖₂ > 1);
 * - eigenvalues 1 and μ (|μ| ≤ 0.8), possibly negated to −1 and −μ: trace
 *   1 + μ, determinant μ, since (a − μ)(1 − a) = a(1 + μ − a) − μ = ad − μ.
 * Returns null when the drawn numbers do not factor (redrawn).
 */
function drawCandidate(rng: Rng, target: ClassLetter): number[][] | null {
  const e = () => roundedUniform(rng, -1.5, 1.5, 2, 0);
  if (target !== "C") return [[e(), e()], [e(), e()]];
  const sign = rng.next() < 0.5 ? -1 : 1;
  if (rng.next() < 0.5) {
    // Work in hundredths so every product is an exact integer.
    const A = Math.round(roundedUniform(rng, -1.2, 1.2, 2, 0) * 100);
    const D = Math.round(roundedUniform(rng, -1.2, 1.2, 2, 0) * 100);
    if (Math.abs(A + D) > 180) return null;
    const P = A * D - 10000; // 10⁴ · (ad − 1) = 10⁴ · bc
    const splits: [number, number][] = [];
    for (let B = 10; B <= 200; B++) {
      if (P % B === 0 && Math.abs(P / B) >= 10 && Math.abs(P / B) <= 200) splits.push([B, P / B]);
    }
    if (splits.length === 0) return null;
    const [B, C] = rng.pick(splits);
    const flip = rng.next() < 0.5 ? -1 : 1;
    return [
      [A / 100, (flip * B) / 100],
      [(flip * C) / 100, D / 100],
    ].map((row) => row.map((v) => sign * v + 0));
  }
  const M = Math.round(roundedUniform(rng, -0.8, 0.8, 2, 0.1) * 100);
  const A = Math.round(roundedUniform(rng, -0.5, 1.5, 2, 0) * 100);
  const D = 100 + M - A;
  // b·c = (a − μ)(1 − a), split as b = (a − μ)·k, c = (1 − a)/k for a k that keeps both 2-decimal.
  const k = rng.pick([1, -1, 2, -2, 0.5, -0.5]);
  const B = (A - M) * k;
  const C = (100 - A) / k;
  if (!Number.isInteger(B) || !Number.isInteger(C) || B === 0 || C === 0) return null;
  const J = [
    [A / 100, B / 100],
    [C / 100, D / 100],
  ];
  if (J.flat().some((v) => Math.abs(v) > 2)) return null;
  return J.map((row) => row.map((v) => sign * v + 0));
}

/** What a classify instance draws once, before its first candidate matrix: the class and whether it is a trap. */
export interface ClassifyPlan {
  target: ClassLetter;
  trap: boolean;
}

/**
 * Drawn once per instance (defineExercise's prepare), so every candidate
 * matrix is drawn for the same class; the jacobian mode needs nothing.
 */
export function prepare(rng: Rng, p: Params): ClassifyPlan | undefined {
  if (p.mode === "jacobian") return undefined;
  const u = rng.next();
  // "Neither" is the rare case (about 1 in 6); vanishing and exploding share the rest.
  const target: ClassLetter = u < 0.42 ? "A" : u < 0.84 ? "B" : "C";
  const trap = rng.next() < (TRAP_P[p.difficulty - 1] as number);
  return { target, trap };
}

export function draw(rng: Rng, p: Params, plan: ClassifyPlan | undefined): Drawn | null {
  if (p.mode === "jacobian") return drawLayer(rng, p.difficulty);
  if (!plan) throw new Error("jacobian-spectral: a classify draw without its plan");
  const J = drawCandidate(rng, plan.target);
  return J ? { mode: "classify", J, ...plan } : null;
}

// ---------------------------------------------------------------------------
// solve
// ---------------------------------------------------------------------------

function solveJacobian(d: LayerJacobianDraw): JacobianSolution | null {
  const { activation, W, b, hPrev } = d;
  const act = getActivation(activation);
  // z = W h_prev + b is exact to 4 decimals; rounding removes the float noise so the prompt can show it exactly.
  const z = W.map((row, i) => round(row.reduce((s, w, j) => s + w * (hPrev[j] as number), b[i] as number), 4));
  const fp = z.map((v) => act.fPrime(v));
  if (fp.some((v) => v < MIN_FPRIME)) return null;
  const fz = z.map((v) => act.f(v));
  // The engine's layer Jacobian (diag(f′(z)) W) is the answer.
  const J = jacobian({ W, b, activation }, hPrev);
  const expected = J.flat();
  return {
    mode: "jacobian",
    answer: jacobianSpec(W.length),
    expected,
    expectedTex: texList(expected, 4),
    z,
    fz,
    fp,
    J,
    norm: analyzeMatrix(J).spectralNorm,
  };
}

function rhoBand(target: ClassLetter, rho: number): boolean {
  return target === "A" ? rho >= 0.2 && rho <= 0.93 : target === "B" ? rho >= 1.07 && rho <= 2.5 : Math.abs(rho - 1) <= RHO_EXACT;
}

function solveClassify(d: ClassifyDraw): ClassifySolution | null {
  const { J, target, trap } = d;
  const a = analyzeMatrix(J);
  const rho = a.spectralRadius as number;
  const eig = a.eigenvalues as Complex[];
  if (!rhoBand(target, rho)) return null;
  const norm = a.spectralNorm;
  const entriesBelowOne = J.every((row) => row.every((v) => Math.abs(v) < 1));
  if (trap) {
    if (target === "A" && !(norm > 1.05)) return null;
    if (target === "B" && !entriesBelowOne) return null;
  }
  // Two nearly equal real eigenvalues (close to a Jordan block) add a polynomial factor K·ρ^K that blurs "neither".
  const [e0, e1] = eig as [Complex, Complex];
  if (target === "C" && Math.abs(e0.im) < 1e-12 && Math.abs(Math.abs(e0.re) - Math.abs(e1.re)) < 0.05) return null;
  const expected = classOf(rho);
  const [[j11, j12], [j21, j22]] = J as [[number, number], [number, number]];
  const tr = j11 + j22;
  const det = j11 * j22 - j12 * j21;
  return {
    mode: "classify",
    answer: CLASSIFY_SPEC,
    expected,
    expectedTex: `\\text{${expected}}`,
    rho,
    norm,
    eig,
    maxRe: Math.max(...eig.map((l) => l.re)),
    entriesBelowOne,
    tr,
    det,
    disc: tr * tr - 4 * det,
    stretches: norm > 1 + RHO_EXACT && expected !== "B",
    powers: TABLE_POWERS.map((k) => ({ k, norm: spectralNorm(jacobianProduct(new Array<number[][]>(k).fill(J))) })),
  };
}

export function solve(d: Drawn): Solution | null {
  return d.mode === "jacobian" ? solveJacobian(d) : solveClassify(d);
}

// ---------------------------------------------------------------------------
// mistakes
// ---------------------------------------------------------------------------

type Candidate = MistakeOf<MistakeId> & { optional?: boolean };

function jacobianMistakes(d: LayerJacobianDraw, s: JacobianSolution): Candidate[] {
  const { W } = d;
  const { J, fp, fz } = s;
  return [
    { id: "transposed", value: W.flatMap((_, i) => W.map((__, j) => (J[j] as number[])[i] as number)) },
    { id: "forgot-diag", value: W.flat() },
    { id: "right-multiplied", value: W.flatMap((row) => row.map((w, j) => w * (fp[j] as number))) },
    { id: "used-f", value: W.flatMap((row, i) => row.map((w) => w * (fz[i] as number))) },
  ];
}

function classifyMistakes(s: ClassifySolution): Candidate[] {
  const { expected } = s;
  return [
    { id: "spectral-norm", value: classOf(s.norm), optional: true },
    { id: "entries-below-one", value: s.entriesBelowOne ? "A" : "B", optional: true },
    { id: "signed-eigenvalue", value: classOf(s.maxRe), optional: true },
    { id: "swapped-classes", value: expected === "A" ? "B" : expected === "B" ? "A" : "C", optional: true },
  ];
}

export function mistakes(d: Drawn, s: Solution): MistakeOf<MistakeId>[] | null {
  const cands = d.mode === "jacobian" && s.mode === "jacobian" ? jacobianMistakes(d, s) : s.mode === "classify" ? classifyMistakes(s) : null;
  return cands && resolveMistakes(s.expected, cands, s.answer);
}

/** The draw of a "jacobian" instance (the text of its mistakes needs the activation). */
export function asLayer(d: Drawn): LayerJacobianDraw {
  if (d.mode !== "jacobian") throw new Error("jacobian-spectral: a jacobian-mode text on a classify draw");
  return d;
}

/** The solution of a "classify" instance (the text of its mistakes needs ρ, ‖J‖₂, …). */
export function asClassify(s: Solution): ClassifySolution {
  if (s.mode !== "classify") throw new Error("jacobian-spectral: a classify-mode text on a jacobian solution");
  return s;
}
