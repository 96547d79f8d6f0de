import { heVariance, xavierVariance } from "@/lib/engine/closed-forms";
import { createRng, type Rng } from "@/lib/engine/rng";
import { drawUntil } from "../kit/draw";
import { REL_TOL, resolveMistakes } from "../kit/mistakes";
import { difficultyParam, stringParam } from "../kit/params";
import { texNum } from "../kit/tex";
import type { ExerciseInstance, AnswerSpec, ExerciseParams, KnownMistake } from "../types";
import type { LegacyGenerator, LegacyMistakeCandidate } from "../legacy";

/** How answers are compared: a number within 0.5 %. */
const NUMBER_SPEC: AnswerSpec = { kind: "number", tolerance: { rel: REL_TOL } };

/**
 * Weight-initialisation variances. For z = \sum_{j=1}^{n_in} w_j a_j with
 * independent zero-mean weights,
 *   \operatorname{Var}(z) = n_\text{in}\,\operatorname{Var}(w)\,\mathbb E[a^2].
 * - Xavier/Glorot (tanh-like units, linear near 0): keep the forward variance
 *   (n_in Var(w) = 1) and the backward one (n_out Var(w) = 1) as close as
 *   possible: \operatorname{Var}(w) = \frac{2}{n_\text{in} + n_\text{out}}.
 * - He/Kaiming (ReLU): \mathbb E[\operatorname{relu}(z)^2] = \tfrac12 \operatorname{Var}(z), so the forward
 *   variance halves each layer unless \operatorname{Var}(w) = \frac{2}{n_\text{in}}.
 * For a convolution, n_in = C_in k² and n_out = C_out k² (every output sums over
 * a k×k window of every input channel).
 */

const MODES = ["xavier", "he", "which"] as const;
type Mode = (typeof MODES)[number];

const NICE_WIDTHS = [64, 100, 128, 200, 256, 300, 400, 500, 512, 784, 1000, 1024] as const;
const CHANNELS = [3, 16, 32, 48, 64, 96, 128, 256] as const;

export type WhichActivation = "relu" | "leaky_relu" | "tanh";

export type InitVarianceDraw =
  | { mode: "xavier" | "he"; layer: "dense"; nIn: number; nOut: number }
  | { mode: "xavier" | "he"; layer: "conv"; cIn: number; cOut: number; k: number }
  | { mode: "which"; activation: WhichActivation; width: number; depth: number };

interface Built {
  draw: InitVarianceDraw;
  expected: number | string;
  mistakes: KnownMistake[];
}

const OPTIONS = ["A", "B", "C"];
const OPTION_TEXT: Record<string, string> = {
  A: "Xavier/Glorot: $\\operatorname{Var}(w) = 2/(n_\\text{in} + n_\\text{out})$",
  B: "He/Kaiming: $\\operatorname{Var}(w) = 2/n_\\text{in}$",
  C: "plain $\\mathcal N(0, 1)$: $\\operatorname{Var}(w) = 1$",
};

function fans(d: Extract<InitVarianceDraw, { layer: string }>): { nIn: number; nOut: number } {
  return d.layer === "dense" ? { nIn: d.nIn, nOut: d.nOut } : { nIn: d.cIn * d.k * d.k, nOut: d.cOut * d.k * d.k };
}

function drawLayer(rng: Rng, mode: "xavier" | "he", d: 1 | 2 | 3): Extract<InitVarianceDraw, { layer: string }> | null {
  if (d === 3) {
    const k = rng.pick([3, 5] as const);
    const cIn = rng.pick(CHANNELS);
    const cOut = rng.pick(CHANNELS);
    return cIn === cOut ? null : { mode, layer: "conv", cIn, cOut, k };
  }
  const nIn = d === 1 ? rng.pick(NICE_WIDTHS) : rng.int(20, 1200);
  const nOut = d === 1 ? rng.pick(NICE_WIDTHS) : rng.int(10, 1200);
  // Equal fans make Xavier's 2/(n_in + n_out) equal to 1/n_in: two mistakes would be the answer.
  return nIn === nOut ? null : { mode, layer: "dense", nIn, nOut };
}

