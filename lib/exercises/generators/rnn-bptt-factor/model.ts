import { sigmoid, sigmoidPrime, tanh, tanhPrime } from "@/lib/engine/activations";
import { type Matrix, singularValues, spectralRadius } from "@/lib/engine/linalg";
import type { Rng } from "@/lib/engine/rng";
import { roundedUniform } from "../../kit/draw";
import { echoesAnswer } from "../../kit/echo";
import { REL_TOL, resolveMistakes } from "../../kit/mistakes";
import { texNum } from "../../kit/tex";
import type { MistakeOf, Solved } from "../../define";
import type { AnswerSpec, ExerciseParams } from "../../types";

/**
 * BPTT's repeated factor. scalar: for h_t = f(z_t), z_t = w h_{t-1} + u x_t + b,
 * the chain rule through time gives
 *   \frac{\partial h_T}{\partial h_0} = \prod_{t=1}^{T} \frac{\partial h_t}{\partial h_{t-1}}
 *     = \prod_{t=1}^{T} f'(z_t)\,\frac{\partial z_t}{\partial h_{t-1}} = \prod_{t=1}^{T} w\, f'(z_t),
 * with \tanh'(z) = 1 - \tanh^2(z) = 1 - h_t^2 and \sigma'(z) = \sigma(z)(1-\sigma(z)) = h_t(1-h_t).
 * eigen: for a 2×2 recurrent matrix W, the long-run growth of W^k is set by the
 * spectral radius \rho(W) = \max_i |\lambda_i|, with
 *   \lambda_{1,2} = \tfrac12\big(\operatorname{tr} W \pm \sqrt{(\operatorname{tr} W)^2 - 4\det W}\big)
 * and |\lambda| = \sqrt{\det W} for a complex-conjugate pair.
 */

export const MODES = ["scalar", "eigen"] as const;
export type Mode = (typeof MODES)[number];

const STEPS = [3, 5, 8] as const;

/** How answers are compared: a number within 0.5 %. */
const NUMBER_SPEC: AnswerSpec = { kind: "number", tolerance: { rel: REL_TOL } };

export type RnnActivation = "tanh" | "sigmoid";

export interface ScalarDraw {
  mode: "scalar";
  activation: RnnActivation;
  w: number;
  u: number;
  b: number;
  h0: number;
  /** x_1 … x_T. */
  x: number[];
}

export interface EigenDraw {
  mode: "eigen";
  W: Matrix;
}

export type Drawn = ScalarDraw | EigenDraw;

export interface Params extends ExerciseParams {
  difficulty: 1 | 2 | 3;
  mode: Mode;
}

export interface ScalarSolution extends Solved {
  mode: "scalar";
  draw: ScalarDraw;
  expected: number;
  /** Steps T. */
  T: number;
  /** z_1 … z_T. */
  z: number[];
  /** h_0 … h_T. */
  h: number[];
  /** f′(z_1) … f′(z_T). */
  fp: number[];
  /** w f′(z_t), t = 1..T: the answer is their product, in this order. */
  factors: number[];
  /** Difficulty 1 shows the forward pass (z_t, h_t) in the prompt. */
  showForward: boolean;
}

export interface EigenInfo {
  tr: number;
  det: number;
  disc: number;
  complex: boolean;
  /** Real case: λ₁ ≥ λ₂; complex case: real part and |imaginary part|. */
  l1: number;
  l2: number;
  rho: number;
}

export interface EigenSolution extends Solved {
  mode: "eigen";
  draw: EigenDraw;
  expected: number;
  info: EigenInfo;
  /** Largest singular value of W. */
  sMax: number;
}

export type Solution = ScalarSolution | EigenSolution;

export type MistakeId =
  | "forgot-f-prime"
  | "forgot-w"
  | "f-instead-of-derivative"
  | "one-factor-short"
  | "sign-error"
  | "largest-entry"
  | "singular-value"
  | "signed-largest"
  | "dropped-absolute-value"
  | "trace-half"
  | "determinant";

export const ACT: Record<RnnActivation, { f: (z: number) => number; fp: (z: number) => number }> = {
  tanh: { f: tanh, fp: tanhPrime },
  sigmoid: { f: sigmoid, fp: sigmoidPrime },
};


