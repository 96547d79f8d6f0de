import { FP16_MIN_NORMAL, lossScaledFloat16, toFloat16 } from "@/lib/engine/float16";
import type { Rng } from "@/lib/engine/rng";
import { round } from "../../kit/draw";
import { REL_TOL, resolveMistakes } from "../../kit/mistakes";
import { texList } from "../../kit/tex";
import type { MistakeOf, Solved } from "../../define";
import type { AnswerSpec, ExerciseParams } from "../../types";

/**
 * fp16 underflow of a small gradient g, and loss scaling: the answer is
 *   \bigl(\mathrm{fp16}(g),\ \mathrm{fp16}(S g)/S\bigr),
 * what fp16 keeps of g without and with a loss scale S = 2^k. Difficulty 1:
 * g below half the smallest subnormal (stored as 0), S·g normal; 2: g a coarse
 * subnormal, S·g normal; 3: S too small, so S·g is still a coarse subnormal.
 */

export interface Params extends ExerciseParams {
  difficulty: 1 | 2 | 3;
}

export interface Drawn {
  /** g = m · 10^e, m with 3 significant digits. */
  m: number;
  e: number;
  /** S = 2^k. */
  k: number;
}

/** How one value is rounded to fp16: the spacing q = 2^qExp of its binade, x/q, and the integer n it rounds to. */
export interface Rounding {
  x: number;
  qExp: number;
  quanta: number;
  n: number;
  stored: number;
}

export interface Solution extends Solved {
  expected: number[];
  g: number;
  S: number;
  plain: Rounding;
  scaled: Rounding;
  recovered: number;
}

export type MistakeId = "no-rounding" | "forgot-unscale" | "flushed-subnormals" | "truncated";

/** The spacing exponent of fp16 values near x: 10 bits below its binade, never finer than 2^-24. */
export function spacingExp(x: number): number {
  const e = Math.floor(Math.log2(x));
  const exact = 2 ** e > x ? e - 1 : 2 ** (e + 1) <= x ? e + 1 : e;
  return Math.max(exact, -14) - 10;
}

function rounding(x: number): Rounding {
  const stored = toFloat16(x);
  const qExp = spacingExp(x);
  return { x, qExp, quanta: x / 2 ** qExp, n: stored / 2 ** qExp, stored };
}

export const gOf = (d: Drawn): number => d.m * 10 ** d.e;

export function draw(rng: Rng, p: Params): Drawn | null {
  // Difficulty 1 and 3: g around or below 2^-25 ≈ 2.98e-8; 2: a few to a few dozen subnormal steps. 3 has a small S.
  const [lo, hi] = p.difficulty === 2 ? [-7.2, -5.9] : [-8.4, -7.53];
  const lg = rng.uniform(lo, hi);
  const e = Math.floor(lg);
  const m = round(10 ** (lg - e), 2);
  const k = p.difficulty === 3 ? rng.int(3, 9) : rng.int(10, 16);
  // A mantissa that rounds up to 10 is redrawn, so g is always written m × 10^e with 1 ≤ m < 10.
  return m >= 10 ? null : { m, e, k };
}

export function solve(d: Drawn, p: Params): Solution | null {
  const g = gOf(d);
  const S = 2 ** d.k;
  const plain = rounding(g);
  const scaled = rounding(g * S);
  const recovered = lossScaledFloat16(g, S);
  if (p.difficulty === 1 && plain.stored !== 0) return null;
  if (p.difficulty === 2 && plain.stored === 0) return null;
  // S·g normal at difficulties 1–2 (the scale did its job), still subnormal at 3 (it did not).
  if ((p.difficulty === 3) !== (g * S < FP16_MIN_NORMAL)) return null;
  // Difficulty 3 must still keep something, more than the unscaled value, yet visibly coarse (≥ 2 % off).
  if (recovered === 0 || Math.abs(recovered - g) >= Math.abs(plain.stored - g)) return null;
  if (p.difficulty === 3 && Math.abs(recovered - g) < 0.02 * g) return null;
  const expected = [plain.stored, recovered];
  return { answer: { kind: "vector", length: 2, tolerance: { rel: REL_TOL } }, expected, expectedTex: texList(expected, 4), g, S, plain, scaled, recovered };
}

/** fp16 with subnormals flushed to zero, as some hardware modes do. */
const flushed = (x: number): number => (Math.abs(x) < FP16_MIN_NORMAL ? 0 : toFloat16(x));
/** Rounding toward zero to the fp16 grid. */
const truncated = (x: number): number => {
  const q = 2 ** spacingExp(x);
  return Math.floor(x / q) * q;
};

export function mistakes(_d: Drawn, s: Solution): MistakeOf<MistakeId>[] | null {
  const spec: AnswerSpec = { kind: "vector", length: 2, tolerance: { rel: REL_TOL } };
  return resolveMistakes(
    s.expected,
    [
      { id: "no-rounding" as const, value: [s.g, s.g] },
      { id: "forgot-unscale" as const, value: [s.plain.stored, s.scaled.stored] },
      { id: "flushed-subnormals" as const, value: [flushed(s.g), flushed(s.g * s.S) / s.S], optional: true },
      { id: "truncated" as const, value: [truncated(s.g), truncated(s.g * s.S) / s.S], optional: true },
    ],
    spec,
    true,
  );
}
