import type { Oracle } from "./types";

/**
 * ∂x_K/∂x_0 by forward-mode differentiation: the pair (x, ẋ) is carried
 * through each block, ẋ picking up the block's slope as it goes, with the
 * derivatives written from exp/cosh (tanh′ = 1/cosh², σ′ = e^{−x}/(1 + e^{−x})²),
 * not as 1 − tanh² or σ(1 − σ). Each mistake is the formula its explanation names.
 */

interface Stack {
  activation: "tanh" | "sigmoid";
  x0: number;
  w: readonly number[];
}

const F = { tanh: Math.tanh, sigmoid: (x: number) => 1 / (1 + Math.exp(-x)) };
const FP = { tanh: (x: number) => 1 / Math.cosh(x) ** 2, sigmoid: (x: number) => Math.exp(-x) / (1 + Math.exp(-x)) ** 2 };

/** The block inputs x_0 … x_K. */
function states(d: Stack): number[] {
  const xs = [d.x0];
  for (const w of d.w) {
    const x = xs[xs.length - 1] as number;
    xs.push(x + w * F[d.activation](x));
  }
  return xs;
}

/** d x_K / d x_from, pushing a tangent of 1 through blocks from+1 … K. */
function tangent(d: Stack, from: number): number {
  const xs = states(d);
  let dx = 1;
  for (let k = from; k < d.w.length; k++) dx += (d.w[k] as number) * FP[d.activation](xs[k] as number) * dx;
  return dx;
}

export const residualGradientOracle: Oracle<Stack> = {
  expected: (d) => tangent(d, 0),
  mistakes(d) {
    const xs = states(d);
    const f = F[d.activation];
    const fp = FP[d.activation];
    let branchesOnly = 1;
    let sum = 1;
    let linear = 1;
    let fNotFp = 1;
    let atOutput = 1;
    d.w.forEach((w, k) => {
      const input = xs[k] as number;
      branchesOnly *= w * fp(input);
      sum += w * fp(input);
      linear *= 1 + w;
      fNotFp *= 1 + w * f(input);
      atOutput *= 1 + w * fp(xs[k + 1] as number);
    });
    return {
      "no-shortcut": branchesOnly,
      "added-not-multiplied": sum,
      "dropped-f-prime": linear,
      "identity-only": 1,
      "f-instead-of-derivative": fNotFp,
      "derivative-at-output": atOutput,
      // The first block left out: the gradient from x_1 instead of x_0.
      "one-block-missing": tangent(d, 1),
    };
  },
};