function buildLayer(rng: Rng, mode: "xavier" | "he", d: 1 | 2 | 3): Built | null {
  const draw = drawLayer(rng, mode, d);
  if (!draw) return null;
  const { nIn, nOut } = fans(draw);
  const xavier = xavierVariance(nIn, nOut);
  const he = heVariance(nIn);
  const channelsOnly =
    draw.layer === "conv"
      ? {
          xavier: 2 / (draw.cIn + draw.cOut),
          he: 2 / draw.cIn,
        }
      : null;
  const cands: LegacyMistakeCandidate[] =
    mode === "xavier"
      ? [
          {
            id: "lecun",
            value: 1 / nIn,
            explanation: `$1/n_\\text{in}$ (LeCun) keeps only the forward variance; Xavier averages fan-in and fan-out: $2/(n_\\text{in} + n_\\text{out})$.`,
          },
          {
            id: "he-instead",
            value: he,
            explanation: `$2/n_\\text{in}$ is He/Kaiming init, for ReLU units, where the factor 2 compensates for ReLU zeroing half its inputs.`,
          },
          {
            id: "missing-two",
            value: 1 / (nIn + nOut),
            explanation: `Forgot the 2: Xavier is the *average* of the forward and backward conditions, $\\operatorname{Var}(w) = 1/\\tfrac{n_\\text{in}+n_\\text{out}}{2} = 2/(n_\\text{in}+n_\\text{out})$.`,
          },
          {
            id: "std-not-variance",
            value: Math.sqrt(xavier),
            explanation: `That is the standard deviation $\\sqrt{2/(n_\\text{in}+n_\\text{out})}$; the question asks for the variance.`,
          },
        ]
      : [
          {
            id: "lecun",
            value: 1 / nIn,
            explanation: `$1/n_\\text{in}$ ignores that ReLU zeroes half of its inputs, so $\\mathbb E[a^2] = \\tfrac12\\operatorname{Var}(z)$: the activation variance would halve every layer. He doubles it: $2/n_\\text{in}$.`,
          },
          {
            id: "xavier-instead",
            value: xavier,
            explanation: `$2/(n_\\text{in}+n_\\text{out})$ is Xavier/Glorot init, derived for tanh-like units; in fan-in mode He init uses only $n_\\text{in}$: $2/n_\\text{in}$.`,
          },
          {
            id: "std-not-variance",
            value: Math.sqrt(he),
            explanation: `That is the standard deviation $\\sqrt{2/n_\\text{in}}$; the question asks for the variance.`,
          },
          {
            id: "fan-out",
            value: 2 / nOut,
            optional: true,
            explanation: `Used the fan-out: preserving the *forward* activation variance (fan-in mode) divides by the number of inputs each unit sums, $n_\\text{in}$.`,
          },
        ];
  if (channelsOnly) {
    cands.push({
      id: "forgot-kernel",
      value: mode === "xavier" ? channelsOnly.xavier : channelsOnly.he,
      optional: true,
      explanation: `Used the channel counts alone; each output of a $k\\times k$ convolution sums over $C_\\text{in} k^2$ inputs, so the fans are $n_\\text{in} = C_\\text{in}k^2$ and $n_\\text{out} = C_\\text{out}k^2$.`,
    });
  }
  const expected = mode === "xavier" ? xavier : he;
  const mistakes = resolveMistakes(expected, cands, NUMBER_SPEC, true);
  return mistakes ? { draw, expected, mistakes } : null;
}

/**
 * Which mode asks for the variance that keeps the backward gain per layer
 *   \chi = n\,\operatorname{Var}(w)\,\mathbb E[f'(z)^2]
 * at (or tending to) 1, so that gradients neither vanish nor explode
 * geometrically with depth. That criterion has one answer among A–C for
 * ReLU-like units (He: χ = 1 exactly) and for tanh (Xavier: Var(z) drifts to 0,
 * where tanh' → 1, so χ → 1 from below). The sigmoid is not drawn: its slope is
 * at most 1/4, so E[f'^2] ≤ 1/16 and none of the three options gives χ ≈ 1.
 * tanh appears twice in the later lists so that A and B are equally likely.
 */
const WHICH_BY_DIFFICULTY: readonly (readonly WhichActivation[])[] = [
  ["relu", "tanh"],
  ["relu", "leaky_relu", "tanh", "tanh"],
  ["relu", "leaky_relu", "tanh", "tanh"],
];

