import { EngineError } from "@/lib/engine/errors";
import type { Rng } from "@/lib/engine/rng";

/**
 * Shared helpers for exercise generators: TeX formatting of drawn numbers and
 * deterministic redrawing of bad instances.
 */

/** A number in TeX with `digits` significant digits; scientific form for very small or large values. */
export function texNum(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return x > 0 ? "\\infty" : x < 0 ? "-\\infty" : "\\text{NaN}";
  if (x === 0) return "0";
  const ax = Math.abs(x);
  if (ax < 1e-3 || ax >= 1e5) {
    const [mant, exp] = x.toExponential(digits - 1).split("e");
    const m = String(Number(mant));
    return `${m} \\times 10^{${Number(exp)}}`;
  }
  return String(Number(x.toPrecision(digits)));
}

/** Plain-text form of a number (for answers typed back): up to `digits` significant digits. */
export function plainNum(x: number, digits = 6): string {
  if (x === 0) return "0";
  const ax = Math.abs(x);
  return ax < 1e-3 || ax >= 1e5 ? x.toExponential(digits - 1).replace(/\.?0+e/, "e") : String(Number(x.toPrecision(digits)));
}

/** A column vector in TeX. */
export function texVec(v: readonly number[], digits = 4): string {
  return `\\begin{pmatrix} ${v.map((x) => texNum(x, digits)).join(" \\\\ ")} \\end{pmatrix}`;
}

/** A row list in TeX, e.g. (0.1,\ -0.2). */
export function texList(v: readonly number[], digits = 4): string {
  return `\\left(${v.map((x) => texNum(x, digits)).join(",\\ ")}\\right)`;
}

/** A matrix in TeX. */
export function texMat(m: readonly (readonly number[])[], digits = 4): string {
  return `\\begin{pmatrix} ${m.map((row) => row.map((x) => texNum(x, digits)).join(" & ")).join(" \\\\ ")} \\end{pmatrix}`;
}

/** Rounds to a number of decimals; drawn parameters are rounded so prompts show them exactly. */
export function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
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

/** Reads a string parameter, falling back to the first allowed value. */
export function stringParam<T extends string>(params: Record<string, unknown>, key: string, allowed: readonly T[]): T {
  const v = params[key];
  if (v === undefined) return allowed[0]!;
  if (typeof v === "string" && (allowed as readonly string[]).includes(v)) return v as T;
  throw new EngineError(`params.${key}`, `expected one of ${allowed.join(", ")}, got ${String(v)}`);
}

/** The difficulty knob, clamped to 1..3. */
export function difficultyOf(params: { difficulty?: unknown }): 1 | 2 | 3 {
  const d = Number(params.difficulty ?? 2);
  return (d <= 1 ? 1 : d >= 3 ? 3 : 2) as 1 | 2 | 3;
}
