import type { ExerciseText } from "../../define";
import { letterOf } from "../../kit/choices";
import { A_DIGITS, AMP_SD, asSlowest, type Drawn, type MistakeId, type Solution } from "./model";
import {
  hiddenDeltaBlocks,
  hintStepRule,
  inputTex,
  largeWeightsTex,
  layerBlocks,
  n4,
  networkTex,
  normTable,
  outputDeltaRule,
  outputDeltaTex,
  outputDeltaValue,
  ratioBlock,
  speedFactorTex,
  stepRule,
  widthsTex,
} from "./tex";

const layerName = (l: number): string => `layer ${l}`;

/** Which weights are at the usual scale and which (if any) are not: the exceptions must be visible, not a trick. */
function scaleNote(t: number): string {
  if (t < 2) return `All weights and biases were drawn at the usual scale, $W^l_{ij}, b^l_i \\sim N(0, 1)$.`;
  const big = `$${largeWeightsTex(t)}$ ${t === 2 ? "is" : "are"}`;
  return `**Note:** ${big} **unusually large** (entries drawn with standard deviation ${AMP_SD}, not the usual 1), with biases chosen to keep those units out of saturation; the other weights and biases are at the usual scale, $N(0, 1)$.`;
}

export const en: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "Which layer of a sigmoid MLP learns slowest",

  prompt: (d, s) => {
    const { L, H } = s;
    const lines = [
      `A fully connected sigmoid network with layer widths $${widthsTex(d)}$ (${H} hidden layers, output layer $L = ${L}$):`,
      ``,
      `$$`,
      networkTex(s),
      `$$`,
      ``,
      `Input and target:`,
      ``,
      `$$`,
      inputTex(d),
      `$$`,
      ``,
      `Weights, biases, and (to save you the forward pass) the activations $a^l$ to ${A_DIGITS} significant digits. ${scaleNote(d.largeUpTo)}`,
      ``,
      ...layerBlocks(d, s),
      `Layer $l$ learns at speed $\\lVert \\partial C/\\partial b^l \\rVert = \\lVert \\delta^l \\rVert$, where $\\delta^l = \\partial C/\\partial z^l$ (recall $\\sigma'(z^l) = a^l \\odot (1 - a^l)$).`,
      ``,
    ];
    if (s.mode === "slowest") {
      lines.push(`Which **hidden** layer learns slowest, i.e. has the smallest $\\lVert \\delta^l \\rVert$?`, ``);
      for (let l = 1; l <= H; l++) lines.push(`**${letterOf(l - 1)}.** ${layerName(l)} ($\\lVert \\delta^{${l}} \\rVert$)`, ``);
      lines.push(`Answer with a letter.`);
    } else {
      lines.push(
        `Compute the ratio $\\lVert \\delta^1 \\rVert \\,/\\, \\lVert \\delta^{${H}} \\rVert$ of the first hidden layer's learning speed to the last hidden layer's. Give it as a number (4 significant digits are enough; scientific notation such as \`1.234e-3\` is fine).`,
      );
    }
    return lines.join("\n");
  },

  hint: (_d, s) => {
    const { L, H } = s;
    const base = `Start at the output: $${outputDeltaRule(L)} = ${outputDeltaValue(s)}$, then step back with $${hintStepRule}$ — note the **transpose**, and that $\\sigma'$ is $a(1 - a)$, not $a$.`;
    return s.mode === "slowest"
      ? `${base} Compare $\\lVert \\delta^l \\rVert$ for the hidden layers $1, \\dots, ${H}$ only, and pick the **smallest**.`
      : `${base} The ratio asked for is $\\lVert \\delta^1 \\rVert / \\lVert \\delta^{${H}} \\rVert$ (first hidden layer on top), with norms of the whole vectors.`;
  },

  mistakes: {
    "picked-largest": (_d, s) => {
      const { fastest, hidden } = asSlowest(s);
      return `Picked the layer with the **largest** $\\lVert \\delta^l \\rVert$ (layer ${fastest + 1}, $${n4(hidden[fastest] as number)}$): that layer learns fastest; the slowest has the smallest gradient norm.`;
    },
    "assumed-later-slower": (_d, { H, hidden }) =>
      `Assumed later layers are slower: the gradient reaches layer ${H} first, so in a sigmoid net it is usually the *earlier* layers that get the smaller $\\lVert \\delta^l \\rVert$ — and here layer ${H} has $\\lVert \\delta^{${H}} \\rVert = ${n4(hidden[H - 1] as number)}$.`,
    "assumed-first-slowest": (_d, { hidden }) =>
      `Took the textbook answer (layer 1 slowest, which holds for weights of the usual size) although the prompt says some weights are unusually large: here $\\lVert \\delta^1 \\rVert = ${n4(hidden[0] as number)}$ is not the smallest — large $W^{l+1}$ make up for the $\\sigma'(z^l) \\le \\tfrac14$ factors on the way back.`,
    inverted: (_d, { H }) =>
      `Inverted the ratio: computed $\\lVert \\delta^{${H}} \\rVert / \\lVert \\delta^1 \\rVert$ instead of $\\lVert \\delta^1 \\rVert / \\lVert \\delta^{${H}} \\rVert$.`,
    "weight-gradient-ratio": (_d, { H }) =>
      `Used the weight gradients $\\lVert \\partial C/\\partial W^1 \\rVert / \\lVert \\partial C/\\partial W^{${H}} \\rVert$: these are $\\lVert \\delta^l \\rVert\\,\\lVert a^{l-1} \\rVert$, so they also carry the size of each layer's input; the speed asked for is $\\lVert \\partial C/\\partial b^l \\rVert = \\lVert \\delta^l \\rVert$.`,
    "first-components": (_d, { H }) =>
      `Compared only the first components $|\\delta^1_1| / |\\delta^{${H}}_1|$: the speed of a layer is the norm of the whole vector $\\delta^l$.`,
  },

  solution: (d, s) => {
    const { L, H } = s;
    const lines = [
      `The speed of layer $l$ is $\\lVert \\partial C/\\partial b^l \\rVert = \\lVert \\delta^l \\rVert$ because $\\partial z^l/\\partial b^l = I$. Backpropagate $\\delta$ from the output (vectors to 4 significant digits):`,
      ``,
      `**Output layer.** $\\partial C/\\partial a^{${L}} = a^{${L}} - y$, so`,
      ``,
      `$$`,
      outputDeltaTex(d, s),
      `$$`,
      ``,
      `**Hidden layers**, from the top down, with $${stepRule}$ and $\\sigma'(z^l) = a^l \\odot (1 - a^l)$:`,
      ``,
      ...hiddenDeltaBlocks(d, s),
      `Norms per layer (the weight gradient $\\partial C/\\partial W^l = \\delta^l (a^{l-1})^\\top$ is an outer product, so its norm is $\\lVert \\delta^l \\rVert\\,\\lVert a^{l-1} \\rVert$):`,
      ``,
      ...normTable(s, "layer", " (output)"),
      ``,
    ];
    if (s.mode === "slowest") {
      const { slow, next } = s;
      lines.push(
        `Among the hidden layers $1, \\dots, ${H}$ the smallest is $\\lVert \\delta^{${slow[1] + 1}} \\rVert = ${n4(slow[0])}$ (next: layer ${next[1] + 1} with $${n4(next[0])}$), so ${layerName(slow[1] + 1)} learns slowest. ${
          slow[1] === 0
            ? `This is the usual picture in a sigmoid net: every step back multiplies by $(W^{l+1})^\\top$ and by $\\sigma'(z^l) \\le \\tfrac14$, so the gradient tends to shrink towards the input.`
            : `Not the first layer here: the factors $(W^{l+1})^\\top$ and $\\sigma'(z^l) \\le \\tfrac14$ tend to shrink $\\delta$ on its way back, but large weights can make up for them — only the actual numbers decide.`
        }`,
        ``,
        `**Answer:** $${s.expectedTex}$ (${layerName(slow[1] + 1)})`,
      );
    } else {
      lines.push(
        ...ratioBlock(s),
        s.expected < 1
          ? `The first hidden layer learns about $${speedFactorTex(s)}$ times more slowly than the last one: the gradient shrank on its way back.`
          : `Here the first hidden layer learns faster than the last one (by a factor $${speedFactorTex(s)}$): the weights made up for the $\\sigma' \\le \\tfrac14$ factors in this draw.`,
        ``,
        `**Answer:** $${s.expectedTex}$`,
      );
    }
    return lines.join("\n");
  },
};
