import { EngineError } from "./errors";
import { parseNumber } from "./spec";

/**
 * IEEE 754 half precision (fp16): 1 sign bit, 5 exponent bits, 10 stored
 * fraction bits. Normal numbers 2^-14 ≤ |x| ≤ 65504 carry 11 significant bits;
 * below 2^-14 the subnormals are the multiples of 2^-24; anything under half
 * of 2^-24 rounds to 0. That floor is why small gradients vanish in fp16
 * training and why mixed precision multiplies the loss by a scale S first.
 */

/** Largest finite fp16 value, (2 − 2^-10)·2^15. */
export const FP16_MAX = 65504;
/** Smallest positive normal fp16 value. */
export const FP16_MIN_NORMAL = 2 ** -14;
/** Smallest positive subnormal fp16 value, the spacing of all subnormals. */
export const FP16_MIN_SUBNORMAL = 2 ** -24;

/** floor(log2 |x|) exactly, for finite x ≠ 0 (Math.log2 can be off by one at powers of two). */
function exponentOf(ax: number): number {
  let e = Math.floor(Math.log2(ax));
  if (2 ** e > ax) e -= 1;
  else if (2 ** (e + 1) <= ax) e += 1;
  return e;
}

/**
 * x rounded to the nearest fp16 value, ties to even, as a float64:
 *   \mathrm{fp16}(x) = \operatorname{sign}(x)\,q\,\mathrm{round}_{\mathrm{even}}(|x|/q),\quad q = 2^{\max(e,\,-14) - 10},\ e = \lfloor \log_2 |x| \rfloor,
 * ±Infinity past the overflow threshold 65520 (the midpoint above 65504).
 */
export function toFloat16(x: number): number {
  if (typeof x !== "number") throw new EngineError("x", `expected a number, got ${typeof x}`);
  if (x === 0 || !Number.isFinite(x)) return x;
  const ax = Math.abs(x);
  const q = 2 ** (Math.max(exponentOf(ax), -14) - 10);
  // |x|/q is exact (q is a power of two), so the tie test is exact too.
  const v = ax / q;
  const r = Math.floor(v);
  const frac = v - r;
  const n = frac > 0.5 || (frac === 0.5 && r % 2 === 1) ? r + 1 : r;
  const out = n * q;
  if (out > FP16_MAX) return x > 0 ? Infinity : -Infinity;
  return x < 0 ? -out : out;
}

/** The loss-scaling round trip: g·S stored in fp16, then divided by S in float32/64 (S a power of two, so the division is exact). */
export function lossScaledFloat16(g: number, scale: number): number {
  if (!(parseNumber(scale, "scale") > 0)) throw new EngineError("scale", `expected a positive loss scale, got ${scale}`);
  return toFloat16(g * scale) / scale;
}
