import { describe, expect, it } from "vitest";
import { createRng, EngineError, layerNormBackward, layerNormForward } from "@/lib/engine";
import { expectClose, randomVector } from "./helpers";

/** C = Σ_i c_i y_i for fixed c, so ∂C/∂y = c; its ∂C/∂x by central differences. */
function numericGrad(x: number[], gamma: number[], beta: number[], c: number[], eps: number): number[] {
  const cost = (v: number[]) => layerNormForward(v, gamma, beta, eps).y.reduce((s, y, i) => s + y * (c[i] as number), 0);
  const h = 1e-6;
  return x.map((_, i) => {
    const up = x.slice();
    const down = x.slice();
    up[i] = (up[i] as number) + h;
    down[i] = (down[i] as number) - h;
    return (cost(up) - cost(down)) / (2 * h);
  });
}

describe("layerNormForward", () => {
  it("normalises a worked example: x = (1, 2, 3, 6), γ = 1, β = 0", () => {
    // μ = 3, σ² = (4 + 1 + 0 + 9)/4 = 3.5.
    const r = layerNormForward([1, 2, 3, 6], [1, 1, 1, 1], [0, 0, 0, 0], 0);
    expect(r.mean).toBe(3);
    expect(r.variance).toBe(3.5);
    expectClose(r.y, [-2, -1, 0, 3].map((v) => v / Math.sqrt(3.5)), 1e-14);
  });

  it("makes x̂ of mean 0 and biased variance 1 over the features", () => {
    const rng = createRng(5);
    for (let t = 0; t < 20; t++) {
      const x = randomVector(rng, 7, 3);
      const r = layerNormForward(x, x.map(() => 1), x.map(() => 0), 0);
      const m = r.xHat.reduce((s, v) => s + v, 0) / 7;
      const v = r.xHat.reduce((s, u) => s + (u - m) ** 2, 0) / 7;
      expect(Math.abs(m)).toBeLessThan(1e-12);
      expect(Math.abs(v - 1)).toBeLessThan(1e-12);
    }
  });

  it("rejects constant input with eps = 0 and mismatched γ", () => {
    expect(() => layerNormForward([2, 2, 2], [1, 1, 1], [0, 0, 0], 0)).toThrow(EngineError);
    expect(() => layerNormForward([1, 2, 3], [1, 1], [0, 0, 0], 0)).toThrow(/gamma/);
  });
});

describe("layerNormBackward", () => {
  it("matches central differences of the forward pass", () => {
    const rng = createRng(11);
    for (let t = 0; t < 30; t++) {
      const n = 3 + (t % 5);
      const x = randomVector(rng, n, 2);
      const gamma = randomVector(rng, n, 1);
      const beta = randomVector(rng, n, 1);
      const c = randomVector(rng, n, 1);
      const eps = t % 2 ? 0 : 1e-3;
      const dx = layerNormBackward(c, layerNormForward(x, gamma, beta, eps));
      expectClose(dx, numericGrad(x, gamma, beta, c, eps), 1e-6, 1e-8);
    }
  });

  it("sums to zero and is orthogonal to x̂: shifting or scaling x does not change y", () => {
    const f = layerNormForward([0.5, -1.2, 2, 0.3], [1.5, 0.7, -1, 2], [0, 0, 0, 0], 0);
    const dx = layerNormBackward([0.3, -0.8, 1.1, 0.4], f);
    expect(Math.abs(dx.reduce((s, v) => s + v, 0))).toBeLessThan(1e-12);
    expect(Math.abs(dx.reduce((s, v, i) => s + v * (f.xHat[i] as number), 0))).toBeLessThan(1e-12);
  });
});
