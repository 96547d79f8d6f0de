import { describe, expect, it } from "vitest";
import { EngineError, gradientCheckError } from "@/lib/engine";

describe("gradientCheckError", () => {
  it("is ‖a − n‖ / (‖a‖ + ‖n‖) on a worked example", () => {
    // a = (3, 4), n = (3, 4.5): ‖a − n‖ = 0.5, ‖a‖ = 5, ‖n‖ = √29.25.
    expect(gradientCheckError([3, 4], [3, 4.5])).toBeCloseTo(0.5 / (5 + Math.sqrt(29.25)), 15);
    expect(gradientCheckError([1, -2, 3], [1, -2, 3])).toBe(0);
  });

  it("is scale-free and symmetric, and at most 1", () => {
    const a = [0.31, -1.7, 2.2];
    const n = [0.32, -1.69, 2.21];
    const r = gradientCheckError(a, n);
    for (const s of [1e-6, 1e-3, 1e3]) expect(gradientCheckError(a.map((v) => v * s), n.map((v) => v * s)) / r).toBeCloseTo(1, 9);
    expect(gradientCheckError(n, a)).toBe(r);
    expect(gradientCheckError([1, 2], [-1, -2])).toBe(1);
  });

  it("rejects two zero gradients and mismatched lengths", () => {
    expect(() => gradientCheckError([0, 0], [0, 0])).toThrow(EngineError);
    expect(() => gradientCheckError([1, 2], [1])).toThrow(/numeric/);
  });
});
