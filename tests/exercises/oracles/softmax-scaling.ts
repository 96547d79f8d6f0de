import type { Oracle } from "./types";

/**
 * With r = Σ_{j≠*} e^{z_j − z_*} (the other keys' weight relative to the top
 * one), p_* = 1/(1 + r), 1 − p_* = r/(1 + r) and p_*(1 − p_*) = r/(1 + r)²:
 * the derivative from r alone, never forming the softmax vector or 1 − p_*
 * by subtraction. The scaled side divides the scores by √d_k; the mistake by d_k.
 */

interface Scores {
  dk: number;
  s: readonly number[];
}

function ratio(s: readonly number[], by: number): number {
  const top = Math.max(...s);
  const star = s.indexOf(top);
  return s.reduce((acc, v, j) => (j === star ? acc : acc + Math.exp((v - top) / by)), 0);
}

const deriv = (r: number) => r / ((1 + r) * (1 + r));

export const softmaxScalingOracle: Oracle<Scores> = {
  expected({ dk, s }) {
    return [deriv(ratio(s, 1)), deriv(ratio(s, Math.sqrt(dk)))];
  },
  mistakes({ dk, s }) {
    const r1 = ratio(s, 1);
    const rs = ratio(s, Math.sqrt(dk));
    return {
      "weights-not-derivatives": [1 / (1 + r1), 1 / (1 + rs)],
      "divided-by-dk": [deriv(r1), deriv(ratio(s, dk))],
      "forgot-factor-p": [r1 / (1 + r1), rs / (1 + rs)],
    };
  },
};
