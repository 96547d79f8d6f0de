import { sigmoid, sigmoidPrime } from "@/lib/engine/activations";
import { explodingWindow, type Interval } from "@/lib/engine/closed-forms";
import type { Rng } from "@/lib/engine/rng";
import { round, roundedUniform } from "../../kit/draw";
import { REL_TOL, resolveAllMistakes } from "../../kit/mistakes";
import type { Difficulty } from "../../kit/params";
import { texNum } from "../../kit/tex";
import type { MistakeOf, Solved } from "../../define";
import type { ExerciseParams } from "../../types";

/**
 * The exploding window of a sigmoid neuron: the inputs x where the backprop
 * factor |w σ′(wx + b)| is at least 1. With s = σ(z), z = wx + b,
 *   |w|\,s(1-s) \ge 1 \iff s \in [s_-, s_+],\quad s_\pm = \tfrac12\bigl(1 \pm r\bigr),\quad r = \sqrt{1 - 4/|w|},
 * (non-empty only for |w| ≥ 4), i.e. |z| ≤ \ln\frac{s_+}{1-s_+} = \ln\frac{1+r}{1-r} = \ln\Bigl(\frac{|w|(1+r)}{2} - 1\Bigr),
 * and x = (z − b)/w divides lengths by |w|, so the window's width is
 *   \Delta x = \frac{2}{|w|}\,\ln\Bigl(\frac{|w|\,(1 + \sqrt{1 - 4/|w|})}{2} - 1\Bigr).
 */

export const MODES = ["width", "inside"] as const;
export type Mode = (typeof MODES)[number];

export interface Params extends ExerciseParams {
  difficulty: Difficulty;
  mode: Mode;
}

export interface WidthDrawn {
  mode: "width";
  w: number;
  b: number;
}
export interface InsideDrawn {
  mode: "inside";
  w: number;
  b: number;
  x: number;
  /** Which verdict this draw was aimed at (drawn first, so A and B are equally likely); a draw that misses it is redrawn. */
  wantInside: boolean;
}
export type Drawn = WidthDrawn | InsideDrawn;

/** The pieces of the width formula, for the solution and the mistakes. */
export interface WidthParts {
  /** |w|. */
  aw: number;
  /** r = √(1 − 4/|w|). */
  r: number;
  /** |w|(1 + r)/2 − 1, the logarithm's argument. */
  arg: number;
  /** z_+ = ln(arg), the half-width in z. */
  lnArg: number;
  /** The width in x, (2/|w|) ln(arg). */
  width: number;
}

export interface WidthSolved extends Solved, WidthParts {
  mode: "width";
  expected: number;
  /** The window in x (the engine's closed form). */
  win: Interval | null;
}
export interface InsideSolved extends Solved {
  mode: "inside";
  expected: "A" | "B";
  /** |w|. */
  aw: number;
  /** z = w x + b, σ(z), σ′(z) and the factor |w σ′(z)|. */
  z: number;
  sigma: number;
  sigmaPrime: number;
  factor: number;
  inside: boolean;
  win: Interval | null;
}
export type Solution = WidthSolved | InsideSolved;

export type MistakeId = "no-prefactor" | "one-over-w" | "minus-root" | "in-z-units" | "forgot-w" | "max-not-value";

/** The text of one mode: (drawn, solution) of that mode. */
export interface ModeText<T> {
  width(d: WidthDrawn, s: WidthSolved): T;
  inside(d: InsideDrawn, s: InsideSolved): T;
}

/** Picks the mode's text function, with drawn and solution narrowed to that mode. */
export function byMode<T>(d: Drawn, s: Solution, f: ModeText<T>): T {
  if (d.mode === "width" && s.mode === "width") return f.width(d, s);
  if (d.mode === "inside" && s.mode === "inside") return f.inside(d, s);
  throw new Error(`exploding-window: drawn mode ${d.mode} with solution mode ${s.mode}`);
}

/** The solution of an inside-mode instance (its mistakes' explanations only run in that mode). */
export function insideSolved(s: Solution): InsideSolved {
  if (s.mode !== "inside") throw new Error("exploding-window: an inside-mode mistake in width mode");
  return s;
}


