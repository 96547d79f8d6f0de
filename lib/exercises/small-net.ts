import type { Rng } from "@/lib/engine/rng";
import { round, texNum } from "./format";

/**
 * Helpers shared by mlp-layer-speed, jacobian-spectral and relu-dead-units:
 * rounded draws (so the prompt shows exactly the numbers the answer is
 * computed from), TeX for drawn matrices and vectors, and choice/set text.
 */

/** Normalises −0 to 0: −0 prints as "0" but would make "same draw" comparisons and signs odd. */
const noNegZero = (x: number): number => (x === 0 ? 0 : x);

/** A N(mean, sd²) draw rounded to `decimals`. */
export function roundedGaussian(rng: Rng, sd: number, decimals: number, mean = 0): number {
  return noNegZero(round(rng.gaussian(mean, sd), decimals));
}

/**
 * A uniform draw on [lo, hi] rounded to `decimals`, redrawn (from the same RNG)
 * while |x| < minAbs, so e.g. no weight is exactly 0 and no input switches a
 * column off. Falls back to ±minAbs after many tries (only reachable with a
 * range that is almost all inside (−minAbs, minAbs)).
 */
export function roundedUniformNonZero(rng: Rng, lo: number, hi: number, decimals: number, minAbs: number): number {
  for (let i = 0; i < 1000; i++) {
    const x = noNegZero(round(rng.uniform(lo, hi), decimals));
    if (Math.abs(x) >= minAbs) return x;
  }
  return minAbs;
}

export function drawMatrix(rows: number, cols: number, entry: () => number): number[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, entry));
}

export function drawVector(n: number, entry: () => number): number[] {
  return Array.from({ length: n }, entry);
}

/**
 * Drawn (rounded) numbers: shown exactly, with no trailing zeros. A number
 * rounded to a few decimals is the double nearest that decimal, so String()
 * already prints it exactly (and is much cheaper than toPrecision).
 */
export function texDrawn(x: number): string {
  const ax = Math.abs(x);
  return x === 0 ? "0" : ax >= 1e-3 && ax < 1e5 ? String(x) : texNum(x, 8);
}

/** A drawn matrix in TeX, every entry exact. */
export function texDrawnMat(m: readonly (readonly number[])[]): string {
  return `\\begin{pmatrix} ${m.map((row) => row.map(texDrawn).join(" & ")).join(" \\\\ ")} \\end{pmatrix}`;
}

/** A drawn column vector in TeX, every entry exact. */
export function texDrawnVec(v: readonly number[]): string {
  return `\\begin{pmatrix} ${v.map(texDrawn).join(" \\\\ ")} \\end{pmatrix}`;
}

/** A computed vector as a row, e.g. (0.1234,\ -0.5678), with `digits` significant digits. */
export function texRow(v: readonly number[], digits = 4): string {
  return `\\left(${v.map((x) => texNum(x, digits)).join(",\\ ")}\\right)`;
}

/** The option letters A, B, C, … for `n` choices. */
export function letters(n: number): string[] {
  return Array.from({ length: n }, (_, i) => String.fromCharCode(65 + i));
}

/** Letter of a 0-based option index. */
export const letterOf = (i: number): string => String.fromCharCode(65 + i);

/** A set of 1-based indices in TeX, e.g. \{1, 3\}; ∅ for the empty set. */
export function texIndexSet(s: readonly number[]): string {
  return s.length === 0 ? "\\varnothing" : `\\{${s.join(", ")}\\}`;
}

/** Sorted 1-based indices i (i = 1..n) where pred(i − 1) holds. */
export function indicesWhere(n: number, pred: (i: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (pred(i)) out.push(i + 1);
  return out;
}

/**
 * True when the number `tex` (as displayed) occurs as a whole number in `text`,
 * so a generator can redraw instead of printing its answer in the prompt.
 */
export function showsNumber(text: string, tex: string): boolean {
  if (tex === "") return false;
  const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
  for (let at = text.indexOf(tex); at >= 0; at = text.indexOf(tex, at + 1)) {
    const before = at > 0 ? text[at - 1] : undefined;
    if (!isDigit(before) && before !== "." && !isDigit(text[at + tex.length])) return true;
  }
  return false;
}
