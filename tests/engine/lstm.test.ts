import { describe, expect, it } from "vitest";
import { createRng, EngineError } from "@/lib/engine";
import { cellStatePathGradient, hiddenFromCell, lstmCellForward, stepsBelow } from "@/lib/engine/lstm";
import { expectClose } from "./helpers";

/** A random set of gate values for T steps (f, i, o in (0, 1), g in (−1, 1)). */
function randomGates(seed: number, T: number) {
  const rng = createRng(seed);
  const unit = () => Array.from({ length: T }, () => rng.uniform(0.05, 0.99));
  return { f: unit(), i: unit(), g: Array.from({ length: T }, () => rng.uniform(-0.95, 0.95)), o: unit() };
}

/** Central difference of `fn` at c0. */
const central = (fn: (c0: number) => number, c0: number, h = 1e-6) => (fn(c0 + h) - fn(c0 - h)) / (2 * h);

describe("lstmCellForward", () => {
  it("runs a worked example: c_0 = 1, f = (0.5, 0.8), i = (1, 0.5), g = (0.2, −0.4)", () => {
    // c_1 = 0.5·1 + 1·0.2 = 0.7; c_2 = 0.8·0.7 + 0.5·(−0.4) = 0.36.
    const r = lstmCellForward(1, { f: [0.5, 0.8], i: [1, 0.5], g: [0.2, -0.4], o: [1, 0.5] });
    expectClose(r.c, [1, 0.7, 0.36], 1e-14);
    expectClose(r.h, [Math.tanh(0.7), 0.5 * Math.tanh(0.36)], 1e-14);
  });

  it("rejects gates of different lengths and a non-finite c_0, naming the field", () => {
    expect(() => lstmCellForward(0, { f: [0.5, 0.5], i: [0.5], g: [0.1, 0.1], o: [0.5, 0.5] })).toThrow(/^i: expected length 2/);
    expect(() => lstmCellForward(Number.NaN, { f: [0.5], i: [0.5], g: [0.1], o: [0.5] })).toThrow(EngineError);
  });
});

describe("cellStatePathGradient", () => {
  it("is ∂c_T/∂c_0 of the recursion by central differences, gates held fixed", () => {
    for (let seed = 1; seed <= 30; seed++) {
      const T = 1 + (seed % 12);
      const gates = randomGates(seed, T);
      const c0 = createRng(seed + 100).uniform(-2, 2);
      const cT = (c: number) => lstmCellForward(c, gates).c[T] as number;
      expectClose(cellStatePathGradient(gates.f), central(cT, c0), 1e-7, 1e-10);
    }
  });

  it("is ∂c_to/∂c_from for an inner stretch, and 1 for an empty one", () => {
    const gates = randomGates(7, 8);
    // Restart the recursion at c_2 and run it to c_6.
    const c2 = lstmCellForward(0.3, gates).c[2] as number;
    const stretch = { f: gates.f.slice(2, 6), i: gates.i.slice(2, 6), g: gates.g.slice(2, 6), o: gates.o.slice(2, 6) };
    const c6 = (c: number) => lstmCellForward(c, stretch).c[4] as number;
    expectClose(cellStatePathGradient(gates.f, 2, 6), central(c6, c2), 1e-7, 1e-10);
    expect(cellStatePathGradient(gates.f, 3, 3)).toBe(1);
    expect(() => cellStatePathGradient(gates.f, 5, 2)).toThrow(/^from:/);
    expect(() => cellStatePathGradient(gates.f, 0, 9)).toThrow(/^from:/);
  });

  it("pins the note's numbers: 0.99^100 ≈ 0.366, 0.9^100 ≈ 2.66e-5", () => {
    expectClose(cellStatePathGradient(Array(100).fill(0.99)), 0.36603234127322926, 1e-12);
    expectClose(cellStatePathGradient(Array(100).fill(0.9)), 2.6561398887587544e-5, 1e-12);
  });
});

describe("hiddenFromCell", () => {
  it("with the cell path gives ∂h_T/∂c_0 by central differences: ∏ f_t · o_T tanh′(c_T)", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const T = 2 + (seed % 6);
      const gates = randomGates(seed * 3, T);
      const hT = (c: number) => lstmCellForward(c, gates).h[T - 1] as number;
      const cT = lstmCellForward(0.4, gates).c[T] as number;
      const analytic = cellStatePathGradient(gates.f) * hiddenFromCell(gates.o[T - 1] as number, cT);
      expectClose(analytic, central(hT, 0.4), 1e-7, 1e-10);
    }
  });
});

describe("stepsBelow", () => {
  /** Multiplies step by step until the product is below τ. */
  function bruteForce(f: number, tau: number): number {
    let p = 1;
    let k = 0;
    while (p >= tau) {
      p *= f;
      k += 1;
    }
    return k;
  }

  it("agrees with multiplying step by step", () => {
    const rng = createRng(3);
    for (let n = 0; n < 300; n++) {
      const f = rng.uniform(0.3, 0.999);
      const tau = 10 ** -rng.int(1, 6);
      expect(stepsBelow(f, tau), `f = ${f}, τ = ${tau}`).toBe(bruteForce(f, tau));
    }
  });

  it("pins worked values: 0.9 and 1 % → 44 steps, 0.5 and 1 % → 7, and an exact power is not below", () => {
    // ln 0.01 / ln 0.9 = 43.71; 0.5^6 = 0.0156, 0.5^7 = 0.0078.
    expect(stepsBelow(0.9, 0.01)).toBe(44);
    expect(stepsBelow(0.5, 0.01)).toBe(7);
    // 0.5^3 = 0.125 exactly: not below 0.125, so one more step.
    expect(stepsBelow(0.5, 0.125)).toBe(4);
  });

  it("rejects a gate or threshold outside (0, 1)", () => {
    expect(() => stepsBelow(1, 0.01)).toThrow(/^f:/);
    expect(() => stepsBelow(0.9, 0)).toThrow(/^tau:/);
  });
});