/**
 * He init on tanh units, in the wide-layer (mean-field) limit: the forward
 * variance settles at the fixed point of q = 2\,\mathbb E[\tanh^2(\sqrt q\,\xi)],
 * ξ ~ N(0, 1), q* ≈ 0.618, where the backward gain is
 * χ = 2\,\mathbb E[\tanh'(\sqrt{q^*}\,\xi)^2] ≈ 1.106 (checked by quadrature
 * and by a Monte-Carlo net in the tests).
 */
export const HE_TANH_SETTLED_VAR = 0.618;
export const HE_TANH_CHI = 1.106;

/**
 * tanh with N(0, 1) weights: Var(z) ≈ n, almost every unit is saturated, and
 * E[\tanh'(z)^2] ≈ \tfrac{\int \operatorname{sech}^4}{\sqrt{2\pi n}} = \tfrac{4/3}{\sqrt{2\pi n}},
 * so χ ≈ n · that = \tfrac43\sqrt{n/(2\pi)} (≈ 17 at n = 1024): gradients explode.
 */
export function standardNormalTanhChi(n: number): number {
  return (4 / 3) * Math.sqrt(n / (2 * Math.PI));
}

function rightLetter(a: WhichActivation): "A" | "B" {
  return a === "relu" || a === "leaky_relu" ? "B" : "A";
}

function buildWhich(rng: Rng, d: 1 | 2 | 3): Built {
  const activation = rng.pick(WHICH_BY_DIFFICULTY[d - 1] as readonly WhichActivation[]);
  const width = rng.pick([128, 256, 512, 1024] as const);
  const depth = rng.pick([10, 20, 30, 50] as const);
  const expected = rightLetter(activation);
  const relu = expected === "B";
  const mistakes: KnownMistake[] = relu
    ? [
        {
          id: "xavier-for-relu",
          value: "A",
          explanation: `Xavier ($= 1/n$ for square layers) is derived for units with slope 1 around 0. ${activation === "relu" ? "ReLU's slope is 0" : "Leaky ReLU's slope is only 0.01"} for the negative half of its inputs, so $\\mathbb E[f'(z)^2] \\approx \\tfrac12$ and $\\chi = n\\operatorname{Var}(w)\\cdot\\tfrac12 \\approx \\tfrac12$: the gradient's variance halves every layer (a factor $2^{-${depth}}$ after ${depth} layers), and so does the activations'. He doubles the weight variance: $2/n_\\text{in}$.`,
        },
        {
          id: "standard-normal",
          value: "C",
          explanation: `With $\\operatorname{Var}(w) = 1$, $\\chi = n\\cdot\\tfrac12 = ${width / 2}$: each layer multiplies the gradient's variance (and the activations') by about ${width / 2}, so both explode. The variance must scale like $1/n_\\text{in}$.`,
        },
      ]
    : [
        {
          id: "he-for-tanh",
          value: "B",
          explanation: `He's factor 2 compensates for ReLU blocking half its units; tanh blocks none. With $\\operatorname{Var}(w) = 2/n$ the forward variance cannot keep doubling (tanh is bounded): it settles near $\\operatorname{Var}(z) \\approx ${HE_TANH_SETTLED_VAR}$, where $2\\,\\mathbb E[\\tanh'(z)^2] = \\chi \\approx ${HE_TANH_CHI}$. So the gradients do not vanish: they **grow** by about ${HE_TANH_CHI} per layer, $\\approx ${texNum(HE_TANH_CHI ** depth, 2)}$ over ${depth} layers. Xavier, $2/(n_\\text{in}+n_\\text{out})$, gives $\\chi \\to 1$.`,
        },
        {
          id: "standard-normal",
          value: "C",
          explanation: `With $\\operatorname{Var}(w) = 1$ the pre-activations have variance about $n = ${width}$, so almost every unit is saturated at $\\pm 1$. The few units near 0 still pass gradient, and each sums ${width} weights of variance 1: $\\chi = n\\,\\mathbb E[\\tanh'(z)^2] \\approx \\tfrac43\\sqrt{n/2\\pi} \\approx ${texNum(standardNormalTanhChi(width), 2)}$ per layer, so gradients **explode**. The variance must scale like $1/n_\\text{in}$.`,
        },
      ];
  return { draw: { mode: "which", activation, width, depth }, expected, mistakes };
}

