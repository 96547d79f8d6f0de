import type { Rng } from "@/lib/engine/rng";
import { roundedUniform } from "../../kit/draw";
import { echoesAnswer } from "../../kit/echo";
import { REL_TOL, resolveMistakes } from "../../kit/mistakes";
import { texNum } from "../../kit/tex";
import type { MistakeOf, Solved } from "../../define";
import type { AnswerSpec, ExerciseParams } from "../../types";

/**
 * Gradient descent on the quadratic f(w) = ½ a w², the one-dimensional model of
 * a loss near a minimum with curvature a = f''(w). One step is
 *   w_{t+1} = w_t - \eta f'(w_t) = w_t - \eta a w_t = (1 - \eta a)\, w_t,
 * so w_k = (1 - \eta a)^k w_0: GD converges iff |1 - ηa| < 1, i.e. 0 < η < 2/a.
 * The same "|factor| < 1" test as for backpropagated gradients, applied to the
 * parameter iterates instead: a too-large step size is the optimisation-side
 * cousin of exploding gradients.
 * Two questions: "diverges" (yes/no for a given η; difficulty 1: ½aw², 2: cw² whose
 * curvature is 2c, 3: a diagonal 2-D quadratic where the largest curvature
 * decides) and "threshold" (the limit η* = 2/a_max, same three forms).
 */

export const MODES = ["diverges", "threshold"] as const;
export type Mode = (typeof MODES)[number];

/** How answers are compared: a number within 0.5 %. */
const NUMBER_SPEC: AnswerSpec = { kind: "number", tolerance: { rel: REL_TOL } };

export type Drawn =
  /** diverges, difficulty 1: f = ½ a w², step size η. */
  | { mode: "diverges"; form: "half"; a: number; eta: number }
  /** diverges, difficulty 2: f = c w² (curvature a = 2c). */
  | { mode: "diverges"; form: "plain"; c: number; eta: number }
  /** diverges, difficulty 3: f = ½ (a_1 w_1² + a_2 w_2²). */
  | { mode: "diverges"; form: "diag"; a1: number; a2: number; eta: number }
  /** threshold, difficulty 1: f = ½ a w² given with a. */
  | { mode: "threshold"; form: "half"; a: number }
  /** threshold, difficulty 2: f = c w² (curvature a = 2c). */
  | { mode: "threshold"; form: "plain"; c: number }
  /** threshold, difficulty 3: f = ½ (a_1 w_1² + a_2 w_2²). */
  | { mode: "threshold"; form: "diag"; a1: number; a2: number };

export type DivergesDraw = Extract<Drawn, { mode: "diverges" }>;
export type ThresholdDraw = Extract<Drawn, { mode: "threshold" }>;

export interface Params extends ExerciseParams {
  difficulty: 1 | 2 | 3;
  mode: Mode;
}

/** |1 − ηa| within this distance of 1 is too close to call: redraw. */
const MARGIN = 0.07;

export type Regime = "monotone" | "oscillating" | "diverging";

export function regimeOf(r: number): Regime {
  if (Math.abs(r) >= 1) return "diverging";
  return r < 0 ? "oscillating" : "monotone";
}

export interface DivergesSolution extends Solved {
  mode: "diverges";
  expected: boolean;
  /** The curvatures, one per coordinate. */
  curv: number[];
  /** 1 − η a_i per coordinate. */
  factors: number[];
  /** The factor of largest magnitude: it decides. */
  rSteep: number;
  /** 2 / max a_i. */
  limit: number;
}

export interface ThresholdSolution extends Solved {
  mode: "threshold";
  expected: number;
  /** The curvature that decides: a, 2c, or max(a_1, a_2). */
  a: number;
}

export type Solution = DivergesSolution | ThresholdSolution;

export type MistakeId =
  // diverges (one per instance: the wrong verdict, explained by the likely reason)
  | "coefficient-as-curvature"
  | "flat-direction-only"
  | "said-converges"
  | "overshoot-is-not-divergence"
  | "said-diverges"
  // threshold (coefficient-as-curvature too)
  | "optimal-rate"
  | "half-curvature"
  | "double-curvature"
  | "flat-direction"
  | "mean-curvature";

