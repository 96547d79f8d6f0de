import { sigmoid } from "@/lib/engine/activations";
import { forwardBackward, type Trace } from "@/lib/engine/feedforward";
import { norm2 } from "@/lib/engine/linalg";
import type { Rng } from "@/lib/engine/rng";
import type { NetworkSpec } from "@/lib/engine/spec";
import type { MistakeOf, Solved, StepOf } from "../../define";
import { letterOf, letters } from "../../kit/choices";
import { drawMatrix, drawVector, roundedGaussian, roundedUniform } from "../../kit/draw";
import { showsNumber } from "../../kit/echo";
import { REL_TOL, resolveMistakes } from "../../kit/mistakes";
import type { Difficulty } from "../../kit/params";
import { texNum } from "../../kit/tex";
import type { AnswerSpec, ExerciseParams } from "../../types";

/**
 * How fast each layer of a small sigmoid MLP learns (Nielsen, ch. 5): the
 * speed of layer l is ‖∂C/∂b^l‖ = ‖δ^l‖ with δ^l = ∂C/∂z^l, from
 *
 *   \delta^L = (a^L - y) \odot \sigma'(z^L),\qquad
 *   \delta^l = \bigl((W^{l+1})^\top \delta^{l+1}\bigr) \odot \sigma'(z^l),\qquad
 *   \frac{\partial C}{\partial b^l} = \delta^l,\qquad
 *   \frac{\partial C}{\partial W^l} = \delta^l (a^{l-1})^\top,
 *
 * where C = ½‖a^L − y‖² gives ∂C/∂a^L = a^L − y, and
 *   \sigma'(z) = \sigma(z)\,(1 - \sigma(z)) = a\,(1 - a).
 * Because ∂C/∂W^l is an outer product, ‖∂C/∂W^l‖_F = ‖δ^l‖ ‖a^{l−1}‖.
 *
 * The trace (z, a, σ′, δ, ∂C/∂W) comes from the engine's forwardBackward.
 */

export const MODES = ["slowest", "ratio"] as const;
export type Mode = (typeof MODES)[number];

/** Layer widths n_0 (input) … n_L (output) by difficulty. */
const WIDTHS: Record<Difficulty, number[]> = {
  1: [2, 3, 3, 3, 1],
  2: [3, 4, 4, 4, 4, 1],
  3: [3, 4, 4, 4, 4, 4, 2],
};

/** Below this σ′ a unit is saturated: a learner would read it as "0" from the given a^l. */
const MIN_FPRIME = 0.02;
/** ‖a^L − y‖ below this makes every gradient ≈ 0 because the output happens to be right. */
const MIN_RESIDUAL = 0.05;
/** The slowest layer must be clearly slowest: its ‖δ‖ at most this fraction of the next smallest. */
const SLOWEST_MARGIN = 0.9;
/** Ratios outside [1/MAX_RATIO, MAX_RATIO] are not something anyone would type. */
const MAX_RATIO = 1e4;
/** Activations are shown with this many significant digits, enough that a(1 − a) stays within 0.01 % even at σ′ = MIN_FPRIME. */
export const A_DIGITS = 6;
/** sd of the amplifying weight matrices (see drawNet). */
export const AMP_SD = 3.5;
/** Share of draws with unusually large weights (the exceptions, said so in the prompt). */
const P_LARGE = 0.15;

export interface Params extends ExerciseParams {
  difficulty: Difficulty;
  mode: Mode;
}

export interface MlpDraw {
  /** n_0 … n_L. */
  widths: number[];
  /** W^1 … W^L, W^l is n_l × n_{l−1}. */
  W: number[][][];
  /** b^1 … b^L. */
  b: number[][];
  x: number[];
  y: number[];
}

export interface Drawn {
  mode: Mode;
  net: MlpDraw;
  /** W^2 … W^t were drawn unusually large; 1 when no layer was (the usual case). */
  largeUpTo: number;
}

interface SolutionBase extends Solved {
  trace: Trace;
  /** Output layer L and number of hidden layers H = L − 1. */
  L: number;
  H: number;
  /** ‖δ^l‖ for every layer l = 1..L (index l − 1). */
  dn: number[];
  /** ‖∂C/∂W^l‖_F for every layer. */
  wn: number[];
  /** ‖δ^l‖ of the hidden layers 1..H. */
  hidden: number[];
}

/** A layer norm and its 0-based layer index. */
export type Ranked = readonly [norm: number, index: number];

export interface SlowestSolution extends SolutionBase {
  mode: "slowest";
  expected: string;
  slow: Ranked;
  next: Ranked;
  /** 0-based index of the hidden layer with the largest ‖δ‖. */
  fastest: number;
}

export interface RatioSolution extends SolutionBase {
  mode: "ratio";
  expected: number;
  /** δ^1 and δ^H (for the first-components mistake). */
  d1: number[];
  dH: number[];
}

export type Solution = SlowestSolution | RatioSolution;

export type MistakeId =
  | "picked-largest"
  | "assumed-later-slower"
  | "assumed-first-slowest"
  | "inverted"
  | "weight-gradient-ratio"
  | "first-components";


