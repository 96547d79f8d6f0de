import { sigmoid, tanhPrime } from "@/lib/engine/activations";
import { cellStatePathGradient, hiddenFromCell, lstmCellForward, stepsBelow } from "@/lib/engine/lstm";
import type { Rng } from "@/lib/engine/rng";
import { drawVector, roundedUniform } from "../../kit/draw";
import { REL_TOL, resolveMistakes } from "../../kit/mistakes";
import { texNum } from "../../kit/tex";
import type { MistakeOf, Solved, StepOf } from "../../define";
import type { AnswerSpec, ExerciseParams } from "../../types";

/**
 * The LSTM's cell-state path through its forget gates, with every gate value
 * given (held fixed), c_t = f_t c_{t−1} + i_t g_t, h_t = o_t tanh(c_t):
 *   lstm:      \frac{\partial c_T}{\partial c_0} = \prod_{t=1}^{T} f_t ;
 *   rnn:       for comparison, a vanilla tanh RNN's \frac{\partial h_T}{\partial h_0} = \prod_{t=1}^{T} w\,\tanh'(z_t)
 *              over the same T steps (the forget gates are shown beside it);
 *   threshold: a forget gate f held on every step (difficulty 3: f = σ(b_f)); the
 *              smallest k with f^k < τ, i.e. k = \lfloor \ln\tau/\ln f \rfloor + 1.
 */

export const MODES = ["lstm", "rnn", "threshold"] as const;
export type Mode = (typeof MODES)[number];

/** Steps by difficulty. */
const LSTM_STEPS = [4, 6, 10] as const;
const RNN_STEPS = [3, 5, 8] as const;
/** Threshold τ by difficulty. */
const TAUS = [0.01, 0.001, 0.001] as const;

const NUMBER_SPEC: AnswerSpec = { kind: "number", tolerance: { rel: REL_TOL } };
/** A whole number of steps: only that number is right (k − 1 is a known mistake, even for k in the hundreds). */
const STEPS_SPEC: AnswerSpec = { kind: "number", tolerance: { rel: 1e-9 } };

export interface Params extends ExerciseParams {
  difficulty: 1 | 2 | 3;
  mode: Mode;
}

export interface LstmDraw {
  mode: "lstm";
  c0: number;
  /** Gate values of steps 1..T (index t − 1). */
  f: number[];
  i: number[];
  g: number[];
  o: number[];
}

export interface RnnDraw {
  mode: "rnn";
  /** The LSTM's forget gates over the same steps, for the comparison. */
  f: number[];
  w: number;
  /** The vanilla RNN's pre-activations z_1..z_T of this run. */
  z: number[];
}

export interface ThresholdDraw {
  mode: "threshold";
  /** The forget gate f itself (difficulty 1–2), or its bias b_f with f = σ(b_f) (difficulty 3). */
  source: "gate" | "bias";
  value: number;
  tau: number;
}

export type Drawn = LstmDraw | RnnDraw | ThresholdDraw;

export interface LstmSolution extends Solved {
  mode: "lstm";
  draw: LstmDraw;
  expected: number;
  T: number;
  /** c_0 … c_T. */
  c: number[];
  /** ∏_{s ≤ t} f_s for t = 1..T. */
  running: number[];
  /** o_T tanh′(c_T): what the gradient picks up on leaving the cell for h_T. */
  hFromC: number;
  /** Geometric mean of the f_t. */
  meanGate: number;
}

export interface RnnSolution extends Solved {
  mode: "rnn";
  draw: RnnDraw;
  expected: number;
  T: number;
  /** tanh′(z_t) and w tanh′(z_t), t = 1..T. */
  slopes: number[];
  factors: number[];
  /** ∏ f_t along the LSTM's cell state over the same steps. */
  lstmPath: number;
}

export interface ThresholdSolution extends Solved {
  mode: "threshold";
  draw: ThresholdDraw;
  expected: number;
  /** The forget gate f (σ(b_f) at difficulty 3). */
  gate: number;
  /** ln τ / ln f, which k is the next whole number above. */
  ratio: number;
  /** f^{k−1} (≥ τ) and f^k (< τ). */
  before: number;
  after: number;
}

export type Solution = LstmSolution | RnnSolution | ThresholdSolution;

export type MistakeId =
  | "summed"
  | "output-gate"
  | "off-by-one"
  | "tanh-each-step"
  | "forget-complement"
  | "forgot-tanh-prime"
  | "forgot-w"
  | "tanh-instead-of-derivative"
  | "answered-lstm"
  | "sign-error"
  | "last-above"
  | "linear-decay"
  | "linearised-log";