function parts(w: number): WidthParts {
  const aw = Math.abs(w);
  const r = Math.sqrt(1 - 4 / aw);
  const arg = (aw * (1 + r)) / 2 - 1;
  const lnArg = Math.log(arg);
  return { aw, r, arg, lnArg, width: (2 / aw) * lnArg };
}

function drawWidth(rng: Rng, d: Difficulty): WidthDrawn {
  // |w| range by difficulty: comfortably above 4, the usual range, and just above 4 where the window is narrow.
  const [lo, hi] = d === 1 ? [6, 12] : d === 2 ? [4.5, 12] : [4.2, 5];
  const aw = roundedUniform(rng, lo, hi, 1);
  const w = d === 1 ? aw : rng.next() < 0.5 ? -aw : aw;
  const b = roundedUniform(rng, -2, 2, d === 1 ? 1 : 2);
  return { mode: "width", w, b };
}

function drawInside(rng: Rng, d: Difficulty): InsideDrawn | null {
  const wantInside = rng.next() < 0.5;
  const aw = roundedUniform(rng, 4.5, 12, 1);
  const w = d === 1 ? aw : rng.next() < 0.5 ? -aw : aw;
  const b = d === 1 ? 0 : roundedUniform(rng, -2, 2, d === 2 ? 1 : 2);
  const win = explodingWindow(w, b);
  if (!win) return null;
  const centre = -b / w;
  const half = win.width / 2;
  let x: number;
  if (wantInside) {
    // Difficulty 3 puts x near an edge, where guessing from "close to the centre" fails.
    const u = d === 3 ? roundedUniform(rng, 0.6, 1, 3) : rng.uniform(0, 1);
    x = centre + (rng.next() < 0.5 ? -1 : 1) * u * half;
  } else {
    const v = d === 3 ? rng.uniform(0, 0.08) : rng.uniform(0.02, 0.8);
    x = centre + (rng.next() < 0.5 ? -1 : 1) * (half + v);
  }
  x = round(x, 2);
  if (x === 0) x = 0; // no −0 in the prompt
  return { mode: "inside", w, b, x, wantInside };
}

export function draw(rng: Rng, p: Params): Drawn | null {
  return p.mode === "width" ? drawWidth(rng, p.difficulty) : drawInside(rng, p.difficulty);
}

export function solve(d: Drawn, p: Params): Solution | null {
  const win = explodingWindow(d.w, d.b);
  if (d.mode === "width") {
    const pw = parts(d.w);
    const expected = pw.width;
    if (!win || !(expected > 0) || Math.abs(win.width - expected) > 1e-12 * expected) return null;
    return { mode: "width", answer: { kind: "number", tolerance: { rel: REL_TOL } }, expected, expectedTex: texNum(expected, 4), ...pw, win };
  }
  const z = d.w * d.x + d.b;
  const sigmaPrime = sigmoidPrime(z);
  const factor = Math.abs(d.w * sigmaPrime);
  const inside = factor >= 1;
  // Equally likely outcomes, and never a factor within 2 % of 1 (a rounding question, not an understanding one).
  if (inside !== d.wantInside || Math.abs(factor - 1) <= 0.02) return null;
  if (p.difficulty === 3 && Math.abs(factor - 1) > 0.5) return null;
  const expected = inside ? "A" : "B";
  return {
    mode: "inside",
    answer: { kind: "choice", options: ["A", "B"] },
    expected,
    expectedTex: `\\text{${expected}}`,
    aw: Math.abs(d.w),
    z,
    sigma: sigmoid(z),
    sigmaPrime,
    factor,
    inside,
    win,
  };
}

export function mistakes(_d: Drawn, s: Solution): MistakeOf<MistakeId>[] | null {
  if (s.mode === "inside") return s.inside ? [{ id: "forgot-w", value: "B" }] : [{ id: "max-not-value", value: "A" }];
  const cands: MistakeOf<MistakeId>[] = [
    { id: "no-prefactor", value: s.lnArg },
    { id: "one-over-w", value: s.lnArg / s.aw },
    // The other root's argument |w|(1 − r)/2 − 1.
    { id: "minus-root", value: (2 / s.aw) * Math.log((s.aw * (1 - s.r)) / 2 - 1), optional: true },
    { id: "in-z-units", value: s.width * s.aw },
  ];
  return resolveAllMistakes(s.expected, cands);
}