function build(seed: number, params: ExerciseParams): { built: Built; mode: Mode; d: 1 | 2 | 3 } {
  const mode = stringParam(params, "mode", MODES);
  const d = difficultyParam(params);
  const rng = createRng(seed);
  const built = drawUntil(
    rng,
    (r) => (mode === "which" ? buildWhich(r, d) : buildLayer(r, mode, d)),
    (x) => x !== null,
    1000,
  ) as Built;
  return { built, mode, d };
}

/** The raw drawn data of an instance (for tests that recompute the answer independently). */
export function drawInitVariance(seed: number, params: ExerciseParams): InitVarianceDraw {
  return build(seed, params).built.draw;
}

/** How each activation is named in the prompt: by name at difficulties 1–2, by formula at 3. */
const ACTIVATION_FORMULA: Record<WhichActivation, string> = {
  relu: "f(z) = \\max(0, z)",
  leaky_relu: "f(z) = \\max(0.01\\,z,\\ z)",
  tanh: "f(z) = \\dfrac{e^{z} - e^{-z}}{e^{z} + e^{-z}}",
};
const ACTIVATION_NAME: Record<WhichActivation, string> = {
  relu: "ReLU",
  leaky_relu: "leaky ReLU (slope 0.01 for $z < 0$)",
  tanh: "tanh",
};

