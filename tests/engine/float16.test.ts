import { describe, expect, it } from "vitest";
import { createRng, FP16_MAX, FP16_MIN_NORMAL, FP16_MIN_SUBNORMAL, lossScaledFloat16, toFloat16 } from "@/lib/engine";

/**
 * A second method: decode every positive finite fp16 bit pattern (exponent
 * field 0..30, fraction 0..1023), then round by searching that sorted table
 * for the nearest value, ties to the pattern with an even fraction.
 */
const TABLE: { value: number; bits: number }[] = [];
for (let bits = 0; bits < 0x7c00; bits++) {
  const exp = bits >> 10;
  const frac = bits & 0x3ff;
  TABLE.push({ bits, value: exp === 0 ? frac * 2 ** -24 : (1 + frac / 1024) * 2 ** (exp - 15) });
}

function byTable(x: number): number {
  const ax = Math.abs(x);
  if (ax >= 65520) return x > 0 ? Infinity : -Infinity;
  let lo = 0;
  let hi = TABLE.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((TABLE[mid] as { value: number }).value <= ax) lo = mid;
    else hi = mid;
  }
  const a = TABLE[lo]!;
  const b = TABLE[hi]!;
  const da = ax - a.value;
  const db = b.value - ax;
  const pick = ax >= b.value ? b : da < db ? a : db < da ? b : a.bits % 2 === 0 ? a : b;
  return x < 0 ? -pick.value : pick.value;
}

describe("toFloat16", () => {
  it("has the format's landmarks", () => {
    expect(toFloat16(FP16_MAX)).toBe(65504);
    expect(toFloat16(65519.99)).toBe(65504);
    expect(toFloat16(65520)).toBe(Infinity);
    expect(toFloat16(FP16_MIN_NORMAL)).toBe(2 ** -14);
    expect(toFloat16(FP16_MIN_SUBNORMAL)).toBe(2 ** -24);
    // Half the smallest subnormal is a tie between 0 and 2^-24: to even, 0.
    expect(toFloat16(2 ** -25)).toBe(0);
    expect(toFloat16(2 ** -25 * 1.0001)).toBe(2 ** -24);
    expect(toFloat16(1 + 2 ** -11)).toBe(1);
    expect(toFloat16(1 + 3 * 2 ** -11)).toBe(1 + 2 ** -9);
    expect(toFloat16(-3e-8)).toBe(-(2 ** -24));
  });

  it("agrees with nearest-in-the-table rounding on every midpoint and on random values across the range", () => {
    for (let i = 0; i + 1 < TABLE.length; i++) {
      const mid = (TABLE[i]!.value + TABLE[i + 1]!.value) / 2;
      expect(toFloat16(mid)).toBe(byTable(mid));
      expect(toFloat16(TABLE[i]!.value)).toBe(TABLE[i]!.value);
    }
    const rng = createRng(16);
    for (let t = 0; t < 20000; t++) {
      const x = (rng.uniform(0, 1) < 0.5 ? -1 : 1) * 2 ** rng.uniform(-27, 16.5);
      expect(toFloat16(x)).toBe(byTable(x));
    }
  });
});

describe("lossScaledFloat16", () => {
  it("recovers a gradient that fp16 alone flushes to 0", () => {
    const g = 2e-8;
    expect(toFloat16(g)).toBe(0);
    // 2^16 g is a normal number: 11 significant bits, relative error at most 2^-11.
    const back = lossScaledFloat16(g, 2 ** 16);
    expect(Math.abs(back - g) / g).toBeLessThanOrEqual(2 ** -11);
    // 2^10 g is still subnormal: kept, but only to a multiple of 2^-24 / 2^10.
    expect(lossScaledFloat16(g, 1024)).toBe(Math.round(g * 1024 * 2 ** 24) / 2 ** 24 / 1024);
    expect(() => lossScaledFloat16(g, 0)).toThrow(/scale/);
  });
});
