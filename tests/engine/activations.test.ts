import { describe, expect, it } from "vitest";
import { applyActivation, getActivation, leakyReluPrime, relu, reluPrime } from "@/lib/engine/activations";

describe("relu at its kink", () => {
  it("relu′(0) = 0, the subgradient PyTorch and TF.js pick, in every path that computes it", () => {
    expect(relu(0)).toBe(0);
    expect(reluPrime(0)).toBe(0);
    expect(reluPrime(-0)).toBe(0);
    expect(getActivation("relu").fPrime(0)).toBe(0);
    const z = Float64Array.from([-1, -0, 0, Number.MIN_VALUE, 2]);
    const a = new Float64Array(z.length);
    const fp = new Float64Array(z.length);
    applyActivation("relu", z, a, fp);
    expect([...fp]).toEqual([0, 0, 0, 1, 1]);
    expect([...a]).toEqual([0, 0, 0, Number.MIN_VALUE, 2]);
  });

  it("either side of 0 the derivative is 0 and 1; leaky_relu takes its left slope 0.01 at 0", () => {
    expect(reluPrime(-Number.MIN_VALUE)).toBe(0);
    expect(reluPrime(Number.MIN_VALUE)).toBe(1);
    expect(leakyReluPrime(0)).toBe(0.01);
    const fp = new Float64Array(1);
    applyActivation("leaky_relu", Float64Array.from([0]), new Float64Array(1), fp);
    expect(fp[0]).toBe(0.01);
  });
});