function whichText(draw: Extract<InitVarianceDraw, { mode: "which" }>, expected: string, d: 1 | 2 | 3) {
  const { activation, width, depth } = draw;
  const act = d === 3 ? `the activation $${ACTIVATION_FORMULA[activation]}$` : `${ACTIVATION_NAME[activation]} activations`;
  const prompt = [
    `A plain (no BatchNorm, no shortcuts) MLP has ${depth} hidden layers of width $n = ${width}$ with ${act}. Biases start at 0 and the weights are drawn from $\\mathcal N(0, \\operatorname{Var}(w))$.`,
    ``,
    `Backpropagation through one layer multiplies the gradient's variance, on average, by the **per-layer gain**`,
    ``,
    `$$`,
    `\\chi = n\\,\\operatorname{Var}(w)\\,\\mathbb E\\bigl[f'(z)^2\\bigr].`,
    `$$`,
    ``,
    `Which weight variance keeps $\\chi$ at 1, or tending to 1, in the deep layers, so that gradients neither vanish nor explode geometrically with depth?`,
    ``,
    ...OPTIONS.map((o) => `**${o}.** ${OPTION_TEXT[o]}`).flatMap((line) => [line, ``]),
    `Answer with a letter.`,
  ].join("\n");
  const relu = expected === "B";
  const reluLine =
    activation === "leaky_relu"
      ? `Leaky ReLU with slope 0.01 is ReLU for all practical purposes: $f'(z)$ is 1 for $z > 0$ and 0.01 for $z < 0$, so $\\mathbb E[f'(z)^2] = \\tfrac12(1 + 0.01^2) \\approx \\tfrac12$ (the exact He gain is $2/(1+0.01^2)$).`
      : `ReLU's slope is 1 on the positive half of a symmetric $z$ and 0 on the negative half: $\\mathbb E[\\operatorname{relu}'(z)^2] = \\tfrac12$, whatever $\\operatorname{Var}(z)$ is.`;
  const body = relu
    ? [
        reluLine,
        ``,
        `$$`,
        `\\chi = n\\,\\operatorname{Var}(w)\\cdot\\tfrac12 = 1 \\quad\\Rightarrow\\quad \\operatorname{Var}(w) = \\frac{2}{n_\\text{in}} = \\frac{2}{${width}}.`,
        `$$`,
        ``,
        `The forward pass agrees: $\\mathbb E[\\operatorname{relu}(z)^2] = \\tfrac12\\operatorname{Var}(z)$, so the same factor 2 keeps the activation variance constant. With Xavier ($= 1/n$ here, since $n_\\text{in} = n_\\text{out} = ${width}$) $\\chi = \\tfrac12$ and the gradient's variance is down by $2^{${depth}} \\approx ${texNum(2 ** depth, 3)}$ after ${depth} layers. With $\\mathcal N(0,1)$, $\\chi = n/2 = ${width / 2}$ per layer.`,
      ]
    : [
        `tanh is linear around 0 with slope $\\tanh'(0) = 1$, so while the pre-activations are small $\\mathbb E[\\tanh'(z)^2] \\approx 1$ and $\\chi \\approx n\\operatorname{Var}(w)$. Making the forward condition $n_\\text{in}\\operatorname{Var}(w) = 1$ and the backward one $n_\\text{out}\\operatorname{Var}(w) = 1$ as close as possible gives Xavier:`,
        ``,
        `$$`,
        `\\operatorname{Var}(w) = \\frac{2}{n_\\text{in}+n_\\text{out}} = \\frac{2}{${width} + ${width}} = \\frac{1}{${width}}.`,
        `$$`,
        ``,
        `Since $\\tanh^2(z) < z^2$, the forward variance then drifts slowly towards 0 (about $1/(2l)$ after $l$ layers), the units move further into their linear range, and $\\chi$ rises towards 1 from below (for unit-variance inputs about 0.90 at layer 10 and 0.97 at layer 30): no geometric vanishing or explosion.`,
        ``,
        `The other two do not keep $\\chi$ near 1. With He's $2/n$ the forward variance cannot keep doubling, because tanh is bounded: it settles near $\\operatorname{Var}(z) \\approx ${HE_TANH_SETTLED_VAR}$, where $\\chi = 2\\,\\mathbb E[\\tanh'(z)^2] \\approx ${HE_TANH_CHI}$, so gradients **grow** by about $${HE_TANH_CHI}^{${depth}} \\approx ${texNum(HE_TANH_CHI ** depth, 2)}$ over ${depth} layers. With $\\mathcal N(0,1)$ the pre-activations have variance $\\approx n = ${width}$ and almost every unit is saturated, yet $\\chi = n\\,\\mathbb E[\\tanh'(z)^2] \\approx \\tfrac43\\sqrt{n/2\\pi} \\approx ${texNum(standardNormalTanhChi(width), 2)}$ per layer: gradients **explode**.`,
      ];
  const solution = [
    `For $\\delta^{l-1}_j = f'(z^{l-1}_j)\\sum_i W_{ij}\\,\\delta^l_i$ with independent zero-mean weights, $\\operatorname{Var}(\\delta^{l-1}) = n\\operatorname{Var}(w)\\,\\mathbb E[f'(z)^2]\\operatorname{Var}(\\delta^l) = \\chi\\operatorname{Var}(\\delta^l)$. The question is what the activation does to $\\mathbb E[f'(z)^2]$.${
      d === 3 ? ` The given function is **${ACTIVATION_NAME[activation]}**.` : ""
    }`,
    ``,
    ...body,
    ``,
    `**Answer: ${expected}** (${relu ? "He/Kaiming" : "Xavier/Glorot"}).`,
  ].join("\n");
  const hint = `Ask what the activation's slope does to $\\mathbb E[f'(z)^2]$: is the slope 0 on half of a zero-mean input (like ReLU), or about 1 around 0 (like tanh)? Then pick the $\\operatorname{Var}(w)$ that makes $\\chi = n\\operatorname{Var}(w)\\,\\mathbb E[f'(z)^2] = 1$.`;
  return { prompt, solution, hint };
}

