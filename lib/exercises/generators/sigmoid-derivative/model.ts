import { sigmoid, sigmoidPrime, tanhPrime } from "@/lib/engine/activations";
import type { Rng } from "@/lib/engine/rng";
import { round, roundedUniform } from "../../kit/draw";
import { REL_TOL, resolveAllMistakes } from "../../kit/mistakes";
import type { Difficulty } from "../../kit/params";
import { texNum } from "../../kit/tex";
import type { MistakeOf, Solved } from "../../define";
import type { ExerciseParams } from "../../types";

/**
 * The sigmoid's derivative and its bound.
 * value:  \sigma'(z) = \frac{e^{-z}}{(1+e^{-z})^2} = \sigma(z)\,\bigl(1 - \sigma(z)\bigr), at z (or z = wx + b).
 * bound:  \max_x |w\,\sigma'(wx+b)| = |w| \max_z \sigma'(z) = \frac{|w|}{4},
 *         since \sigma(1-\sigma) \le \tfrac14 with equality at \sigma = \tfrac12, i.e. z = 0, x = -b/w
 *         (z = wx + b sweeps all of ℝ when w ≠ 0).
 */

export const MODES = ["value", "bound"] as const;
export type Mode = (typeof MODES)[number];

export interface Params extends ExerciseParams {
  difficulty: Difficulty;
  mode: Mode;
}

/** value: σ′ at z, given directly (difficulty 1) or as z = w x + b; bound: the largest |w σ′(w x + b)| over x. */
export type Drawn = { mode: "value"; z: number; w?: number; x?: number; b?: number } | { mode: "bound"; w: number; b?: number };
export type ValueDrawn = Extract<Drawn, { mode: "value" }>;
export type BoundDrawn = Extract<Drawn, { mode: "bound" }>;

export interface ValueSolved extends Solved {
  mode: "value";
  expected: number;
  /** σ(z). */
  sigma: number;
  /** e^{−z}. */
  expNegZ: number;
}
export interface BoundSolved extends Solved {
  mode: "bound";
  expected: number;
  /** |w|. */
  aw: number;
}
export type Solution = ValueSolved | BoundSolved;

/** The text of one mode: (drawn, solution) of that mode. */
export interface ModeText<T> {
  value(d: ValueDrawn, s: ValueSolved): T;
  bound(d: BoundDrawn, s: BoundSolved): T;
}

/** Picks the mode's text function, with drawn and solution narrowed to that mode. */
export function byMode<T>(d: Drawn, s: Solution, f: ModeText<T>): T {
  if (d.mode === "value" && s.mode === "value") return f.value(d, s);
  if (d.mode === "bound" && s.mode === "bound") return f.bound(d, s);
  throw new Error(`sigmoid-derivative: drawn mode ${d.mode} with solution mode ${s.mode}`);
}

/** The drawn numbers of a bound-mode instance (its mistakes' explanations only run in that mode). */
export function boundDrawn(d: Drawn): BoundDrawn {
  if (d.mode !== "bound") throw new Error("sigmoid-derivative: a bound-mode mistake in value mode");
  return d;
}

/** The drawn numbers of a value-mode instance (its mistakes' explanations only run in that mode). */
export function valueDrawn(d: Drawn): ValueDrawn {
  if (d.mode !== "value") throw new Error("sigmoid-derivative: a value-mode mistake in bound mode");
  return d;
}

export type MistakeId =
  | "sigma-not-prime"
  | "one-minus-only"
  | "tanh-derivative"
  | "forgot-chain-z"
  | "times-w"
  | "quarter-only"
  | "half"
  | "sigma-max"
  | "signed"
  | "at-x-zero";


function drawValue(rng: Rng, d: Difficulty): ValueDrawn {
  if (d === 1) return { mode: "value", z: roundedUniform(rng, -4, 4, 2, 0.1) };
  // Difficulty 2: one-decimal numbers; 3: two decimals and wider ranges (more arithmetic before σ′).
  const dec = d === 2 ? 1 : 2;
  const w = roundedUniform(rng, d === 2 ? -2 : -3, d === 2 ? 2 : 3, dec, 0.2);
  const x = roundedUniform(rng, -2, 2, dec, 0.1);
  const b = roundedUniform(rng, d === 2 ? -1 : -2, d === 2 ? 1 : 2, dec);
  // Rounded to the exact decimal the learner gets by hand (w·x + b has at most 2·dec decimals).
  const z = round(w * x + b, 2 * dec);
  return { mode: "value", z, w, x, b };
}

function drawBound(rng: Rng, d: Difficulty): BoundDrawn {
  // Difficulty 1: w > 0; 2: either sign; 3: either sign and a bias that does not change the answer.
  const w = d === 1 ? roundedUniform(rng, 0.1, 1, 2) : roundedUniform(rng, -1, 1, 2, 0.1);
  const b = d === 3 ? roundedUniform(rng, -2, 2, 2, 0.2) : undefined;
  return b === undefined ? { mode: "bound", w } : { mode: "bound", w, b };
}

export function draw(rng: Rng, p: Params): Drawn {
  return p.mode === "value" ? drawValue(rng, p.difficulty) : drawBound(rng, p.difficulty);
}

const ANSWER = { kind: "number", tolerance: { rel: REL_TOL } } as const;

export function solve(d: Drawn): Solution | null {
  if (d.mode === "value") {
    const { z } = d;
    if (!(Math.abs(z) >= 0.1 && Math.abs(z) <= 4)) return null;
    const expected = sigmoidPrime(z);
    return { mode: "value", answer: ANSWER, expected, expectedTex: texNum(expected, 4), sigma: sigmoid(z), expNegZ: Math.exp(-z) };
  }
  const aw = Math.abs(d.w);
  const expected = aw / 4;
  return { mode: "bound", answer: ANSWER, expected, expectedTex: texNum(expected, 4), aw };
}

export function mistakes(d: Drawn, s: Solution): MistakeOf<MistakeId>[] | null {
  const { expected } = s;
  if (d.mode === "value") {
    const { z } = d;
    const cands: MistakeOf<MistakeId>[] = [
      { id: "sigma-not-prime", value: sigmoid(z) },
      { id: "one-minus-only", value: 1 - sigmoid(z) },
      { id: "tanh-derivative", value: tanhPrime(z) },
    ];
    if (d.w !== undefined) {
      cands.push({ id: "forgot-chain-z", value: sigmoidPrime(d.x as number) }, { id: "times-w", value: d.w * expected });
    }
    return resolveAllMistakes(expected, cands);
  }
  const aw = Math.abs(d.w);
  const cands: MistakeOf<MistakeId>[] = [
    { id: "quarter-only", value: 0.25 },
    { id: "half", value: aw / 2 },
    { id: "sigma-max", value: aw },
  ];
  if (d.w < 0) cands.push({ id: "signed", value: d.w / 4 });
  if (d.b !== undefined) cands.push({ id: "at-x-zero", value: aw * sigmoidPrime(d.b), optional: true });
  return resolveAllMistakes(expected, cands);
}
