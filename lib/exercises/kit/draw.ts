import { EngineError } from "@/lib/engine/errors";
import type { Rng } from "@/lib/engine/rng";

/**
 * Drawing numbers for an instance: every drawn value is rounded, so the prompt
 * shows exactly the numbers the answer is computed from, and a bad draw is
 * redrawn from the same RNG stream, so the redraw is deterministic too.
 */

/** Rounds to a number of decimals; drawn parameters are rounded so prompts show them exactly. */
export function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

/** Normalises −0 to 0: −0 prints as "0" but would make "same draw" comparisons and signs odd. */
const noNegZero = (x: number): number => (x === 0 ? 0 : x);

/**
 * A uniform draw on [lo, hi] rounded to `decimals`, redrawn (from the same RNG)
 * while |x| < minAbs, so e.g. no weight is exactly 0 and no input switches a
 * column off. Falls back to minAbs after 1000 tries (only reachable with a
 * range that is almost all inside (−minAbs, minAbs)).
 */
export function roundedUniform(rng: Pick<Rng, "uniform">, lo: number, hi: number, decimals: number, minAbs = 0): number {
  for (let i = 0; i < 1000; i++) {
    const x = noNegZero(round(rng.uniform(lo, hi), decimals));
    if (Math.abs(x) >= minAbs) return x;
  }
  return minAbs;
}

/** A N(mean, sd²) draw rounded to `decimals`. */
export function roundedGaussian(rng: Rng, sd: number, decimals: number, mean = 0): number {
  return noNegZero(round(rng.gaussian(mean, sd), decimals));
}

export function drawMatrix(rows: number, cols: number, entry: () => number): number[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, entry));
}

export function drawVector(n: number, entry: () => number): number[] {
  return Array.from({ length: n }, entry);
}

/**
 * Draws until `accept` holds, from the same RNG stream, so the redraw is
 * deterministic. Throws after `maxTries`: a generator that cannot find a good
 * instance is a bug, not something to hide.
 */
export function drawUntil<T>(rng: Rng, draw: (rng: Rng) => T, accept: (x: T) => boolean, maxTries = 200): T {
  for (let i = 0; i < maxTries; i++) {
    const x = draw(rng);
    if (accept(x)) return x;
  }
  throw new EngineError("seed", `no acceptable instance after ${maxTries} draws`);
}
