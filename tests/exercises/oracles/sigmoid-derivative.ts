import type { Oracle } from "./types";

/**
 * σ′(z) from the quotient form e^{−z}/(1 + e^{−z})² (the generator uses σ(1 − σ)),
 * and the largest |w σ′| as |w| times σ(1 − σ) at its peak σ = ½; the mistakes
 * from what each one means.
 */

type Drawn = { mode: "value"; z: number; w?: number; x?: number; b?: number } | { mode: "bound"; w: number; b?: number };

const sig = (z: number) => 1 / (1 + Math.exp(-z));
const sigPrime = (z: number) => Math.exp(-z) / (1 + Math.exp(-z)) ** 2;

export const sigmoidDerivativeOracle: Oracle<Drawn> = {
  combos: [{ mode: "value" }, { mode: "bound" }],
  expected(d) {
    if (d.mode === "value") return sigPrime(d.z);
    return Math.abs(d.w) * 0.5 * 0.5;
  },
  mistakes(d) {
    if (d.mode === "value") {
      const out: Record<string, number> = {
        "sigma-not-prime": sig(d.z),
        "one-minus-only": Math.exp(-d.z) / (1 + Math.exp(-d.z)),
        "tanh-derivative": 1 / Math.cosh(d.z) ** 2,
      };
      if (d.w !== undefined && d.x !== undefined) {
        out["forgot-chain-z"] = sigPrime(d.x);
        out["times-w"] = d.w * sigPrime(d.z);
      }
      return out;
    }
    const aw = Math.abs(d.w);
    return {
      "quarter-only": 1 / 4,
      half: aw * 0.5,
      // σ → 1 in place of σ′'s peak.
      "sigma-max": aw * 1,
      signed: d.w * 0.5 * 0.5,
      "at-x-zero": aw * sigPrime(d.b ?? 0),
    };
  },
};