/** How the answer is read: a letter per hidden layer, or the ratio at 0.5 %. */
function answerSpec(mode: Mode, hiddenLayers: number): AnswerSpec {
  return mode === "slowest" ? { kind: "choice", options: letters(hiddenLayers) } : { kind: "number", tolerance: { rel: REL_TOL } };
}

/**
 * One candidate network. Most draws (target t = 1) use plain N(0, 1) weights
 * and biases, the usual scale: layer 1 is then the slowest in practically
 * every draw (measured: 99.8 % clearly so, for all three widths), since each
 * step back multiplies by σ′ ≤ ¼ and a weight of typical size ~1 — the
 * textbook picture, which is what the exercise should mostly show. The
 * exceptions (t ≥ 2, share P_LARGE) make W^2 … W^t unusually large (sd
 * AMP_SD), and the prompt says so: a step back through W^l then gains more
 * than σ′ loses, so δ grows again below layer t. Their biases centre each unit
 * of layer l on the actual forward pass (b^l ≈ −W^l a^{l−1} plus noise) so the
 * large weights do not simply saturate the layer. The draw is only a
 * proposal: which layer is slowest is decided by the computed trace, and the
 * draw is redrawn until it is clearly t.
 */
function drawNet(rng: Rng, widths: readonly number[], target: number): MlpDraw {
  const L = widths.length - 1;
  const W: number[][][] = [];
  const b: number[][] = [];
  const x = drawVector(widths[0] as number, () => roundedUniform(rng, -1, 1, 2, 0.05));
  let a: number[] = x;
  for (let l = 1; l <= L; l++) {
    const amplify = l >= 2 && l <= target;
    const Wl = drawMatrix(widths[l] as number, widths[l - 1] as number, () => roundedGaussian(rng, amplify ? AMP_SD : 1, 2));
    const bl = Wl.map((row) => {
      if (!amplify) return roundedGaussian(rng, 1, 2);
      const wa = row.reduce((s, w, j) => s + w * (a[j] as number), 0);
      return roundedGaussian(rng, 0.7, 2, -wa);
    });
    W.push(Wl);
    b.push(bl);
    a = Wl.map((row, i) => sigmoid(row.reduce((s, w, j) => s + w * (a[j] as number), bl[i] as number)));
  }
  const y = drawVector(widths[L] as number, () => roundedGaussian(rng, 0.25, 2, 0.5));
  return { widths: widths.slice(), W, b, x, y };
}

/**
 * The proposed slowest layer, drawn once per instance before its first
 * candidate network (defineExercise's prepare): layer 1 (usual weights)
 * except in a share P_LARGE of draws with unusually large weights. Drawn in
 * both modes, so the RNG order is the same for both.
 */
export function prepare(rng: Rng, p: Params): number {
  return rng.next() < P_LARGE ? rng.int(2, WIDTHS[p.difficulty].length - 2) : 1;
}

export function draw(rng: Rng, p: Params, target: number): Drawn {
  return { mode: p.mode, net: drawNet(rng, WIDTHS[p.difficulty], target), largeUpTo: target };
}

function toSpec(d: MlpDraw): NetworkSpec {
  return { layers: d.W.map((W, l) => ({ W, b: d.b[l] as number[], activation: "sigmoid" as const })), loss: "mse" };
}

/**
 * A cheap screen of a candidate before the engine's (validating, allocating)
 * forwardBackward runs on it: most proposals are rejected, and this plain-loop
 * backprop is two orders of magnitude faster. Returns ‖δ^l‖ of the hidden
 * layers, or null when a unit is saturated or the output is already right.
 */
function screen(d: MlpDraw): number[] | null {
  const L = d.W.length;
  const acts: number[][] = [d.x];
  const fps: number[][] = [];
  for (let l = 0; l < L; l++) {
    const prev = acts[l] as number[];
    const a = (d.W[l] as number[][]).map((row, i) => sigmoid(row.reduce((s, w, j) => s + w * (prev[j] as number), (d.b[l] as number[])[i] as number)));
    const fp = a.map((v) => v * (1 - v));
    if (fp.some((v) => v < MIN_FPRIME)) return null;
    acts.push(a);
    fps.push(fp);
  }
  const res = (acts[L] as number[]).map((v, k) => v - (d.y[k] as number));
  if (norm2(res) < MIN_RESIDUAL) return null;
  let delta = res.map((v, k) => v * ((fps[L - 1] as number[])[k] as number));
  const norms = new Array<number>(L - 1);
  for (let l = L - 2; l >= 0; l--) {
    const Wn = d.W[l + 1] as number[][];
    const fp = fps[l] as number[];
    const up = delta;
    delta = fp.map((f, j) => f * Wn.reduce((s, row, i) => s + (row[j] as number) * (up[i] as number), 0));
    norms[l] = norm2(delta);
  }
  return norms;
}