export function eigenInfo(W: Matrix): EigenInfo {
  const [[a, b], [c, d]] = W as [[number, number], [number, number]];
  const tr = a + d;
  const det = a * d - b * c;
  const disc = tr * tr - 4 * det;
  if (disc >= 0) {
    const s = Math.sqrt(disc);
    const l1 = (tr + s) / 2;
    const l2 = (tr - s) / 2;
    return { tr, det, disc, complex: false, l1, l2, rho: Math.max(Math.abs(l1), Math.abs(l2)) };
  }
  return { tr, det, disc, complex: true, l1: tr / 2, l2: Math.sqrt(-disc) / 2, rho: Math.sqrt(det) };
}

function drawScalar(rng: Rng, difficulty: 1 | 2 | 3): ScalarDraw {
  const T = STEPS[difficulty - 1] as number;
  // Difficulty 1 stays with tanh; later, sigmoid too, whose σ' ≤ 1/4 needs |w| > 4 to avoid vanishing.
  const activation: RnnActivation = difficulty === 1 ? "tanh" : rng.pick(["tanh", "sigmoid"] as const);
  const w = activation === "tanh" ? roundedUniform(rng, -2.5, 2.5, 2, 0.4) : roundedUniform(rng, -6, 6, 2, 1);
  const u = roundedUniform(rng, -1.5, 1.5, 2, 0.1);
  const b = roundedUniform(rng, -0.5, 0.5, 2);
  const h0 = activation === "tanh" ? roundedUniform(rng, -1, 1, 1) : roundedUniform(rng, 0, 1, 1);
  const x = Array.from({ length: T }, () => roundedUniform(rng, -2, 2, 1));
  return { mode: "scalar", activation, w, u, b, h0, x };
}

function drawEigen(rng: Rng, difficulty: 1 | 2 | 3): EigenDraw | null {
  // d1: real eigenvalues only; d2: real or complex; d3: mostly complex and clearly non-normal.
  const wantComplex = difficulty === 1 ? false : difficulty === 2 ? rng.next() < 0.5 : rng.next() < 2 / 3;
  const lim = difficulty === 3 ? 1.5 : 1.2;
  const W: Matrix = [
    [roundedUniform(rng, -lim, lim, 1), roundedUniform(rng, -lim, lim, 1)],
    [roundedUniform(rng, -lim, lim, 1), roundedUniform(rng, -lim, lim, 1)],
  ];
  // Keep real and complex cases apart from the repeated-eigenvalue boundary.
  const { disc } = eigenInfo(W);
  return (wantComplex ? disc < -0.04 : disc > 0.04) ? { mode: "eigen", W } : null;
}

export function draw(rng: Rng, p: Params): Drawn | null {
  return p.mode === "scalar" ? drawScalar(rng, p.difficulty) : drawEigen(rng, p.difficulty);
}

/** Forward pass of the scalar RNN: z_1..z_T and h_0..h_T. */
export function scalarForward(d: ScalarDraw): { z: number[]; h: number[] } {
  const z: number[] = [];
  const h: number[] = [d.h0];
  d.x.forEach((xt, i) => {
    const zt = d.w * (h[i] as number) + d.u * xt + d.b;
    z.push(zt);
    h.push(ACT[d.activation].f(zt));
  });
  return { z, h };
}

/** ∂h_T/∂h_0 as the product of the per-step factors, in order (the step-by-step mode multiplies the same way). */
export const productOf = (factors: readonly number[]): number => factors.reduce((p, f) => p * f, 1);

