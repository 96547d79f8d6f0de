import { EngineError } from "./errors";

export type LossName = "mse" | "softmax_ce";
export const LOSSES: readonly LossName[] = ["mse", "softmax_ce"];

export function isLossName(x: unknown): x is LossName {
  return typeof x === "string" && (LOSSES as readonly string[]).includes(x);
}

/**
 * Loss of one example and its gradient with respect to the network output a,
 * written into g[offset..offset+n).
 *
 * mse: C = \tfrac12\lVert a - y\rVert^2,\qquad \frac{\partial C}{\partial a_k} = a_k - y_k
 *
 * softmax_ce: C = -\sum_k y_k \log p_k,\ p = \operatorname{softmax}(a),\qquad
 *   \frac{\partial C}{\partial a_j} = p_j \textstyle\sum_k y_k - y_j
 * (the Σy factor keeps it exact for targets that do not sum to 1). With
 * m = max a and S = Σ_k e^{a_k − m}: p_k = e^{a_k − m}/S and
 * −log p_k = log S − (a_k − m). Everything is taken relative to m (a_k − m is
 * exact when a_k is near m), never as a_k − LSE(a): for large logits LSE's own
 * rounding (an ulp of |a|) would otherwise leak into every p_k and, through
 * p_j Σy − y_j, into gradients that are small differences. No exp overflows
 * and log never sees 0 (S ≥ 1).
 */
export function lossAndGrad(
  name: LossName,
  a: Float64Array,
  y: Float64Array,
  g: Float64Array,
  n: number,
  offset: number,
): number {
  if (name === "mse") {
    let c = 0;
    for (let k = 0; k < n; k++) {
      const d = (a[offset + k] as number) - (y[offset + k] as number);
      g[offset + k] = d;
      c += d * d;
    }
    return 0.5 * c;
  }
  let m = -Infinity;
  for (let k = 0; k < n; k++) m = Math.max(m, a[offset + k] as number);
  // g temporarily holds e^{a_k − m}.
  let S = 0;
  for (let k = 0; k < n; k++) {
    const e = Math.exp((a[offset + k] as number) - m);
    g[offset + k] = e;
    S += e;
  }
  const logS = Math.log(S);
  let c = 0;
  let ySum = 0;
  for (let k = 0; k < n; k++) {
    const yk = y[offset + k] as number;
    ySum += yk;
    if (yk !== 0) c += yk * (logS - ((a[offset + k] as number) - m));
  }
  for (let k = 0; k < n; k++) g[offset + k] = ((g[offset + k] as number) / S) * ySum - (y[offset + k] as number);
  return c;
}

export function logSumExp(a: ArrayLike<number>, n: number = a.length, offset = 0): number {
  let m = -Infinity;
  for (let k = 0; k < n; k++) m = Math.max(m, a[offset + k] as number);
  let s = 0;
  for (let k = 0; k < n; k++) s += Math.exp((a[offset + k] as number) - m);
  return m + Math.log(s);
}

/** e^{a_k − m} / Σ_j e^{a_j − m} with m = max a (see lossAndGrad for why not e^{a_k − LSE}). */
export function softmax(a: ArrayLike<number>): number[] {
  let m = -Infinity;
  for (let k = 0; k < a.length; k++) m = Math.max(m, a[k] as number);
  const e = Array.from(a, (v) => Math.exp(v - m));
  const S = e.reduce((s, v) => s + v, 0);
  return e.map((v) => v / S);
}

/** Scalar convenience for exercises: loss and ∂C/∂a for one output vector. */
export function loss(name: LossName, output: ArrayLike<number>, target: ArrayLike<number>): { loss: number; grad: number[] } {
  if (output.length !== target.length) {
    throw new EngineError("target", `expected length ${output.length}, got ${target.length}`);
  }
  const g = new Float64Array(output.length);
  const c = lossAndGrad(name, Float64Array.from(output), Float64Array.from(target), g, output.length, 0);
  return { loss: c, grad: Array.from(g) };
}