/** The curvatures of a diverges-mode draw (one per coordinate). */
export function curvatures(d: DivergesDraw): number[] {
  return d.form === "half" ? [d.a] : d.form === "plain" ? [2 * d.c] : [d.a1, d.a2];
}

/** The factor of largest magnitude (the first of equals). */
const steepest = (factors: readonly number[]): number => factors.reduce((m, r) => (Math.abs(r) > Math.abs(m) ? r : m), 0);

/** A step size that puts 1 − η·a near a target factor for the chosen regime, rounded to 2 decimals. */
function etaFor(rng: Rng, a: number, regime: Regime): number {
  const target =
    regime === "monotone" ? rng.uniform(0.2, 0.9) : regime === "oscillating" ? rng.uniform(-0.9, -0.2) : rng.uniform(-1.8, -1.1);
  return Math.round(((1 - target) / a) * 1000) / 1000;
}


function drawDiverges(rng: Rng, difficulty: 1 | 2 | 3): DivergesDraw | null {
  // Choose the regime first so converging, oscillating and diverging runs are equally common.
  const regime = rng.pick(["monotone", "oscillating", "diverging"] as const);
  let d: DivergesDraw;
  if (difficulty === 1) {
    const a = roundedUniform(rng, 0.5, 10, 1, 0.5);
    d = { mode: "diverges", form: "half", a, eta: etaFor(rng, a, regime) };
  } else if (difficulty === 2) {
    const c = roundedUniform(rng, 0.25, 5, 2, 0.25);
    d = { mode: "diverges", form: "plain", c, eta: etaFor(rng, 2 * c, regime) };
  } else {
    const a1 = roundedUniform(rng, 0.5, 10, 1, 0.5);
    const a2 = roundedUniform(rng, 0.5, 10, 1, 0.5);
    // The steep direction decides; a clear gap makes "only checked the flat one" a real trap.
    if (Math.max(a1, a2) < 2.2 * Math.min(a1, a2)) return null;
    d = { mode: "diverges", form: "diag", a1, a2, eta: etaFor(rng, Math.max(a1, a2), regime) };
  }
  if (!(d.eta > 0)) return null;
  // The rounded step size must land in the regime drawn (the flat direction can outweigh the steep one).
  const eta = d.eta;
  return regimeOf(steepest(curvatures(d).map((a) => 1 - eta * a))) === regime ? d : null;
}

function drawThreshold(rng: Rng, difficulty: 1 | 2 | 3): ThresholdDraw {
  const decimals = rng.int(1, 2);
  if (difficulty === 1) return { mode: "threshold", form: "half", a: roundedUniform(rng, 0.5, 20, decimals, 0.5) };
  if (difficulty === 2) return { mode: "threshold", form: "plain", c: roundedUniform(rng, 0.25, 10, decimals, 0.25) };
  const a1 = roundedUniform(rng, 0.5, 20, decimals, 0.5);
  const a2 = roundedUniform(rng, 0.5, 20, decimals, 0.5);
  return { mode: "threshold", form: "diag", a1, a2 };
}

export function draw(rng: Rng, p: Params): Drawn | null {
  return p.mode === "diverges" ? drawDiverges(rng, p.difficulty) : drawThreshold(rng, p.difficulty);
}

function solveDiverges(d: DivergesDraw): DivergesSolution | null {
  const { eta } = d;
  const curv = curvatures(d);
  const factors = curv.map((a) => 1 - eta * a);
  if (factors.some((r) => Math.abs(Math.abs(r) - 1) < MARGIN)) return null;
  const rSteep = steepest(factors);
  const expected = Math.abs(rSteep) > 1;
  return {
    mode: "diverges",
    answer: { kind: "boolean" },
    expected,
    expectedTex: `\\text{${expected ? "yes" : "no"}}`,
    curv,
    factors,
    rSteep,
    limit: 2 / Math.max(...curv),
  };
}