const product = (v: readonly number[]): number => v.reduce((p, x) => p * x, 1);
const runningProducts = (v: readonly number[]): number[] => {
  let p = 1;
  return v.map((x) => (p *= x));
};

export function draw(rng: Rng, p: Params): Drawn | null {
  if (p.mode === "lstm") {
    const T = LSTM_STEPS[p.difficulty - 1] as number;
    const unit = (lo: number, hi: number) => drawVector(T, () => roundedUniform(rng, lo, hi, 2));
    return {
      mode: "lstm",
      c0: roundedUniform(rng, -1.5, 1.5, 1, 0.2),
      f: unit(0.6, 0.99),
      i: unit(0.05, 0.95),
      g: drawVector(T, () => roundedUniform(rng, -0.95, 0.95, 2, 0.05)),
      o: unit(0.1, 0.95),
    };
  }
  if (p.mode === "rnn") {
    const T = RNN_STEPS[p.difficulty - 1] as number;
    return {
      mode: "rnn",
      f: drawVector(T, () => roundedUniform(rng, 0.8, 0.99, 2)),
      w: roundedUniform(rng, -2.5, 2.5, 2, 0.5),
      z: drawVector(T, () => roundedUniform(rng, -2, 2, 2, 0.05)),
    };
  }
  const tau = TAUS[p.difficulty - 1] as number;
  if (p.difficulty === 3) return { mode: "threshold", source: "bias", value: roundedUniform(rng, 1, 4, 1), tau };
  const value = p.difficulty === 1 ? roundedUniform(rng, 0.5, 0.9, 2) : roundedUniform(rng, 0.9, 0.995, 3);
  return { mode: "threshold", source: "gate", value, tau };
}

export function gateOf(d: ThresholdDraw): number {
  return d.source === "gate" ? d.value : sigmoid(d.value);
}

function solveLstm(d: LstmDraw): LstmSolution {
  const { c } = lstmCellForward(d.c0, d);
  const T = d.f.length;
  const expected = cellStatePathGradient(d.f);
  return {
    mode: "lstm",
    draw: d,
    answer: NUMBER_SPEC,
    expected,
    expectedTex: texNum(expected, 4),
    T,
    c,
    running: runningProducts(d.f),
    hFromC: hiddenFromCell(d.o[T - 1] as number, c[T] as number),
    meanGate: expected ** (1 / T),
  };
}

function solveRnn(d: RnnDraw): RnnSolution | null {
  const slopes = d.z.map(tanhPrime);
  const factors = slopes.map((s) => d.w * s);
  const expected = product(factors);
  // A product that has vanished to nothing or exploded past reading is a poor question at 4 digits.
  if (!(Math.abs(expected) >= 1e-4 && Math.abs(expected) <= 1e4)) return null;
  return {
    mode: "rnn",
    draw: d,
    answer: NUMBER_SPEC,
    expected,
    expectedTex: texNum(expected, 4),
    T: d.z.length,
    slopes,
    factors,
    lstmPath: cellStatePathGradient(d.f),
  };
}

function solveThreshold(d: ThresholdDraw): ThresholdSolution | null {
  const gate = gateOf(d);
  const ratio = Math.log(d.tau) / Math.log(gate);
  // Keep ln τ/ln f clear of whole numbers, so a learner's rounding of ln f (or of σ(b_f)) cannot move k.
  const margin = d.source === "bias" ? 0.05 : 0.02;
  if (Math.abs(ratio - Math.round(ratio)) < margin) return null;
  const expected = stepsBelow(gate, d.tau);
  return {
    mode: "threshold",
    draw: d,
    answer: STEPS_SPEC,
    expected,
    expectedTex: String(expected),
    gate,
    ratio,
    before: gate ** (expected - 1),
    after: gate ** expected,
  };
}

export function solve(d: Drawn): Solution | null {
  if (d.mode === "lstm") return solveLstm(d);
  return d.mode === "rnn" ? solveRnn(d) : solveThreshold(d);
}

