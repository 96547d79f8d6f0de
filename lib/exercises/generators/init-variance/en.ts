import type { ExerciseText } from "../../define";
import { HE_TANH_CHI, HE_TANH_SETTLED_VAR, layerOf, type LayerSolution, type Letter, type MistakeId, type Drawn, type Solution, whichOf, type WhichActivation, type WhichSolution } from "./model";
import { ACTIVATION_FORMULA, chiBlock, heTanhGrowthTex, layerTex, OPTION_TEX, optionLines, reluHalvingTex, reluStandardNormalChi, standardNormalChiTex, whichDisplay } from "./tex";

const OPTION_TEXT: Record<Letter, string> = {
  A: `Xavier/Glorot: ${OPTION_TEX.A}`,
  B: `He/Kaiming: ${OPTION_TEX.B}`,
  C: `plain $\\mathcal N(0, 1)$: ${OPTION_TEX.C}`,
};

const ACTIVATION_NAME: Record<WhichActivation, string> = {
  relu: "ReLU",
  leaky_relu: "leaky ReLU (slope 0.01 for $z < 0$)",
  tanh: "tanh",
};

function whichPrompt(s: WhichSolution): string {
  const { activation, width, depth } = s.draw;
  const act = s.byFormula ? `the activation $${ACTIVATION_FORMULA[activation]}$` : `${ACTIVATION_NAME[activation]} activations`;
  return [
    `A plain (no BatchNorm, no shortcuts) MLP has ${depth} hidden layers of width $n = ${width}$ with ${act}. Biases start at 0 and the weights are drawn from $\\mathcal N(0, \\operatorname{Var}(w))$.`,
    ``,
    `Backpropagation through one layer multiplies the gradient's variance, on average, by the **per-layer gain**`,
    ``,
    ...chiBlock(),
    ``,
    `Which weight variance keeps $\\chi$ at 1, or tending to 1, in the deep layers, so that gradients neither vanish nor explode geometrically with depth?`,
    ``,
    ...optionLines(OPTION_TEXT),
    `Answer with a letter.`,
  ].join("\n");
}

function whichSolution(s: WhichSolution): string {
  const { activation, width, depth } = s.draw;
  const reluLine =
    activation === "leaky_relu"
      ? `Leaky ReLU with slope 0.01 is ReLU for all practical purposes: $f'(z)$ is 1 for $z > 0$ and 0.01 for $z < 0$, so $\\mathbb E[f'(z)^2] = \\tfrac12(1 + 0.01^2) \\approx \\tfrac12$ (the exact He gain is $2/(1+0.01^2)$).`
      : `ReLU's slope is 1 on the positive half of a symmetric $z$ and 0 on the negative half: $\\mathbb E[\\operatorname{relu}'(z)^2] = \\tfrac12$, whatever $\\operatorname{Var}(z)$ is.`;
  const before =
    s.relu
      ? reluLine
      : `tanh is linear around 0 with slope $\\tanh'(0) = 1$, so while the pre-activations are small $\\mathbb E[\\tanh'(z)^2] \\approx 1$ and $\\chi \\approx n\\operatorname{Var}(w)$. Making the forward condition $n_\\text{in}\\operatorname{Var}(w) = 1$ and the backward one $n_\\text{out}\\operatorname{Var}(w) = 1$ as close as possible gives Xavier:`;
  const after = s.relu
    ? [`The forward pass agrees: $\\mathbb E[\\operatorname{relu}(z)^2] = \\tfrac12\\operatorname{Var}(z)$, so the same factor 2 keeps the activation variance constant. With Xavier ($= 1/n$ here, since $n_\\text{in} = n_\\text{out} = ${width}$) $\\chi = \\tfrac12$ and the gradient's variance is down by $${reluHalvingTex(depth)}$ after ${depth} layers. With $\\mathcal N(0,1)$, $\\chi = n/2 = ${reluStandardNormalChi(width)}$ per layer.`]
    : [
        `Since $\\tanh^2(z) < z^2$, the forward variance then drifts slowly towards 0 (about $1/(2l)$ after $l$ layers), the units move further into their linear range, and $\\chi$ rises towards 1 from below (for unit-variance inputs about 0.90 at layer 10 and 0.97 at layer 30): no geometric vanishing or explosion.`,
        ``,
        `The other two do not keep $\\chi$ near 1. With He's $2/n$ the forward variance cannot keep doubling, because tanh is bounded: it settles near $\\operatorname{Var}(z) \\approx ${HE_TANH_SETTLED_VAR}$, where $\\chi = 2\\,\\mathbb E[\\tanh'(z)^2] \\approx ${HE_TANH_CHI}$, so gradients **grow** by about $${HE_TANH_CHI}^{${depth}} \\approx ${heTanhGrowthTex(depth)}$ over ${depth} layers. With $\\mathcal N(0,1)$ the pre-activations have variance $\\approx n = ${width}$ and almost every unit is saturated, yet $\\chi = n\\,\\mathbb E[\\tanh'(z)^2] \\approx \\tfrac43\\sqrt{n/2\\pi} \\approx ${standardNormalChiTex(width)}$ per layer: gradients **explode**.`,
      ];
  const body = [before, ``, ...whichDisplay(s), ``, ...after];
  return [
    `For $\\delta^{l-1}_j = f'(z^{l-1}_j)\\sum_i W_{ij}\\,\\delta^l_i$ with independent zero-mean weights, $\\operatorname{Var}(\\delta^{l-1}) = n\\operatorname{Var}(w)\\,\\mathbb E[f'(z)^2]\\operatorname{Var}(\\delta^l) = \\chi\\operatorname{Var}(\\delta^l)$. The question is what the activation does to $\\mathbb E[f'(z)^2]$.${
      s.byFormula ? ` The given function is **${ACTIVATION_NAME[activation]}**.` : ""
    }`,
    ``,
    ...body,
    ``,
    `**Answer:** $${s.expectedTex}$ (${s.relu ? "He/Kaiming" : "Xavier/Glorot"}).`,
  ].join("\n");
}

