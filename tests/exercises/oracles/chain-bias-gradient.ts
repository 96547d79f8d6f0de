import type { Oracle } from "./types";

/** ∂C/∂b₁ of a one-neuron chain, and its mistakes, by a plain forward pass and the chain rule written out. */

interface Chain {
  activation: "sigmoid" | "tanh" | "relu";
  w: readonly number[];
  b: readonly number[];
  x: number;
  y: number;
}

const sig = (z: number) => 1 / (1 + Math.exp(-z));
const F = { sigmoid: sig, tanh: Math.tanh, relu: (z: number) => Math.max(0, z) };
const FP = { sigmoid: (z: number) => sig(z) * (1 - sig(z)), tanh: (z: number) => 1 - Math.tanh(z) ** 2, relu: (z: number) => (z > 0 ? 1 : 0) };

function pass(d: Chain) {
  const zs: number[] = [];
  let a = d.x;
  d.w.forEach((w, j) => {
    const z = w * a + (d.b[j] as number);
    zs.push(z);
    a = F[d.activation](z);
  });
  return { zs, aL: a };
}

export const chainBiasGradientOracle: Oracle<Chain> = {
  combos: [{ activation: "sigmoid" }, { activation: "tanh" }, { activation: "relu" }],
  expected(d) {
    const { zs, aL } = pass(d);
    let g = aL - d.y;
    for (let j = zs.length - 1; j >= 1; j--) g *= (d.w[j] as number) * FP[d.activation](zs[j] as number);
    return g * FP[d.activation](zs[0] as number);
  },
  mistakes(d, p) {
    const { zs, aL } = pass(d);
    const r = aL - d.y;
    const f = FP[d.activation];
    const fp = zs.map((z) => f(z));
    const product = (vals: number[]) => vals.reduce((x, v) => x * v, 1);
    const path = fp.map((v, j) => (j === 0 ? v : (d.w[j] as number) * v));
    const right = this.expected(d, p) as number;
    const L = zs.length;
    return {
      "sigma-not-prime": product(zs.map((z, j) => (j === 0 ? F[d.activation](z) : (d.w[j] as number) * F[d.activation](z)))) * r,
      "dropped-cost-factor": product(path),
      "included-w1": (d.w[0] as number) * right,
      "missing-factor": product(path.slice(0, L - 1)) * r,
      "dropped-fprime1": product(path.slice(1)) * r,
      "sign-error": -right,
    };
  },
};
