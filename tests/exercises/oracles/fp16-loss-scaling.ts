import type { Oracle } from "./types";

/**
 * fp16 by its bit patterns: every positive finite value decoded from the
 * exponent and fraction fields, then a value rounded by searching that sorted
 * table (nearest, ties to the even fraction; toward zero: the largest not
 * above). Never the engine's arithmetic rounding.
 */

interface Draw {
  m: number;
  e: number;
  k: number;
}

const TABLE: { value: number; even: boolean }[] = [];
for (let bits = 0; bits < 0x7c00; bits++) {
  const exp = bits >> 10;
  const frac = bits & 0x3ff;
  TABLE.push({ value: exp === 0 ? frac * 2 ** -24 : (1 + frac / 1024) * 2 ** (exp - 15), even: frac % 2 === 0 });
}

/** Index of the largest table value ≤ x (x ≥ 0, below the overflow threshold). */
function below(x: number): number {
  let lo = 0;
  let hi = TABLE.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (TABLE[mid]!.value <= x) lo = mid;
    else hi = mid;
  }
  return TABLE[hi]!.value <= x ? hi : lo;
}

function nearest(x: number): number {
  const i = below(x);
  const a = TABLE[i]!;
  const b = TABLE[i + 1];
  if (!b) return a.value;
  const da = x - a.value;
  const db = b.value - x;
  return da < db ? a.value : db < da ? b.value : a.even ? a.value : b.value;
}

const towardZero = (x: number): number => TABLE[below(x)]!.value;
const flushed = (x: number): number => (x < 2 ** -14 ? 0 : nearest(x));

export const fp16LossScalingOracle: Oracle<Draw> = {
  expected({ m, e, k }) {
    const g = m * 10 ** e;
    const S = 2 ** k;
    return [nearest(g), nearest(g * S) / S];
  },
  mistakes({ m, e, k }) {
    const g = m * 10 ** e;
    const S = 2 ** k;
    return {
      "no-rounding": [g, g],
      "forgot-unscale": [nearest(g), nearest(g * S)],
      "flushed-subnormals": [flushed(g), flushed(g * S) / S],
      truncated: [towardZero(g), towardZero(g * S) / S],
    };
  },
};
