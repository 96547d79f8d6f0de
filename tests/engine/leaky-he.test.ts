import { describe, expect, it } from "vitest";
import { createRng, EngineError, heVariance, leakyHeVariance } from "@/lib/engine";

describe("leakyHeVariance", () => {
  it("is 2/((1 + α²) n_in): He at α = 0, 1/n_in for a linear unit", () => {
    expect(leakyHeVariance(100, 0)).toBe(heVariance(100));
    expect(leakyHeVariance(100, 1)).toBeCloseTo(1 / 100, 15);
    expect(leakyHeVariance(50, 0.2)).toBeCloseTo(2 / (1.04 * 50), 15);
    expect(() => leakyHeVariance(50, -0.1)).toThrow(EngineError);
    expect(() => leakyHeVariance(0, 0.1)).toThrow(/nIn/);
  });

  it("keeps the second moment of pre-activations constant through a deep leaky layer stack (Monte Carlo)", () => {
    const rng = createRng(21);
    const n = 200;
    const alpha = 0.3;
    const sd = Math.sqrt(leakyHeVariance(n, alpha));
    const f = (z: number) => (z > 0 ? z : alpha * z);
    let x = Array.from({ length: n }, () => rng.gaussian(0, 1));
    const moment = (v: number[]) => v.reduce((s, u) => s + u * u, 0) / v.length;
    const first = moment(x);
    for (let layer = 0; layer < 20; layer++) {
      const a = x.map(f);
      x = Array.from({ length: n }, () => a.reduce((s, ai) => s + rng.gaussian(0, sd) * ai, 0));
    }
    // 20 layers of ±(2/n)^{1/2}-sized noise each: well inside a factor 2 either way.
    const ratio = moment(x) / first;
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});
