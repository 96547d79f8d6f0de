/**
 * Every failure the engine reports carries the path of the offending field so
 * that a learner (or the CLI's stderr) can point at the exact number to fix.
 */
export class EngineError extends Error {
  readonly field: string;

  constructor(field: string, detail: string) {
    super(`${field}: ${detail}`);
    this.name = "EngineError";
    this.field = field;
  }
}

/**
 * A valid spec whose result is not representable in float64 (e.g. a linear
 * layer with huge weights). Kept distinct from input errors so callers can tell
 * "your JSON is wrong" from "your network overflows".
 */
export class NonFiniteError extends EngineError {
  constructor(field: string, value: number) {
    super(field, `non-finite result (${String(value)}); the computation overflowed float64`);
    this.name = "NonFiniteError";
  }
}

/** Index of the first non-finite entry, or -1; a plain loop is far cheaper than the matmuls it guards. */
export function firstNonFinite(xs: ArrayLike<number>): number {
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i] as number;
    if (v - v !== 0) return i;
  }
  return -1;
}

/** Throws NonFiniteError naming `field` (with a row/column suffix for matrices) if any entry is not finite. */
export function assertFinite(field: string, xs: ArrayLike<number>, cols = 0): void {
  const i = firstNonFinite(xs);
  if (i < 0) return;
  const suffix = cols > 0 ? `[${Math.floor(i / cols)}][${i % cols}]` : `[${i}]`;
  throw new NonFiniteError(field + suffix, xs[i] as number);
}