function layerPrompt(s: LayerSolution): string {
  const { nIn, nOut, draw: d } = s;
  const xavier = s.mode === "xavier";
  const unit = xavier ? "tanh" : "ReLU";
  const scheme = xavier ? "**Xavier/Glorot** normal initialisation" : "**He/Kaiming** normal initialisation in fan-in mode (it preserves the forward activation variance)";
  const layer =
    d.layer === "dense"
      ? `A fully connected ${unit} layer maps $n_\\text{in} = ${nIn}$ inputs to $n_\\text{out} = ${nOut}$ outputs.`
      : `A ${d.k}×${d.k} convolution with ${unit} activations maps $C_\\text{in} = ${d.cIn}$ input channels to $C_\\text{out} = ${d.cOut}$ output channels.`;
  return [
    layer,
    `Its weights get ${scheme}: $w \\sim \\mathcal N(0, \\operatorname{Var}(w))$.`,
    ``,
    `What is $\\operatorname{Var}(w)$ (the variance, not the standard deviation)? Give a number (4 significant digits are enough).`,
  ].join("\n");
}

function layerSolution(s: LayerSolution): string {
  const { fans, formula, std } = layerTex(s);
  const xavier = s.mode === "xavier";
  return [
    ...(fans.length ? [`Each output of a $k\\times k$ convolution sums over a $k\\times k$ window of every input channel, so the fans include the kernel area:`, ``, ...fans, ``] : []),
    xavier
      ? `Xavier keeps the forward condition $n_\\text{in}\\operatorname{Var}(w) = 1$ and the backward condition $n_\\text{out}\\operatorname{Var}(w) = 1$ as close as possible by using the average fan:`
      : `ReLU zeroes the negative half of a symmetric pre-activation, so $\\mathbb E[a^2] = \\tfrac12\\operatorname{Var}(z)$ and $\\operatorname{Var}(z^{(l+1)}) = \\tfrac12 n_\\text{in}\\operatorname{Var}(w)\\operatorname{Var}(z^{(l)})$. Keeping it constant needs the factor 2:`,
    ``,
    ...formula,
    ``,
    xavier
      ? `The standard deviation that goes with it is $${std}$; the question asks for the variance.`
      : `The standard deviation that goes with it is $${std}$; $n_\\text{out} = ${s.nOut}$ plays no role in fan-in mode.`,
    ``,
    `**Answer:** $\\operatorname{Var}(w) = ${s.expectedTex}$`,
  ].join("\n");
}

function layerHint(s: LayerSolution): string {
  return (
    (s.draw.layer === "conv" ? `First the fans: for a convolution they include the kernel area, $n_\\text{in} = C_\\text{in}k^2 = ${s.nIn}$. ` : "") +
    (s.mode === "xavier"
      ? `Xavier uses both fans, $n_\\text{in} + n_\\text{out}$, with a 2 in the numerator; and the question asks for the variance, not the standard deviation.`
      : `He init (fan-in mode) uses only $n_\\text{in}$, with a 2 in the numerator for ReLU; and the question asks for the variance, not the standard deviation.`)
  );
}