function solveThreshold(d: ThresholdDraw): ThresholdSolution | null {
  let a: number;
  if (d.form === "half") a = d.a;
  else if (d.form === "plain") a = 2 * d.c;
  else {
    const hi = Math.max(d.a1, d.a2);
    // A real gap between the two curvatures, otherwise "used the flat direction" is not a distinct mistake.
    if (hi < 1.5 * Math.min(d.a1, d.a2)) return null;
    a = hi;
  }
  const expected = 2 / a;
  return { mode: "threshold", answer: NUMBER_SPEC, expected, expectedTex: texNum(expected, 4), a };
}

export function solve(d: Drawn): Solution | null {
  return d.mode === "diverges" ? solveDiverges(d) : solveThreshold(d);
}

/** The one wrong verdict, with the id of its most likely reason. */
function divergesMistake(d: DivergesDraw, s: DivergesSolution): MistakeId {
  const { expected, factors, rSteep } = s;
  if (expected) {
    if (d.form === "plain" && Math.abs(1 - d.eta * d.c) < 1) return "coefficient-as-curvature";
    if (d.form === "diag" && factors.some((r) => Math.abs(r) < 1)) return "flat-direction-only";
    return "said-converges";
  }
  return regimeOf(rSteep) === "oscillating" ? "overshoot-is-not-divergence" : "said-diverges";
}

function thresholdMistakes(d: ThresholdDraw, s: ThresholdSolution): MistakeOf<MistakeId>[] | null {
  const { a, expected } = s;
  const cands: MistakeOf<MistakeId>[] =
    d.form === "half"
      ? [
          { id: "optimal-rate", value: 1 / a },
          { id: "half-curvature", value: a / 2 },
          { id: "double-curvature", value: 2 * a },
        ]
      : d.form === "plain"
        ? [
            { id: "coefficient-as-curvature", value: 2 / d.c },
            { id: "optimal-rate", value: 1 / a },
            { id: "half-curvature", value: a / 2 },
            { id: "double-curvature", value: 2 * a },
          ]
        : [
            { id: "flat-direction", value: 2 / Math.min(d.a1, d.a2) },
            { id: "optimal-rate", value: 1 / a },
            { id: "mean-curvature", value: 2 / ((d.a1 + d.a2) / 2) },
            { id: "half-curvature", value: a / 2 },
            { id: "double-curvature", value: 2 * a },
          ];
  return resolveMistakes(expected, cands, NUMBER_SPEC, true);
}

export function mistakes(d: Drawn, s: Solution): MistakeOf<MistakeId>[] | null {
  if (d.mode === "diverges") {
    const ds = divergesOf(s);
    return [{ id: divergesMistake(d, ds), value: !ds.expected }];
  }
  return thresholdMistakes(d, thresholdOf(s));
}

/** The numbers a draw shows in its prompt. */
function shownNumbers(d: Drawn): number[] {
  return Object.values(d).filter((v): v is number => typeof v === "number");
}

/** As before the move: no number shown in the prompt may already be accepted as the answer. */
export function showsAnswer(_prompt: string, d: Drawn, s: Solution): boolean {
  return typeof s.expected === "number" && echoesAnswer(shownNumbers(d), s.expected);
}

/** The diverges-mode solution, for text only that mode has. */
export function divergesOf(s: Solution): DivergesSolution {
  if (s.mode !== "diverges") throw new Error("lr-divergence: a diverges-mode text asked for mode threshold");
  return s;
}

/** The threshold-mode solution, for text only that mode has. */
export function thresholdOf(s: Solution): ThresholdSolution {
  if (s.mode !== "threshold") throw new Error("lr-divergence: a threshold-mode text asked for mode diverges");
  return s;
}

/** (d, s) narrowed to the diverges mode, for that mode's mistakes. */
export function divergesPair(d: Drawn, s: Solution): [DivergesDraw, DivergesSolution] {
  if (d.mode !== "diverges") throw new Error("lr-divergence: a diverges-mode mistake explained for mode threshold");
  return [d, divergesOf(s)];
}

/** The form of a threshold-mode draw, for that mode's mistakes. */
export function thresholdForm(d: Drawn): ThresholdDraw["form"] {
  if (d.mode !== "threshold") throw new Error("lr-divergence: a threshold-mode mistake explained for mode diverges");
  return d.form;
}