/** Whole-number mistakes: each required one must differ from the answer and from the others; an optional one that coincides is left out. */
function resolveWhole(expected: number, cands: readonly (MistakeOf<MistakeId> & { optional?: boolean })[]): MistakeOf<MistakeId>[] | null {
  const kept: MistakeOf<MistakeId>[] = [];
  for (const c of [...cands.filter((x) => !x.optional), ...cands.filter((x) => x.optional)]) {
    const clash = c.value === expected || kept.some((k) => k.value === c.value) || !(typeof c.value === "number" && c.value >= 1);
    if (clash && !c.optional) return null;
    if (!clash) kept.push({ id: c.id, value: c.value });
  }
  return cands.flatMap((c) => kept.filter((k) => k.id === c.id));
}

export function mistakes(_d: Drawn, s: Solution): MistakeOf<MistakeId>[] | null {
  if (s.mode === "lstm") {
    const d = s.draw;
    const cands = [
      { id: "summed" as const, value: d.f.reduce((t, v) => t + v, 0) },
      { id: "output-gate" as const, value: s.expected * s.hFromC },
      { id: "off-by-one" as const, value: cellStatePathGradient(d.f, 1) },
      { id: "tanh-each-step" as const, value: product(d.f.map((v, t) => v * tanhPrime(s.c[t + 1] as number))), optional: true },
      { id: "forget-complement" as const, value: product(d.f.map((v) => 1 - v)), optional: true },
    ];
    return resolveMistakes(s.expected, cands, NUMBER_SPEC, true);
  }
  if (s.mode === "rnn") {
    const d = s.draw;
    const cands = [
      { id: "forgot-tanh-prime" as const, value: d.w ** s.T },
      { id: "forgot-w" as const, value: product(s.slopes) },
      { id: "tanh-instead-of-derivative" as const, value: product(d.z.map((z) => d.w * Math.tanh(z))) },
      { id: "off-by-one" as const, value: product(s.factors.slice(1)) },
      { id: "answered-lstm" as const, value: s.lstmPath, optional: true },
      ...(d.w < 0 ? [{ id: "sign-error" as const, value: -s.expected, optional: true }] : []),
    ];
    return resolveMistakes(s.expected, cands, NUMBER_SPEC, true);
  }
  const { gate, expected } = s;
  const tau = s.draw.tau;
  // 1 − k(1 − f) = τ exactly for a whole k (f = 0.67, τ = 0.01: k = 3) is a tie that float division may break either way: redraw.
  const linear = (1 - tau) / (1 - gate);
  if (Math.abs(linear - Math.round(linear)) < 1e-6) return null;
  return resolveWhole(expected, [
    { id: "last-above", value: expected - 1 },
    // 1 − k(1 − f) < τ: the gate's loss taken away once per step instead of multiplied in.
    { id: "linear-decay", value: Math.floor(linear) + 1 },
    // e^{−k(1−f)} < τ: ln f replaced by −(1 − f).
    { id: "linearised-log", value: Math.floor(-Math.log(tau) / (1 - gate)) + 1, optional: true },
  ]);
}

/**
 * Step-by-step mode for the vanilla RNN: one step per factor w tanh′(z_t), then
 * their product from the learner's own factors (error carried forward). With
 * the true factors the product is the answer exactly (same order). The other
 * modes have no chain of intermediates worth checking one by one.
 */
export function steps(_d: Drawn, s: Solution): readonly StepOf[] {
  if (s.mode !== "rnn") return [];
  const perStep: StepOf[] = s.factors.map((factor, t) => ({
    id: `factor-${t + 1}`,
    tex: `w\\,\\tanh'(z_{${t + 1}})`,
    value: () => factor,
  }));
  const total: StepOf = {
    id: "product",
    tex: `\\frac{\\partial h_{${s.T}}}{\\partial h_0} = \\prod_{t=1}^{${s.T}} w\\,\\tanh'(z_t)`,
    value: (earlier) => product(earlier.slice(0, s.T)),
  };
  return [...perStep, total];
}

/** The lstm solution, for the explanations of mistakes only that mode has. */
export function lstmOf(s: Solution): LstmSolution {
  if (s.mode !== "lstm") throw new Error(`lstm-cell-state: an lstm mistake explained for mode ${s.mode}`);
  return s;
}

/** The rnn solution, for the explanations of mistakes only that mode has. */
export function rnnOf(s: Solution): RnnSolution {
  if (s.mode !== "rnn") throw new Error(`lstm-cell-state: an rnn mistake explained for mode ${s.mode}`);
  return s;
}

/** The threshold solution, for the explanations of mistakes only that mode has. */
export function thresholdOf(s: Solution): ThresholdSolution {
  if (s.mode !== "threshold") throw new Error(`lstm-cell-state: a threshold mistake explained for mode ${s.mode}`);
  return s;
}
