import type { Oracle } from "./types";

/**
 * The leaky-ReLU He variance from the variance-preservation condition solved
 * for Var(w): n_in · Var(w) · E[f(z)²]/E[z²] = 1, with E[f(z)²]/E[z²] for a
 * symmetric z written as the average of the two halves' gains, (1 + α²)/2.
 * Fan-in and fan-out counted from the layer's shape.
 */

type Layer =
  | { layer: "dense"; alpha: number; nIn: number; nOut: number }
  | { layer: "conv"; alpha: number; k: number; cIn: number; cOut: number; askStd: boolean };

const gain = (alpha: number) => (1 * 1 + alpha * alpha) / 2;
const preserving = (fan: number, g: number) => 1 / (fan * g);

function fans(d: Layer) {
  return d.layer === "dense" ? { fin: d.nIn, fout: d.nOut, std: false } : { fin: d.k * d.k * d.cIn, fout: d.k * d.k * d.cOut, std: d.askStd };
}

export const leakyHeVarianceOracle: Oracle<Layer> = {
  expected(d) {
    const { fin, std } = fans(d);
    const v = preserving(fin, gain(d.alpha));
    return std ? Math.sqrt(v) : v;
  },
  mistakes(d) {
    const { fin, fout, std } = fans(d);
    const out = (v: number) => (std ? Math.sqrt(v) : v);
    const v = preserving(fin, gain(d.alpha));
    return {
      "plain-he": out(preserving(fin, gain(0))),
      "alpha-not-squared": out(preserving(fin, (1 + d.alpha) / 2)),
      "no-factor-2": out(preserving(fin, 2 * gain(d.alpha))),
      "fan-out": out(preserving(fout, gain(d.alpha))),
      ...(d.layer === "conv" ? { "channels-only": out(preserving(d.cIn, gain(d.alpha))) } : {}),
      "variance-vs-std": std ? v : Math.sqrt(v),
    };
  },
};