export const en: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "Initialisation variance: Xavier and He",

  prompt: (_d, s) => (s.mode === "which" ? whichPrompt(s) : layerPrompt(s)),

  hint: (_d, s) =>
    s.mode === "which"
      ? `Ask what the activation's slope does to $\\mathbb E[f'(z)^2]$: is the slope 0 on half of a zero-mean input (like ReLU), or about 1 around 0 (like tanh)? Then pick the $\\operatorname{Var}(w)$ that makes $\\chi = n\\operatorname{Var}(w)\\,\\mathbb E[f'(z)^2] = 1$.`
      : layerHint(s),

  mistakes: {
    lecun: (_d, s) =>
      layerOf(s).mode === "xavier"
        ? `$1/n_\\text{in}$ (LeCun) keeps only the forward variance; Xavier averages fan-in and fan-out: $2/(n_\\text{in} + n_\\text{out})$.`
        : `$1/n_\\text{in}$ ignores that ReLU zeroes half of its inputs, so $\\mathbb E[a^2] = \\tfrac12\\operatorname{Var}(z)$: the activation variance would halve every layer. He doubles it: $2/n_\\text{in}$.`,
    "he-instead": () =>
      `$2/n_\\text{in}$ is He/Kaiming init, for ReLU units, where the factor 2 compensates for ReLU zeroing half its inputs.`,
    "missing-two": () =>
      `Forgot the 2: Xavier is the *average* of the forward and backward conditions, $\\operatorname{Var}(w) = 1/\\tfrac{n_\\text{in}+n_\\text{out}}{2} = 2/(n_\\text{in}+n_\\text{out})$.`,
    "std-not-variance": (_d, s) =>
      layerOf(s).mode === "xavier"
        ? `That is the standard deviation $\\sqrt{2/(n_\\text{in}+n_\\text{out})}$; the question asks for the variance.`
        : `That is the standard deviation $\\sqrt{2/n_\\text{in}}$; the question asks for the variance.`,
    "xavier-instead": () =>
      `$2/(n_\\text{in}+n_\\text{out})$ is Xavier/Glorot init, derived for tanh-like units; in fan-in mode He init uses only $n_\\text{in}$: $2/n_\\text{in}$.`,
    "fan-out": () =>
      `Used the fan-out: preserving the *forward* activation variance (fan-in mode) divides by the number of inputs each unit sums, $n_\\text{in}$.`,
    "forgot-kernel": () =>
      `Used the channel counts alone; each output of a $k\\times k$ convolution sums over $C_\\text{in} k^2$ inputs, so the fans are $n_\\text{in} = C_\\text{in}k^2$ and $n_\\text{out} = C_\\text{out}k^2$.`,
    "xavier-for-relu": (_d, s) => {
      const { activation, depth } = whichOf(s).draw;
      return `Xavier ($= 1/n$ for square layers) is derived for units with slope 1 around 0. ${activation === "relu" ? "ReLU's slope is 0" : "Leaky ReLU's slope is only 0.01"} for the negative half of its inputs, so $\\mathbb E[f'(z)^2] \\approx \\tfrac12$ and $\\chi = n\\operatorname{Var}(w)\\cdot\\tfrac12 \\approx \\tfrac12$: the gradient's variance halves every layer (a factor $2^{-${depth}}$ after ${depth} layers), and so does the activations'. He doubles the weight variance: $2/n_\\text{in}$.`;
    },
    "standard-normal": (_d, s) => {
      const w = whichOf(s);
      const { width } = w.draw;
      return w.relu
        ? `With $\\operatorname{Var}(w) = 1$, $\\chi = n\\cdot\\tfrac12 = ${reluStandardNormalChi(width)}$: each layer multiplies the gradient's variance (and the activations') by about ${reluStandardNormalChi(width)}, so both explode. The variance must scale like $1/n_\\text{in}$.`
        : `With $\\operatorname{Var}(w) = 1$ the pre-activations have variance about $n = ${width}$, so almost every unit is saturated at $\\pm 1$. The few units near 0 still pass gradient, and each sums ${width} weights of variance 1: $\\chi = n\\,\\mathbb E[\\tanh'(z)^2] \\approx \\tfrac43\\sqrt{n/2\\pi} \\approx ${standardNormalChiTex(width)}$ per layer, so gradients **explode**. The variance must scale like $1/n_\\text{in}$.`;
    },
    "he-for-tanh": (_d, s) => {
      const { depth } = whichOf(s).draw;
      return `He's factor 2 compensates for ReLU blocking half its units; tanh blocks none. With $\\operatorname{Var}(w) = 2/n$ the forward variance cannot keep doubling (tanh is bounded): it settles near $\\operatorname{Var}(z) \\approx ${HE_TANH_SETTLED_VAR}$, where $2\\,\\mathbb E[\\tanh'(z)^2] = \\chi \\approx ${HE_TANH_CHI}$. So the gradients do not vanish: they **grow** by about ${HE_TANH_CHI} per layer, $\\approx ${heTanhGrowthTex(depth)}$ over ${depth} layers. Xavier, $2/(n_\\text{in}+n_\\text{out})$, gives $\\chi \\to 1$.`;
    },
  },

  solution: (_d, s) => (s.mode === "which" ? whichSolution(s) : layerSolution(s)),
};
