import { describe, expect, it } from "vitest";
import { createRng, portableLog, xoshiro128ss } from "@/lib/engine";
import { expectClose } from "./helpers";

// Reference values come from an independent Python implementation of
// splitmix32 seeding + xoshiro128** + the polar Box–Muller method (with
// Python's own math.log), run once and pasted here.

describe("xoshiro128** and seeding", () => {
  it("reproduces the published xoshiro128** outputs for state {1, 2, 3, 4}", () => {
    const next = xoshiro128ss([1, 2, 3, 4]);
    expect(Array.from({ length: 6 }, next)).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  it("seed 42: raw 32-bit words and 53-bit doubles match the reference", () => {
    const a = createRng(42);
    expect([a.nextUint32(), a.nextUint32(), a.nextUint32(), a.nextUint32()]).toEqual([2837322924, 544945897, 479756282, 3500138142]);
    const b = createRng(42);
    expect([b.next(), b.next(), b.next()]).toEqual([0.6606157208001621, 0.1117019639532224, 0.0791056456144914]);
    const z = createRng(0);
    expect([z.next(), z.next(), z.next()]).toEqual([0.8868539502021594, 0.012474988946590604, 0.032522145755498943]);
  });

  it("uses both halves of a 53-bit seed", () => {
    const big = createRng(2 ** 32 + 1);
    expect([big.next(), big.next(), big.next()]).toEqual([0.5686073359394632, 0.8887072912451763, 0.19714490794993056]);
    expect(createRng(1).next()).not.toBe(createRng(2 ** 32 + 1).next());
  });

  it("same seed → same sequence; different seeds → different sequences", () => {
    const a = createRng(123);
    const b = createRng(123);
    const c = createRng(124);
    const sa = Array.from({ length: 1000 }, () => a.gaussian());
    const sb = Array.from({ length: 1000 }, () => b.gaussian());
    const sc = Array.from({ length: 1000 }, () => c.gaussian());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });

  it("rejects seeds that are not safe integers", () => {
    expect(() => createRng(1.5)).toThrow(/^seed: expected a safe integer/);
    expect(() => createRng(Number.NaN)).toThrow(/^seed:/);
  });
});

describe("samplers", () => {
  it("Gaussian (polar Box–Muller) matches the reference and has mean 0, variance 1", () => {
    const r = createRng(2024);
    const first = Array.from({ length: 6 }, () => r.gaussian());
    expectClose(first, [0.5281219956131165, -1.7411854449674649, 0.06954287924091863, -0.3086546823570073, -0.4536896218199372, 0.2533869562118967], 1e-14, 0);
    const n = 200_000;
    const g = createRng(5);
    let s1 = 0;
    let s2 = 0;
    let s4 = 0;
    for (let i = 0; i < n; i++) {
      const x = g.gaussian(3, 2);
      s1 += x;
      s2 += (x - 3) ** 2;
      s4 += ((x - 3) / 2) ** 4;
    }
    // Tolerances are ~5 standard errors of each estimator.
    expect(Math.abs(s1 / n - 3)).toBeLessThan(5 * (2 / Math.sqrt(n)));
    expect(Math.abs(s2 / n / 4 - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(s4 / n - 3)).toBeLessThan(5 * Math.sqrt(96 / n));
  });

  it("uniform lies in [a, b) with the right mean and variance", () => {
    const r = createRng(6);
    const n = 100_000;
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = r.uniform(-1, 3);
      expect(x >= -1 && x < 3).toBe(true);
      s1 += x;
      s2 += (x - 1) ** 2;
    }
    expect(Math.abs(s1 / n - 1)).toBeLessThan(5 * Math.sqrt(16 / 12 / n));
    expect(Math.abs(s2 / n - 16 / 12)).toBeLessThan(0.02);
  });

  it("int covers [lo, hi] inclusively and evenly; pick and shuffle use it", () => {
    const r = createRng(7);
    const counts = new Map<number, number>();
    for (let i = 0; i < 60_000; i++) {
      const k = r.int(-2, 3);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
    for (const c of counts.values()) expect(Math.abs(c - 10_000)).toBeLessThan(500);
    expect(["a", "b", "c"]).toContain(r.pick(["a", "b", "c"]));
    const items = Array.from({ length: 20 }, (_, i) => i);
    const sh = r.shuffle(items);
    expect(sh).not.toEqual(items);
    expect(sh.slice().sort((a, b) => a - b)).toEqual(items);
    expect(() => r.int(3, 2)).toThrow(/^hi:/);
    expect(() => r.pick([])).toThrow(/^items:/);
  });

  it("portableLog agrees with Math.log to a few ulps over a wide range", () => {
    for (const x of [1e-300, 1e-20, 1e-5, 0.1, 0.5, 0.7071, 0.99999, 1, 1.00001, 1.5, 2, 10, 12345.678, 1e100, 1e300]) {
      expectClose(portableLog(x), Math.log(x), 4e-16, 4e-16);
    }
    const r = createRng(8);
    for (let i = 0; i < 10_000; i++) {
      const x = r.next() + 1e-12;
      expectClose(portableLog(x), Math.log(x), 4e-16, 4e-16, `log(${x})`);
    }
    expect(() => portableLog(0)).toThrow(/^x:/);
  });
});
