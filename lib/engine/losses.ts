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
 * (the Σy factor keeps it exact for targets that do not sum to 1). log p_k is
 * taken as a_k − LSE(a) with the max subtracted inside the log-sum-exp, so no
 * exp ever overflows and log never sees 0.
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
  const lse = logSumExp(a, n, offset);
  let c = 0;
  let ySum = 0;
  for (let k = 0; k < n; k++) {
    const yk = y[offset + k] as number;
    ySum += yk;
    if (yk !== 0) c += yk * (lse - (a[offset + k] as number));
  }
  for (let k = 0; k < n; k++) {
    const p = Math.exp((a[offset + k] as number) - lse);
    g[offset + k] = p * ySum - (y[offset + k] as number);
  }
  return c;
}

export function logSumExp(a: ArrayLike<number>, n: number = a.length, offset = 0): number {
  let m = -Infinity;
  for (let k = 0; k < n; k++) m = Math.max(m, a[offset + k] as number);
  let s = 0;
  for (let k = 0; k < n; k++) s += Math.exp((a[offset + k] as number) - m);
  return m + Math.log(s);
}

export function softmax(a: ArrayLike<number>): number[] {
  const lse = logSumExp(a);
  return Array.from(a, (v) => Math.exp(v - lse));
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
