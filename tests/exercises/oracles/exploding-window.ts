import type { Oracle } from "./types";

/**
 * The exploding window of a sigmoid neuron by another route than the
 * generator's: |w| σ′(z) = 1 at z = ±z₊ with z₊ = ln((1 + r)/(1 − r)) = 2 artanh r,
 * r = √(1 − 4/|w|), so the width in x is 4 artanh(r)/|w|; an input is inside
 * when its |w x + b| ≤ z₊ (no σ′ evaluated).
 */

type Drawn = { mode: "width"; w: number; b: number } | { mode: "inside"; w: number; b: number; x: number; wantInside: boolean };

/** Half-width of the window in z. */
const zPlus = (w: number) => 2 * Math.atanh(Math.sqrt(1 - 4 / Math.abs(w)));

/** σ′(w x + b) at the drawn x (0 in width mode, whose mistakes do not use it), from the quotient form. */
function sigPrimeAt(d: Drawn): number {
  const e = Math.exp(-(d.w * (d.mode === "inside" ? d.x : 0) + d.b));
  return e / (1 + e) ** 2;
}

export const explodingWindowOracle: Oracle<Drawn> = {
  combos: [{ mode: "width" }, { mode: "inside" }],
  expected(d) {
    if (d.mode === "width") return (2 * zPlus(d.w)) / Math.abs(d.w);
    return Math.abs(d.w * d.x + d.b) <= zPlus(d.w) ? "A" : "B";
  },
  mistakes(d) {
    const zp = zPlus(d.w);
    const aw = Math.abs(d.w);
    return {
      "no-prefactor": zp,
      "one-over-w": zp / aw,
      // The reciprocal argument: ln(1/t) = −ln t.
      "minus-root": (-2 * zp) / aw,
      "in-z-units": 2 * zp,
      // The factor at x without its w: σ′(z) alone, compared with 1.
      "forgot-w": sigPrimeAt(d) >= 1 ? "A" : "B",
      // The peak |w|/4 taken for the factor at x.
      "max-not-value": aw / 4 >= 1 ? "A" : "B",
    };
  },
};
