import type { Oracle } from "./types";

/**
 * (∂C/∂b₃)/(∂C/∂b₁) of a sigmoid chain, and its mistakes, from every bias
 * gradient by a plain forward pass and the backward recursion δ_j = σ′(z_j) w_{j+1} δ_{j+1}
 * over the whole chain (the generator cancels the shared tail instead).
 */

interface Chain {
  activation: "sigmoid";
  w: readonly number[];
  b: readonly number[];
  x: number;
  y: number;
}

/** ∂C/∂b_j (j = 1..L) and ∂C/∂a_1, with σ′(z) = e^{−z}/(1 + e^{−z})². */
function gradients(d: Chain): { db: number[]; da1: number } {
  const sp: number[] = [];
  let a = d.x;
  d.w.forEach((w, j) => {
    const e = Math.exp(-(w * a + (d.b[j] as number)));
    a = 1 / (1 + e);
    sp.push(e / (1 + e) ** 2);
  });
  const L = d.w.length;
  const db = new Array<number>(L);
  let delta = (sp[L - 1] as number) * (a - d.y);
  db[L - 1] = delta;
  for (let j = L - 2; j >= 0; j--) {
    delta = (sp[j] as number) * (d.w[j + 1] as number) * delta;
    db[j] = delta;
  }
  return { db, da1: (d.w[1] as number) * (db[1] as number) };
}

export const chainBiasRatioOracle: Oracle<Chain> = {
  expected(d) {
    const { db } = gradients(d);
    return (db[2] as number) / (db[0] as number);
  },
  mistakes(d) {
    const { db, da1 } = gradients(d);
    const [g1, g2, g3] = db as [number, number, number];
    return {
      inverted: g1 / g3,
      "bound-16": 16,
      "bound-16-signed": -16,
      "dropped-sign": Math.abs(g3 / g1),
      // ∂C/∂b₁ without its own σ′(z₁) is ∂C/∂a₁.
      "dropped-sigma1": g3 / da1,
      "off-by-one-layer": g2 / g1,
    };
  },
};
