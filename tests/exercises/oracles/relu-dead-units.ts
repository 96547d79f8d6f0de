import type { Oracle } from "./types";

/**
 * Inactive ReLU units by exact integer arithmetic: every drawn entry has one
 * decimal, so 10·W, 10·x and 100·b are integers and z_i is computed in
 * hundredths without round-off. Mode zero-grads builds the whole gradient
 * ∂C/∂W_ij = g_i·relu′(z_i)·x_j and counts its zero entries one by one.
 */

interface Drawn {
  mode: "dead" | "zero-grads";
  W: readonly (readonly number[])[];
  b: readonly number[];
  x: readonly number[];
  g: readonly number[];
}

/** Σ_j W_ij x_j in hundredths (an integer), and z_i = that + b_i, also in hundredths. */
function preActivations(d: Drawn): { wx: number[]; z: number[] } {
  const tenths = (v: number) => Math.round(v * 10);
  const wx = d.W.map((row) => {
    let sum = 0;
    for (let j = 0; j < row.length; j++) sum += tenths(row[j] as number) * tenths(d.x[j] as number);
    return sum;
  });
  return { wx, z: wx.map((v, i) => v + Math.round((d.b[i] as number) * 100)) };
}

/** 1-based indices of the units whose pre-activation (in `z`) is at most 0. */
const offUnits = (z: readonly number[]) => z.flatMap((v, i) => (v <= 0 ? [i + 1] : []));
const onUnits = (z: readonly number[]) => z.flatMap((v, i) => (v > 0 ? [i + 1] : []));

/** How many entries of g_i relu′(z_i) x_j are exactly zero (`zero`) or not, over the whole n×d matrix. */
function gradientEntries(d: Drawn, z: readonly number[]): { zero: number; nonzero: number } {
  let zero = 0;
  let nonzero = 0;
  z.forEach((zi, i) => {
    for (const xj of d.x) {
      const entry = (d.g[i] as number) * (zi > 0 ? 1 : 0) * xj;
      if (entry === 0) zero++;
      else nonzero++;
    }
  });
  return { zero, nonzero };
}

export const reluDeadUnitsOracle: Oracle<Drawn> = {
  combos: [{ mode: "dead" }, { mode: "zero-grads" }],
  expected(d) {
    const { z } = preActivations(d);
    return d.mode === "dead" ? offUnits(z) : gradientEntries(d, z).zero;
  },
  mistakes(d): Record<string, number | number[]> {
    const { wx, z } = preActivations(d);
    if (d.mode === "dead") {
      return {
        "listed-active": onUnits(z),
        "bias-only": d.b.flatMap((bi, i) => (bi < 0 ? [i + 1] : [])),
        "forgot-bias": offUnits(wx),
      };
    }
    return {
      "dead-count-only": offUnits(z).length,
      "counted-nonzero": gradientEntries(d, z).nonzero,
      // The zero entries of the gradient computed with z_i = Σ_j W_ij x_j.
      "forgot-bias": gradientEntries(d, wx).zero,
    };
  },
};