export function slowestOf(hidden: readonly number[]): { slow: Ranked; next: Ranked; fastest: number } {
  const order = hidden.map((v, i) => [v, i] as const).sort((p, q) => p[0] - q[0]);
  return {
    slow: order[0] as Ranked,
    next: order[1] as Ranked,
    fastest: (order[order.length - 1] as Ranked)[1],
  };
}

export function solve(dr: Drawn): Solution | null {
  const { net, mode, largeUpTo: target } = dr;
  const L = net.widths.length - 1;
  const H = L - 1;
  const quick = screen(net);
  if (!quick) return null;
  if (mode === "slowest") {
    // Same test as below, on the screen's norms; the margin keeps the two computations from ever disagreeing.
    const { slow, next } = slowestOf(quick);
    if (!(slow[0] <= SLOWEST_MARGIN * next[0]) || slow[1] !== target - 1) return null;
  }
  const trace = forwardBackward(toSpec(net), net.x, net.y);
  if (trace.layers.some((t) => t.fPrime.some((v) => v < MIN_FPRIME))) return null;
  if (norm2(trace.output.map((v, k) => v - (net.y[k] as number))) < MIN_RESIDUAL) return null;
  const dn = trace.layers.map((t) => t.deltaNorm);
  // ‖∂C/∂W^l‖_F from the engine's dW matrix (not from the outer-product shortcut).
  const wn = trace.layers.map((t) => norm2(t.dW.flat()));
  const hidden = dn.slice(0, H);
  if (hidden.some((v) => !(v > 1e-9))) return null;
  const base = { trace, L, H, dn, wn, hidden, answer: answerSpec(mode, H) };
  if (mode === "slowest") {
    const { slow, next, fastest } = slowestOf(hidden);
    if (!(slow[0] <= SLOWEST_MARGIN * next[0]) || slow[1] !== target - 1) return null;
    const expected = letterOf(slow[1]);
    return { ...base, mode, expected, expectedTex: `\\text{${expected}}`, slow, next, fastest };
  }
  const expected = (hidden[0] as number) / (hidden[H - 1] as number);
  if (!(expected > 1 / MAX_RATIO && expected < MAX_RATIO)) return null;
  return {
    ...base,
    mode,
    expected,
    expectedTex: texNum(expected, 4),
    d1: (trace.layers[0] as Trace["layers"][number]).delta,
    dH: (trace.layers[H - 1] as Trace["layers"][number]).delta,
  };
}

export function mistakes(_d: Drawn, s: Solution): MistakeOf<MistakeId>[] | null {
  const { H, wn } = s;
  const cands: (MistakeOf<MistakeId> & { optional?: boolean })[] =
    s.mode === "slowest"
      ? [
          { id: "picked-largest", value: letterOf(s.fastest) },
          { id: "assumed-later-slower", value: letterOf(H - 1), optional: true },
          // Only ever kept when layer 1 is not the answer, i.e. in a draw whose prompt flags unusually large weights.
          { id: "assumed-first-slowest", value: letterOf(0), optional: true },
        ]
      : [
          { id: "inverted", value: 1 / s.expected },
          { id: "weight-gradient-ratio", value: (wn[0] as number) / (wn[H - 1] as number), optional: true },
          { id: "first-components", value: Math.abs((s.d1[0] as number) / (s.dH[0] as number)), optional: true },
        ];
  return resolveMistakes(s.expected, cands, s.answer);
}

/** As the generator always checked: the ratio to 4 significant digits, as TeX, among the prompt's numbers. */
export function showsAnswer(prompt: string, _d: Drawn, s: Solution): boolean {
  return s.mode === "ratio" && showsNumber(prompt, texNum(s.expected, 4));
}

/**
 * Step by step (ratio mode): ‖δ^l‖ from the output layer back to layer 1, as
 * the solution backpropagates them, then the ratio ‖δ^1‖ / ‖δ^H‖ from the
 * learner's own two norms (error carried forward). Step k is layer L − k, so
 * ‖δ^1‖ is step L − 1 and ‖δ^H‖ step 1; the ratio divides the same two
 * numbers as solve(), so the true values give exactly the expected answer.
 * The choice mode (which layer is slowest) has no steps.
 */
export function steps(_d: Drawn, s: Solution): StepOf[] {
  if (s.mode !== "ratio") return [];
  const { L, H, dn } = s;
  const norms: StepOf[] = [];
  for (let l = L; l >= 1; l--) {
    const v = dn[l - 1] as number;
    norms.push({ id: `delta-norm-${l}`, tex: `\\lVert \\delta^{${l}} \\rVert`, value: () => v });
  }
  return [
    ...norms,
    {
      id: "ratio",
      tex: `\\lVert \\delta^1 \\rVert \\,/\\, \\lVert \\delta^{${H}} \\rVert`,
      value: (earlier: readonly number[]) => (earlier[L - 1] as number) / (earlier[1] as number),
    },
  ];
}

/** The solution of a "slowest" instance (the text of its mistakes needs the ranking). */
export function asSlowest(s: Solution): SlowestSolution {
  if (s.mode !== "slowest") throw new Error("mlp-layer-speed: a slowest-mode text on a ratio solution");
  return s;
}
