import { EngineError } from "./errors";
import { type Matrix, type MatrixLike, type VectorLike } from "./linalg";

/**
 * Closed forms quoted by the notes; each one is cross-checked against a
 * numerical method in tests/engine so the prose and the engine cannot drift.
 */

/**
 * \max_z \sigma'(z) = \sigma'(0) = \tfrac14, since \sigma' = \sigma(1-\sigma) and
 * s(1-s) peaks at s = 1/2. The source of "each sigmoid layer shrinks the
 * gradient by at least 4×" when |w| ≤ 1.
 */
export const MAX_SIGMOID_PRIME = 0.25;

export interface Interval {
  lo: number;
  hi: number;
  width: number;
}

/**
 * The inputs x where one sigmoid unit amplifies the gradient,
 * |w\,\sigma'(wx+b)| \ge 1. With r = \sqrt{1-4/|w|} the condition is
 * |wx+b| \le L, L = \ln\frac{1+r}{1-r} = \ln\!\Big(\frac{|w|(1+r)}{2}-1\Big), so
 * \text{width} = \frac{2}{|w|}\ln\!\Big(\frac{|w|\,(1+\sqrt{1-4/|w|})}{2}-1\Big).
 * L is evaluated as log1p(r(1+r)|w|/2) (the same quantity) so it stays
 * accurate both near |w| = 4, where the window closes, and for huge |w|.
 * Returns null for |w| < 4: no input lets the gradient grow through the unit.
 */
export function explodingWindow(w: number, b = 0): Interval | null {
  if (!Number.isFinite(w)) throw new EngineError("w", `expected a finite number, got ${String(w)}`);
  if (!Number.isFinite(b)) throw new EngineError("b", `expected a finite number, got ${String(b)}`);
  const aw = Math.abs(w);
  if (aw < 4) return null;
  const r = Math.sqrt((aw - 4) / aw);
  const L = Math.log1p((r * (1 + r) * aw) / 2);
  const x1 = (-L - b) / w;
  const x2 = (L - b) / w;
  return { lo: Math.min(x1, x2), hi: Math.max(x1, x2), width: (2 * L) / aw };
}

/**
 * Xavier/Glorot: \operatorname{Var}(w) = \frac{2}{n_\text{in} + n_\text{out}}, the
 * compromise that keeps activation variance (forward) and gradient variance
 * (backward) roughly constant for tanh-like units.
 */
export function xavierVariance(nIn: number, nOut: number): number {
  checkFanIn(nIn, "nIn");
  checkFanIn(nOut, "nOut");
  return 2 / (nIn + nOut);
}

/**
 * He/Kaiming: \operatorname{Var}(w) = \frac{2}{n_\text{in}}; the factor 2
 * compensates relu zeroing half of its inputs.
 */
export function heVariance(nIn: number): number {
  checkFanIn(nIn, "nIn");
  return 2 / nIn;
}

/**
 * He/Kaiming for leaky ReLU with negative slope α (He et al., 2015):
 * \operatorname{Var}(w) = \frac{2}{(1+\alpha^2)\,n_\text{in}}. For z symmetric
 * about 0, E[f(z)^2] = \frac{1+\alpha^2}{2}E[z^2]: the negative half is kept
 * at α² of its power instead of dropped, so less compensation is needed (α = 0
 * gives heVariance, α = 1, a linear unit, gives 1/n_in).
 */
export function leakyHeVariance(nIn: number, slope: number): number {
  checkFanIn(nIn, "nIn");
  if (!(Number.isFinite(slope) && slope >= 0 && slope <= 1)) throw new EngineError("slope", `expected a slope in [0, 1], got ${String(slope)}`);
  return 2 / ((1 + slope * slope) * nIn);
}

function checkFanIn(n: number, field: string): void {
  if (!(Number.isInteger(n) && n >= 1)) throw new EngineError(field, `expected a positive integer, got ${String(n)}`);
}

export type Tensor = VectorLike | MatrixLike;

export interface ClipResult<T extends readonly Tensor[]> {
  clipped: { [K in keyof T]: T[K] extends MatrixLike ? Matrix : number[] };
  /** ‖(g_1, …, g_n)‖ before clipping. */
  globalNorm: number;
  /** The factor applied to every tensor: min(1, maxNorm / globalNorm). */
  scale: number;
}

/**
 * Clipping by global norm rescales all gradients by one common factor,
 * g_i \leftarrow g_i \cdot \min\!\Big(1, \frac{\tau}{\lVert g\rVert}\Big),\quad
 * \lVert g\rVert = \sqrt{\textstyle\sum_i \lVert g_i\rVert^2},
 * so the update direction is preserved (unlike per-element clipping) and the
 * resulting global norm is exactly τ whenever it was larger.
 * Accepts vectors and matrices (e.g. [dW, db]) and keeps their shapes.
 */
export function clipByGlobalNorm<T extends readonly Tensor[]>(tensors: T, maxNorm: number): ClipResult<T> {
  if (!(Number.isFinite(maxNorm) && maxNorm > 0)) {
    throw new EngineError("maxNorm", `expected a finite positive number, got ${String(maxNorm)}`);
  }
  // Two passes (max, then scaled squares) so enormous exploding gradients
  // still give a finite norm instead of Infinity.
  let big = 0;
  tensors.forEach((t, i) =>
    forEachEntry(t, `tensors[${i}]`, (v) => {
      big = Math.max(big, Math.abs(v));
    }),
  );
  let sum = 0;
  if (big > 0) {
    for (const t of tensors) forEachEntry(t, "", (v) => {
      const s = v / big;
      sum += s * s;
    });
  }
  const globalNorm = big * Math.sqrt(sum);
  const scale = globalNorm > maxNorm ? maxNorm / globalNorm : 1;
  const clipped = tensors.map((t) =>
    isMatrix(t) ? t.map((row) => row.map((v) => v * scale)) : (t as VectorLike).map((v) => v * scale),
  ) as ClipResult<T>["clipped"];
  return { clipped, globalNorm, scale };
}

function isMatrix(t: Tensor): t is MatrixLike {
  return t.length > 0 && Array.isArray(t[0]);
}

function forEachEntry(t: Tensor, field: string, fn: (v: number) => void): void {
  if (!Array.isArray(t)) throw new EngineError(field, "expected an array");
  if (isMatrix(t)) {
    for (let i = 0; i < t.length; i++) {
      const row = t[i] as VectorLike;
      for (let j = 0; j < row.length; j++) fn(finite(row[j], `${field}[${i}][${j}]`));
    }
    return;
  }
  const v = t as VectorLike;
  for (let j = 0; j < v.length; j++) fn(finite(v[j], `${field}[${j}]`));
}

function finite(v: unknown, field: string): number {
  if (typeof v !== "number" || !Number.isFinite(v)) throw new EngineError(field, `expected a finite number, got ${String(v)}`);
  return v;
}