function layerText(draw: Extract<InitVarianceDraw, { layer: string }>, expected: number) {
  const { nIn, nOut } = fans(draw);
  const xavier = draw.mode === "xavier";
  const unit = xavier ? "tanh" : "ReLU";
  const scheme = xavier ? "**Xavier/Glorot** normal initialisation" : "**He/Kaiming** normal initialisation in fan-in mode (it preserves the forward activation variance)";
  const layer =
    draw.layer === "dense"
      ? `A fully connected ${unit} layer maps $n_\\text{in} = ${nIn}$ inputs to $n_\\text{out} = ${nOut}$ outputs.`
      : `A ${draw.k}×${draw.k} convolution with ${unit} activations maps $C_\\text{in} = ${draw.cIn}$ input channels to $C_\\text{out} = ${draw.cOut}$ output channels.`;
  const prompt = [
    layer,
    `Its weights get ${scheme}: $w \\sim \\mathcal N(0, \\operatorname{Var}(w))$.`,
    ``,
    `What is $\\operatorname{Var}(w)$ (the variance, not the standard deviation)? Give a number (4 significant digits are enough).`,
  ].join("\n");
  const fanLines =
    draw.layer === "conv"
      ? [
          `Each output of a $k\\times k$ convolution sums over a $k\\times k$ window of every input channel, so the fans include the kernel area:`,
          ``,
          `$$`,
          `n_\\text{in} = C_\\text{in}k^2 = ${draw.cIn}\\cdot ${draw.k * draw.k} = ${nIn},\\qquad n_\\text{out} = C_\\text{out}k^2 = ${draw.cOut}\\cdot ${draw.k * draw.k} = ${nOut}.`,
          `$$`,
          ``,
        ]
      : [];
  const body = xavier
    ? [
        `Xavier keeps the forward condition $n_\\text{in}\\operatorname{Var}(w) = 1$ and the backward condition $n_\\text{out}\\operatorname{Var}(w) = 1$ as close as possible by using the average fan:`,
        ``,
        `$$`,
        `\\operatorname{Var}(w) = \\frac{2}{n_\\text{in} + n_\\text{out}} = \\frac{2}{${nIn} + ${nOut}} = \\frac{2}{${nIn + nOut}} = ${texNum(expected, 4)}`,
        `$$`,
        ``,
        `(standard deviation $\\sqrt{\\operatorname{Var}(w)} = ${texNum(Math.sqrt(expected), 4)}$).`,
      ]
    : [
        `ReLU zeroes the negative half of a symmetric pre-activation, so $\\mathbb E[a^2] = \\tfrac12\\operatorname{Var}(z)$ and $\\operatorname{Var}(z^{(l+1)}) = \\tfrac12 n_\\text{in}\\operatorname{Var}(w)\\operatorname{Var}(z^{(l)})$. Keeping it constant needs the factor 2:`,
        ``,
        `$$`,
        `\\operatorname{Var}(w) = \\frac{2}{n_\\text{in}} = \\frac{2}{${nIn}} = ${texNum(expected, 4)}`,
        `$$`,
        ``,
        `(standard deviation $\\sqrt{\\operatorname{Var}(w)} = ${texNum(Math.sqrt(expected), 4)}$; $n_\\text{out} = ${nOut}$ plays no role in fan-in mode).`,
      ];
  const solution = [...fanLines, ...body].join("\n");
  const hint =
    (draw.layer === "conv"
      ? `First the fans: for a convolution they include the kernel area, $n_\\text{in} = C_\\text{in}k^2 = ${nIn}$. `
      : "") +
    (xavier
      ? `Xavier uses both fans, $n_\\text{in} + n_\\text{out}$, with a 2 in the numerator; and the question asks for the variance, not the standard deviation.`
      : `He init (fan-in mode) uses only $n_\\text{in}$, with a 2 in the numerator for ReLU; and the question asks for the variance, not the standard deviation.`);
  return { prompt, solution, hint };
}

export const initVariance: LegacyGenerator = {
  id: "init-variance",
  title: "Initialisation variance: Xavier and He",
  params: { mode: MODES },
  generate(seed: number, params: ExerciseParams): ExerciseInstance {
    const { built, mode, d } = build(seed, params);
    const { draw, expected, mistakes } = built;
    let text: { prompt: string; solution: string; hint: string };
    let answer: AnswerSpec;
    let expectedTex: string;
    if (draw.mode === "which") {
      text = whichText(draw, expected as string, d);
      answer = { kind: "choice", options: OPTIONS.slice() };
      expectedTex = `\\text{${expected as string}}`;
    } else {
      text = layerText(draw, expected as number);
      answer = { kind: "number", tolerance: { rel: REL_TOL } };
      expectedTex = texNum(expected as number, 4);
    }
    return {
      generator: "init-variance",
      seed,
      locale: "en" as const,
      params: { ...params, mode, difficulty: d },
      prompt: text.prompt,
      answer,
      expected,
      expectedTex,
      mistakes,
      hint: text.hint,
      solution: text.solution,
    };
  },
};
