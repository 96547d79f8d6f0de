import { sigmoid } from "@/lib/engine/activations";
import { forwardBackward, type Trace } from "@/lib/engine/feedforward";
import { norm2 } from "@/lib/engine/linalg";
import { createRng, type Rng } from "@/lib/engine/rng";
import type { NetworkSpec } from "@/lib/engine/spec";
import { letterOf, letters } from "../kit/choices";
import { drawMatrix, drawUntil, drawVector, roundedGaussian, roundedUniform } from "../kit/draw";
import { showsNumber } from "../kit/echo";
import { REL_TOL, resolveMistakes } from "../kit/mistakes";
import { difficultyParam, stringParam } from "../kit/params";
import { texDrawnMat, texDrawnVec, texList, texNum } from "../kit/tex";
import type { ExerciseInstance, AnswerSpec, ExerciseParams, KnownMistake } from "../types";
import type { LegacyGenerator, LegacyMistakeCandidate } from "../legacy";

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

const MODES = ["slowest", "ratio"] as const;
type Mode = (typeof MODES)[number];

/** Layer widths n_0 (input) … n_L (output) by difficulty. */
const WIDTHS: Record<1 | 2 | 3, number[]> = {
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
const A_DIGITS = 6;
/** sd of the amplifying weight matrices (see drawNet). */
const AMP_SD = 3.5;
/** Share of draws with unusually large weights (the exceptions, said so in the prompt). */
const P_LARGE = 0.15;

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

interface Built {
  draw: MlpDraw;
  trace: Trace;
  /** ‖δ^l‖ for every layer l = 1..L (index l − 1). */
  dn: number[];
  /** ‖∂C/∂W^l‖_F for every layer. */
  wn: number[];
  expected: number | string;
  mistakes: KnownMistake[];
  prompt: string;
  /** W^2 … W^t were drawn unusually large; 1 when no layer was (the usual case). */
  largeUpTo: number;
}

function toSpec(d: MlpDraw): NetworkSpec {
  return { layers: d.W.map((W, l) => ({ W, b: d.b[l] as number[], activation: "sigmoid" as const })), loss: "mse" };
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
 * caller redraws until it is clearly t.
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

/** The proposed slowest layer: layer 1 (usual weights) except in a share P_LARGE of draws with unusually large weights. */
function drawTarget(rng: Rng, H: number): number {
  return rng.next() < P_LARGE ? rng.int(2, H) : 1;
}

const layerName = (l: number): string => `layer ${l}`;

/** How the answer is read: a letter per hidden layer, or the ratio at 0.5 %. */
function answerSpec(mode: Mode, hiddenLayers: number): AnswerSpec {
  return mode === "slowest" ? { kind: "choice", options: letters(hiddenLayers) } : { kind: "number", tolerance: { rel: REL_TOL } };
}

/** Which weights are at the usual scale and which (if any) are not: the exceptions must be visible, not a trick. */
function scaleNote(t: number): string {
  if (t < 2) return `All weights and biases were drawn at the usual scale, $W^l_{ij}, b^l_i \\sim N(0, 1)$.`;
  const big = t === 2 ? `$W^{2}$ is` : `$W^{2}, \\dots, W^{${t}}$ are`;
  return `**Note:** ${big} **unusually large** (entries drawn with standard deviation ${AMP_SD}, not the usual 1), with biases chosen to keep those units out of saturation; the other weights and biases are at the usual scale, $N(0, 1)$.`;
}

function promptText(d: MlpDraw, trace: Trace, mode: Mode, t: number): string {
  const L = d.widths.length - 1;
  const H = L - 1;
  const lines = [
    `A fully connected sigmoid network with layer widths $${d.widths.join("\\text{–}")}$ (${H} hidden layers, output layer $L = ${L}$):`,
    ``,
    `$$`,
    `a^0 = x, \\qquad z^l = W^l a^{l-1} + b^l, \\qquad a^l = \\sigma(z^l) \\quad (l = 1, \\dots, ${L}), \\qquad C = \\tfrac12 \\lVert a^{${L}} - y \\rVert^2.`,
    `$$`,
    ``,
    `Input and target:`,
    ``,
    `$$`,
    `x = ${texDrawnVec(d.x)}, \\qquad y = ${texDrawnVec(d.y)}`,
    `$$`,
    ``,
    `Weights, biases, and (to save you the forward pass) the activations $a^l$ to ${A_DIGITS} significant digits. ${scaleNote(t)}`,
    ``,
  ];
  for (let l = 1; l <= L; l++) {
    const a = (trace.layers[l - 1] as Trace["layers"][number]).a;
    lines.push(
      `$$`,
      `W^{${l}} = ${texDrawnMat(d.W[l - 1] as number[][])}, \\quad b^{${l}} = ${texDrawnVec(d.b[l - 1] as number[])}, \\quad a^{${l}} = \\begin{pmatrix} ${a.map((v) => texNum(v, A_DIGITS)).join(" \\\\ ")} \\end{pmatrix}`,
      `$$`,
      ``,
    );
  }
  lines.push(
    `Layer $l$ learns at speed $\\lVert \\partial C/\\partial b^l \\rVert = \\lVert \\delta^l \\rVert$, where $\\delta^l = \\partial C/\\partial z^l$ (recall $\\sigma'(z^l) = a^l \\odot (1 - a^l)$).`,
    ``,
  );
  if (mode === "slowest") {
    lines.push(`Which **hidden** layer learns slowest, i.e. has the smallest $\\lVert \\delta^l \\rVert$?`, ``);
    for (let l = 1; l <= H; l++) lines.push(`**${letterOf(l - 1)}.** ${layerName(l)} ($\\lVert \\delta^{${l}} \\rVert$)`, ``);
    lines.push(`Answer with a letter.`);
  } else {
    lines.push(
      `Compute the ratio $\\lVert \\delta^1 \\rVert \\,/\\, \\lVert \\delta^{${H}} \\rVert$ of the first hidden layer's learning speed to the last hidden layer's. Give it as a number (4 significant digits are enough; scientific notation such as \`1.234e-3\` is fine).`,
    );
  }
  return lines.join("\n");
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

function slowestOf(hidden: readonly number[]): { slow: readonly [number, number]; next: readonly [number, number]; fastest: number } {
  const order = hidden.map((v, i) => [v, i] as const).sort((p, q) => p[0] - q[0]);
  return {
    slow: order[0] as readonly [number, number],
    next: order[1] as readonly [number, number],
    fastest: (order[order.length - 1] as readonly [number, number])[1],
  };
}

function buildOnce(rng: Rng, widths: readonly number[], mode: Mode, target: number): Built | null {
  const draw = drawNet(rng, widths, target);
  const L = widths.length - 1;
  const H = L - 1;
  const quick = screen(draw);
  if (!quick) return null;
  if (mode === "slowest") {
    // Same test as below, on the screen's norms; the margin keeps the two computations from ever disagreeing.
    const { slow, next } = slowestOf(quick);
    if (!(slow[0] <= SLOWEST_MARGIN * next[0]) || slow[1] !== target - 1) return null;
  }
  const trace = forwardBackward(toSpec(draw), draw.x, draw.y);
  if (trace.layers.some((t) => t.fPrime.some((v) => v < MIN_FPRIME))) return null;
  const out = trace.output;
  if (norm2(out.map((v, k) => v - (draw.y[k] as number))) < MIN_RESIDUAL) return null;
  const dn = trace.layers.map((t) => t.deltaNorm);
  // ‖∂C/∂W^l‖_F from the engine's dW matrix (not from the outer-product shortcut).
  const wn = trace.layers.map((t) => norm2(t.dW.flat()));
  const hidden = dn.slice(0, H);
  if (hidden.some((v) => !(v > 1e-9))) return null;

  let expected: number | string;
  let cands: LegacyMistakeCandidate[];
  if (mode === "slowest") {
    const { slow, next, fastest } = slowestOf(hidden);
    if (!(slow[0] <= SLOWEST_MARGIN * next[0]) || slow[1] !== target - 1) return null;
    expected = letterOf(slow[1]);
    cands = [
      {
        id: "picked-largest",
        value: letterOf(fastest),
        explanation: `Picked the layer with the **largest** $\\lVert \\delta^l \\rVert$ (layer ${fastest + 1}, $${texNum(hidden[fastest] as number, 4)}$): that layer learns fastest; the slowest has the smallest gradient norm.`,
      },
      {
        id: "assumed-later-slower",
        value: letterOf(H - 1),
        optional: true,
        explanation: `Assumed later layers are slower: the gradient reaches layer ${H} first, so in a sigmoid net it is usually the *earlier* layers that get the smaller $\\lVert \\delta^l \\rVert$ — and here layer ${H} has $\\lVert \\delta^{${H}} \\rVert = ${texNum(hidden[H - 1] as number, 4)}$.`,
      },
      {
        // Only ever kept when layer 1 is not the answer, i.e. in a draw whose prompt flags unusually large weights.
        id: "assumed-first-slowest",
        value: letterOf(0),
        optional: true,
        explanation: `Took the textbook answer (layer 1 slowest, which holds for weights of the usual size) although the prompt says some weights are unusually large: here $\\lVert \\delta^1 \\rVert = ${texNum(hidden[0] as number, 4)}$ is not the smallest — large $W^{l+1}$ make up for the $\\sigma'(z^l) \\le \\tfrac14$ factors on the way back.`,
      },
    ];
  } else {
    const r = (hidden[0] as number) / (hidden[H - 1] as number);
    if (!(r > 1 / MAX_RATIO && r < MAX_RATIO)) return null;
    expected = r;
    const d1 = (trace.layers[0] as Trace["layers"][number]).delta;
    const dH = (trace.layers[H - 1] as Trace["layers"][number]).delta;
    cands = [
      {
        id: "inverted",
        value: 1 / r,
        explanation: `Inverted the ratio: computed $\\lVert \\delta^{${H}} \\rVert / \\lVert \\delta^1 \\rVert$ instead of $\\lVert \\delta^1 \\rVert / \\lVert \\delta^{${H}} \\rVert$.`,
      },
      {
        id: "weight-gradient-ratio",
        value: (wn[0] as number) / (wn[H - 1] as number),
        optional: true,
        explanation: `Used the weight gradients $\\lVert \\partial C/\\partial W^1 \\rVert / \\lVert \\partial C/\\partial W^{${H}} \\rVert$: these are $\\lVert \\delta^l \\rVert\\,\\lVert a^{l-1} \\rVert$, so they also carry the size of each layer's input; the speed asked for is $\\lVert \\partial C/\\partial b^l \\rVert = \\lVert \\delta^l \\rVert$.`,
      },
      {
        id: "first-components",
        value: Math.abs((d1[0] as number) / (dH[0] as number)),
        optional: true,
        explanation: `Compared only the first components $|\\delta^1_1| / |\\delta^{${H}}_1|$: the speed of a layer is the norm of the whole vector $\\delta^l$.`,
      },
    ];
  }
  const mistakes = resolveMistakes(expected, cands, answerSpec(mode, H));
  if (!mistakes) return null;
  const prompt = promptText(draw, trace, mode, target);
  if (typeof expected === "number" && showsNumber(prompt, texNum(expected, 4))) return null;
  return { draw, trace, dn, wn, expected, mistakes, prompt, largeUpTo: target };
}

function build(seed: number, params: ExerciseParams): { built: Built; mode: Mode; d: 1 | 2 | 3 } {
  const mode = stringParam(params, "mode", MODES);
  const d = difficultyParam(params);
  const rng = createRng(seed);
  const widths = WIDTHS[d];
  const target = drawTarget(rng, widths.length - 2);
  const built = drawUntil(rng, (r) => buildOnce(r, widths, mode, target), (x) => x !== null, 5000) as Built;
  return { built, mode, d };
}

/** The raw drawn network of an instance (for tests that recompute the answer independently). */
export function drawMlpLayerSpeed(seed: number, params: ExerciseParams): MlpDraw {
  return build(seed, params).built.draw;
}

const n4 = (v: number): string => texNum(v, 4);

function backwardSteps(b: Built): string[] {
  const { draw, trace } = b;
  const L = draw.widths.length - 1;
  const lay = (l: number) => trace.layers[l - 1] as Trace["layers"][number];
  const out = lay(L);
  const residual = out.a.map((v, k) => v - (draw.y[k] as number));
  const lines = [
    `**Output layer.** $\\partial C/\\partial a^{${L}} = a^{${L}} - y$, so`,
    ``,
    `$$`,
    `\\delta^{${L}} = (a^{${L}} - y) \\odot a^{${L}} \\odot (1 - a^{${L}}) = ${texList(residual)} \\odot ${texList(out.fPrime)} = ${texList(out.delta)}.`,
    `$$`,
    ``,
    `**Hidden layers**, from the top down, with $\\delta^l = \\bigl((W^{l+1})^\\top \\delta^{l+1}\\bigr) \\odot \\sigma'(z^l)$ and $\\sigma'(z^l) = a^l \\odot (1 - a^l)$:`,
    ``,
  ];
  for (let l = L - 1; l >= 1; l--) {
    const cur = lay(l);
    const up = lay(l + 1);
    const Wn = draw.W[l] as number[][];
    // (W^{l+1})ᵀ δ^{l+1}, the gradient arriving at a^l.
    const back = cur.a.map((_, j) => Wn.reduce((s, row, i) => s + (row[j] as number) * (up.delta[i] as number), 0));
    lines.push(
      `$$`,
      `(W^{${l + 1}})^\\top \\delta^{${l + 1}} = ${texList(back)}, \\quad \\sigma'(z^{${l}}) = ${texList(cur.fPrime)}, \\quad \\delta^{${l}} = ${texList(cur.delta)}`,
      `$$`,
      ``,
    );
  }
  return lines;
}

function tableLines(b: Built): string[] {
  const L = b.draw.widths.length - 1;
  const rows = b.dn.map(
    (v, i) => `| ${i + 1}${i + 1 === L ? " (output)" : ""} | $${n4(v)}$ | $${n4(b.wn[i] as number)}$ |`,
  );
  return [
    `| layer $l$ | $\\lVert \\delta^l \\rVert = \\lVert \\partial C/\\partial b^l \\rVert$ | $\\lVert \\partial C/\\partial W^l \\rVert = \\lVert \\delta^l \\rVert\\,\\lVert a^{l-1} \\rVert$ |`,
    `|---|---|---|`,
    ...rows,
  ];
}

function solutionText(b: Built, mode: Mode, expectedTex: string): string {
  const L = b.draw.widths.length - 1;
  const H = L - 1;
  const hidden = b.dn.slice(0, H);
  const lines = [
    `The speed of layer $l$ is $\\lVert \\partial C/\\partial b^l \\rVert = \\lVert \\delta^l \\rVert$ because $\\partial z^l/\\partial b^l = I$. Backpropagate $\\delta$ from the output (vectors to 4 significant digits):`,
    ``,
    ...backwardSteps(b),
    `Norms per layer (the weight gradient $\\partial C/\\partial W^l = \\delta^l (a^{l-1})^\\top$ is an outer product, so its norm is $\\lVert \\delta^l \\rVert\\,\\lVert a^{l-1} \\rVert$):`,
    ``,
    ...tableLines(b),
    ``,
  ];
  if (mode === "slowest") {
    const { slow, next } = slowestOf(hidden);
    lines.push(
      `Among the hidden layers $1, \\dots, ${H}$ the smallest is $\\lVert \\delta^{${slow[1] + 1}} \\rVert = ${n4(slow[0])}$ (next: layer ${next[1] + 1} with $${n4(next[0])}$), so ${layerName(slow[1] + 1)} learns slowest. ${
        slow[1] === 0
          ? `This is the usual picture in a sigmoid net: every step back multiplies by $(W^{l+1})^\\top$ and by $\\sigma'(z^l) \\le \\tfrac14$, so the gradient tends to shrink towards the input.`
          : `Not the first layer here: the factors $(W^{l+1})^\\top$ and $\\sigma'(z^l) \\le \\tfrac14$ tend to shrink $\\delta$ on its way back, but large weights can make up for them — only the actual numbers decide.`
      }`,
      ``,
      `**Answer:** $${expectedTex}$ (${layerName(slow[1] + 1)})`,
    );
  } else {
    const r = b.expected as number;
    lines.push(
      `$$`,
      `\\frac{\\lVert \\delta^1 \\rVert}{\\lVert \\delta^{${H}} \\rVert} = \\frac{${n4(hidden[0] as number)}}{${n4(hidden[H - 1] as number)}} = ${expectedTex}`,
      `$$`,
      ``,
      r < 1
        ? `The first hidden layer learns about $${texNum(1 / r, 3)}$ times more slowly than the last one: the gradient shrank on its way back.`
        : `Here the first hidden layer learns faster than the last one (by a factor $${texNum(r, 3)}$): the weights made up for the $\\sigma' \\le \\tfrac14$ factors in this draw.`,
      ``,
      `**Answer:** $${expectedTex}$`,
    );
  }
  return lines.join("\n");
}

function hintText(b: Built, mode: Mode): string {
  const { draw, trace } = b;
  const L = draw.widths.length - 1;
  const H = L - 1;
  const out = trace.layers[L - 1] as Trace["layers"][number];
  const base = `Start at the output: $\\delta^{${L}} = (a^{${L}} - y) \\odot a^{${L}} \\odot (1 - a^{${L}}) = ${texList(out.delta)}$, then step back with $\\delta^l = \\bigl((W^{l+1})^\\top \\delta^{l+1}\\bigr) \\odot a^l \\odot (1 - a^l)$ — note the **transpose**, and that $\\sigma'$ is $a(1 - a)$, not $a$.`;
  return mode === "slowest"
    ? `${base} Compare $\\lVert \\delta^l \\rVert$ for the hidden layers $1, \\dots, ${H}$ only, and pick the **smallest**.`
    : `${base} The ratio asked for is $\\lVert \\delta^1 \\rVert / \\lVert \\delta^{${H}} \\rVert$ (first hidden layer on top), with norms of the whole vectors.`;
}

export const mlpLayerSpeed: LegacyGenerator = {
  id: "mlp-layer-speed",
  title: "Which layer of a sigmoid MLP learns slowest",
  params: { mode: MODES },
  generate(seed: number, params: ExerciseParams): ExerciseInstance {
    const { built, mode, d } = build(seed, params);
    const H = WIDTHS[d].length - 2;
    const common = {
      generator: "mlp-layer-speed",
      seed,
      locale: "en" as const,
      params: { ...params, mode, difficulty: d },
      prompt: built.prompt,
      mistakes: built.mistakes,
      hint: hintText(built, mode),
    };
    if (mode === "slowest") {
      const expected = built.expected as string;
      const expectedTex = `\\text{${expected}}`;
      return {
        ...common,
        answer: answerSpec(mode, H),
        expected,
        expectedTex,
        solution: solutionText(built, mode, expectedTex),
      };
    }
    const expected = built.expected as number;
    const expectedTex = texNum(expected, 4);
    return {
      ...common,
      answer: answerSpec(mode, H),
      expected,
      expectedTex,
      solution: solutionText(built, mode, expectedTex),
    };
  },
};
