import { describe, expect, it } from "vitest";
import { batchNormBackward, batchNormForward, createRng } from "@/lib/engine";
import { expectClose } from "./helpers";

/**
 * The regime of the batchnorm-backward exercise: one feature, a batch of 3–5,
 * ε = 0. With so few examples every x_i moves μ and σ̂ noticeably, so the
 * paths through the statistics are a large part of ∂C/∂x.
 */

/** C = Σ g_i y_i by plain arithmetic (variance as E[x²] − μ², a different route from the engine's two passes). */
function cost(x: readonly number[], gamma: number, beta: number, g: readonly number[]): number {
  const m = x.length;
  const mu = x.reduce((s, v) => s + v, 0) / m;
  const sd = Math.sqrt(x.reduce((s, v) => s + v * v, 0) / m - mu * mu);
  return x.reduce((s, v, i) => s + (g[i] as number) * (gamma * ((v - mu) / sd) + beta), 0);
}

function engineDx(x: readonly number[], gamma: number, beta: number, g: readonly number[]): number[] {
  const f = batchNormForward(
    x.map((v) => [v]),
    [gamma],
    [beta],
    0,
  );
  return batchNormBackward(
    g.map((v) => [v]),
    f,
  ).dx.map((r) => r[0] as number);
}

describe("batchNormBackward on a batch of 3–5 with ε = 0", () => {
  it("matches central differences of the forward pass", () => {
    const rng = createRng(17);
    for (let n = 0; n < 60; n++) {
      const m = 3 + (n % 3);
      const x = Array.from({ length: m }, () => rng.uniform(-3, 3));
      const g = Array.from({ length: m }, () => rng.uniform(-1.5, 1.5));
      const gamma = rng.uniform(0.3, 2.5);
      const beta = rng.uniform(-1, 1);
      const h = 1e-6;
      const fd = x.map((_, i) => {
        const up = x.slice();
        const down = x.slice();
        up[i] = (up[i] as number) + h;
        down[i] = (down[i] as number) - h;
        return (cost(up, gamma, beta, g) - cost(down, gamma, beta, g)) / (2 * h);
      });
      expectClose(engineDx(x, gamma, beta, g), fd, 1e-5, 1e-7);
    }
  });

  it("pins a worked instance: x = (1.4, 4, 0.6, 1.4), γ = 0.6, g = (1.1, −1.2, −1, 1.4)", () => {
    // Values by central differences in Python, independent of this code base.
    expectClose(engineDx([1.4, 4, 0.6, 1.4], 0.6, 0, [1.1, -1.2, -1, 1.4]), [0.40077587592, -0.22159713920, -0.72019070234, 0.54101196559], 1e-9);
  });

  it("gives 0 for every example when the upstream gradient is the same for all of them", () => {
    // A constant g only shifts every y by the same amount, which the normalisation cancels.
    const dx = engineDx([0.5, 2, -1, 3.2, 0.1], 1.7, 0.3, [0.8, 0.8, 0.8, 0.8, 0.8]);
    expect(Math.max(...dx.map(Math.abs))).toBeLessThan(1e-14);
  });
});