function solveScalar(d: ScalarDraw, p: Params): ScalarSolution | null {
  const act = ACT[d.activation];
  const { z, h } = scalarForward(d);
  const fp = z.map(act.fp);
  // A unit deep in saturation (f' < 0.05) makes the product ≈ 0 for a boring reason.
  if (fp.some((v) => v < 0.05)) return null;
  const factors = fp.map((v) => d.w * v);
  const expected = productOf(factors);
  if (!(Math.abs(expected) >= 1e-4 && Math.abs(expected) < 1e4)) return null;
  // Difficulty 1 also shows the forward pass (z_t, h_t); no shown number may already be the answer.
  if (echoesAnswer([d.w, d.u, d.b, d.h0, ...d.x, ...z, ...z.map(act.f)], expected)) return null;
  return {
    mode: "scalar",
    draw: d,
    answer: { kind: "number", tolerance: { rel: REL_TOL } },
    expected,
    expectedTex: texNum(expected, 4),
    T: d.x.length,
    z,
    h,
    fp,
    factors,
    showForward: p.difficulty === 1,
  };
}

function solveEigen(d: EigenDraw, p: Params): EigenSolution | null {
  const { W } = d;
  const info = eigenInfo(W);
  const rho = spectralRadius(W);
  if (Math.abs(rho - 1) <= 0.02 || rho < 0.2 || rho > 2.5) return null;
  // ρ equal to one of the shown entries (e.g. a triangular W) would put the answer in the prompt.
  if (W.flat().some((v) => Math.abs(Math.abs(v) - rho) <= 0.02 * rho)) return null;
  // The hint shows tr W and det W; ρ = |tr W| (a singular W) or ρ = |det W| would give it away.
  if ([info.tr, info.det].some((v) => Math.abs(Math.abs(v) - rho) <= 0.02 * rho)) return null;
  const sMax = singularValues(W)[0] as number;
  if (p.difficulty === 3 && sMax < 1.1 * rho) return null;
  return {
    mode: "eigen",
    draw: d,
    answer: { kind: "number", tolerance: { rel: REL_TOL } },
    expected: rho,
    expectedTex: texNum(rho, 4),
    info,
    sMax,
  };
}

export function solve(d: Drawn, p: Params): Solution | null {
  return d.mode === "scalar" ? solveScalar(d, p) : solveEigen(d, p);
}

function scalarMistakes(s: ScalarSolution): MistakeOf<MistakeId>[] | null {
  const { draw: d, T, z, fp, factors, expected } = s;
  const { w } = d;
  const f = ACT[d.activation].f;
  const cands: MistakeOf<MistakeId>[] = [
    { id: "forgot-f-prime", value: w ** T },
    { id: "forgot-w", value: fp.reduce((p, v) => p * v, 1) },
    { id: "f-instead-of-derivative", value: z.reduce((p, zt) => p * w * f(zt), 1), optional: true },
    { id: "one-factor-short", value: factors.slice(1).reduce((p, v) => p * v, 1) },
    { id: "sign-error", value: -expected },
  ];
  return resolveMistakes(expected, cands, NUMBER_SPEC, true);
}

function eigenMistakes(s: EigenSolution): MistakeOf<MistakeId>[] | null {
  const { info, sMax } = s;
  const dominant = Math.abs(info.l1) >= Math.abs(info.l2) ? info.l1 : info.l2;
  const cands: MistakeOf<MistakeId>[] = [
    { id: "largest-entry", value: Math.max(...s.draw.W.flat().map(Math.abs)) },
    { id: "singular-value", value: sMax, optional: true },
  ];
  if (!info.complex) {
    cands.push({ id: "signed-largest", value: info.l1, optional: true }, { id: "dropped-absolute-value", value: dominant, optional: true });
  }
  cands.push({ id: "trace-half", value: info.tr / 2 }, { id: "determinant", value: info.det });
  return resolveMistakes(s.expected, cands, NUMBER_SPEC, true);
}

export function mistakes(_d: Drawn, s: Solution): MistakeOf<MistakeId>[] | null {
  return s.mode === "scalar" ? scalarMistakes(s) : eigenMistakes(s);
}

/** The scalar solution, for the explanations of mistakes only that mode has. */
export function scalarOf(s: Solution): ScalarSolution {
  if (s.mode !== "scalar") throw new Error("rnn-bptt-factor: a scalar mistake explained for mode eigen");
  return s;
}

/** The eigen solution, for the explanations of mistakes only that mode has. */
export function eigenOf(s: Solution): EigenSolution {
  if (s.mode !== "eigen") throw new Error("rnn-bptt-factor: an eigen mistake explained for mode scalar");
  return s;
}
