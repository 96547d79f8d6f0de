import { heVariance, xavierVariance } from "../closed-forms";
import { createRng, type Rng } from "../rng";
import { drawUntil, stringParam, texNum } from "./format";
import { difficultyParam, type MistakeCandidate, REL_TOL, resolveMistakes } from "./shared-b";
import type { AnswerSpec, ExerciseGenerator, ExerciseInstance, ExerciseParams, KnownMistake } from "./types";

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

export type WhichActivation = "relu" | "leaky_relu" | "tanh" | "sigmoid";

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
  const cands: MistakeCandidate[] =
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

const WHICH_BY_DIFFICULTY: readonly (readonly WhichActivation[])[] = [
  ["relu", "tanh"],
  ["relu", "leaky_relu", "tanh", "sigmoid"],
  ["relu", "leaky_relu", "tanh", "sigmoid"],
];

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
          explanation: `Xavier assumes a unit that is linear around 0. ${activation === "relu" ? "ReLU zeroes" : "Leaky ReLU (slope 0.01) all but zeroes"} half of its inputs, so $\\mathbb E[a^2] = \\tfrac12\\operatorname{Var}(z)$ and the activation variance halves every layer (a factor $2^{-${depth}}$ after ${depth} layers) unless the weight variance is doubled: He, $2/n_\\text{in}$.`,
        },
        {
          id: "standard-normal",
          value: "C",
          explanation: `With $\\operatorname{Var}(w) = 1$ each layer multiplies the activation variance by about $n_\\text{in}/2 = ${width / 2}$: activations and gradients explode. The variance must scale like $1/n_\\text{in}$.`,
        },
      ]
    : [
        {
          id: "he-for-tanh",
          value: "B",
          explanation: `He's factor 2 compensates for ReLU discarding half its inputs. ${activation === "tanh" ? "tanh is linear near 0 and keeps both signs" : "The sigmoid does not zero half its inputs"}, so doubling the variance pushes the pre-activations into saturation, where $f' \\approx 0$ and gradients vanish. Xavier, $2/(n_\\text{in}+n_\\text{out})$, fits tanh-like units.`,
        },
        {
          id: "standard-normal",
          value: "C",
          explanation: `With $\\operatorname{Var}(w) = 1$ the pre-activations have variance about $n_\\text{in} = ${width}$ times that of the inputs: the units saturate at once, $f' \\approx 0$, and gradients vanish. The variance must scale like $1/n_\\text{in}$.`,
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
  sigmoid: "f(z) = \\dfrac{1}{1 + e^{-z}}",
};
const ACTIVATION_NAME: Record<WhichActivation, string> = {
  relu: "ReLU",
  leaky_relu: "leaky ReLU (slope 0.01 for $z < 0$)",
  tanh: "tanh",
  sigmoid: "sigmoid",
};

function whichText(draw: Extract<InitVarianceDraw, { mode: "which" }>, expected: string, d: 1 | 2 | 3) {
  const { activation, width, depth } = draw;
  const act = d === 3 ? `the activation $${ACTIVATION_FORMULA[activation]}$` : `${ACTIVATION_NAME[activation]} activations`;
  const prompt = [
    `A plain (no BatchNorm, no shortcuts) MLP has ${depth} hidden layers of width ${width} with ${act}. Biases start at 0 and the weights are drawn from $\\mathcal N(0, \\operatorname{Var}(w))$.`,
    ``,
    `Which weight variance keeps the activation variance roughly constant from layer to layer?`,
    ``,
    ...OPTIONS.map((o) => `**${o}.** ${OPTION_TEXT[o]}`).flatMap((line) => [line, ``]),
    `Answer with a letter.`,
  ].join("\n");
  const relu = expected === "B";
  const reluLine =
    activation === "leaky_relu"
      ? `Leaky ReLU with slope 0.01 is ReLU for all practical purposes: $\\mathbb E[f(z)^2] = \\tfrac12(1 + 0.01^2)\\operatorname{Var}(z) \\approx \\tfrac12\\operatorname{Var}(z)$ (the exact He gain is $2/(1+0.01^2)$).`
      : `ReLU passes only the positive half of a symmetric $z$: $\\mathbb E[\\operatorname{relu}(z)^2] = \\tfrac12\\operatorname{Var}(z)$.`;
  const body = relu
    ? [
        reluLine,
        ``,
        `$$`,
        `\\operatorname{Var}(z^{(l+1)}) = n_\\text{in}\\,\\operatorname{Var}(w)\\cdot\\tfrac12\\operatorname{Var}(z^{(l)}) \\quad\\Rightarrow\\quad \\operatorname{Var}(w) = \\frac{2}{n_\\text{in}} = \\frac{2}{${width}} \\text{ keeps it constant.}`,
        `$$`,
        ``,
        `With Xavier ($= 1/n_\\text{in}$ here, since $n_\\text{in} = n_\\text{out} = ${width}$) the variance halves every layer: after ${depth} layers it is down by $2^{${depth}} \\approx ${texNum(2 ** depth, 3)}$. With $\\mathcal N(0,1)$ it grows by $n_\\text{in}/2 = ${width / 2}$ per layer.`,
      ]
    : [
        `${activation === "tanh" ? "tanh" : "The sigmoid"} is ${activation === "tanh" ? "linear around 0 ($\\tanh'(0) = 1$) and odd" : "smooth around its centre and does not discard half its inputs"}, so for small pre-activations it passes the variance through without ReLU's halving. Keeping the forward condition $n_\\text{in}\\operatorname{Var}(w) = 1$ and the backward one $n_\\text{out}\\operatorname{Var}(w) = 1$ as close as possible gives`,
        ``,
        `$$`,
        `\\operatorname{Var}(w) = \\frac{2}{n_\\text{in}+n_\\text{out}} = \\frac{2}{${width} + ${width}} = \\frac{1}{${width}}.`,
        `$$`,
        ``,
        `He's doubled variance would push the units towards saturation ($f' \\approx 0$); $\\mathcal N(0,1)$ gives pre-activations with variance $\\approx ${width}$, deep in saturation from the first layer.`,
        ...(activation === "sigmoid"
          ? [
              ``,
              `(The sigmoid's output is not centred at 0 and its slope at 0 is only $1/4$, which is why Glorot and Bengio found it trains worse than tanh even with this initialisation; among the options, Xavier is still the right one.)`,
            ]
          : []),
      ];
  const solution = [
    `For $z = \\sum_{j=1}^{n_\\text{in}} w_j a_j$ with independent zero-mean weights, $\\operatorname{Var}(z) = n_\\text{in}\\operatorname{Var}(w)\\,\\mathbb E[a^2]$. The question is what the activation does to $\\mathbb E[a^2]$.${
      d === 3 ? ` The given function is **${ACTIVATION_NAME[activation]}**.` : ""
    }`,
    ``,
    ...body,
    ``,
    `**Answer: ${expected}** (${relu ? "He/Kaiming" : "Xavier/Glorot"}).`,
  ].join("\n");
  const hint = `Ask what the activation does to the second moment: does it throw away half of a zero-mean input (like ReLU), or is it roughly linear around 0 (like tanh)? Then match the factor in $\\operatorname{Var}(w)$.`;
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

export const initVariance: ExerciseGenerator = {
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
