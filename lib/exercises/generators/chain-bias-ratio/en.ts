import type { ExerciseText } from "../../define";
import { chainTable } from "../../kit/chain";
import { texDrawn } from "../../kit/tex";
import type { Drawn, MistakeId, Solution } from "./model";
import { absRatioTex, absW2W3, chainTex, overBoundTex, RATIO_FORMULA, s1Tex, sharedTailTex, w2w3Tex, workedTex, z1Tex } from "./tex";

/** Why the worst case 16 is not the answer, ending the bound-16 explanations. */
const boundWhy = (s: Solution): string =>
  Math.abs(s.w2 * s.w3) <= 1
    ? `with $|w_2 w_3| \\le 1$, 16 is only a lower bound on the ratio's size.`
    : `and that bound needs $|w_2 w_3| \\le 1$, which fails here ($|w_2 w_3| = ${absW2W3(s)}$).`;

export const en: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "How much faster layer 3 learns than layer 1",

  prompt: (d, s) =>
    [
      `A chain of $L = ${s.L}$ sigmoid neurons, one per layer:`,
      ``,
      ...chainTex(s.L),
      ``,
      ...chainTable(d),
      ``,
      `Input $x = ${texDrawn(d.x)}$, target $y = ${texDrawn(d.y)}$.`,
      ``,
      `Compute the signed ratio $r = \\dfrac{\\partial C/\\partial b_3}{\\partial C/\\partial b_1}$. Its size $|r|$ is how many times faster the third bias learns than the first; its sign says whether the two gradients point the same way ($r < 0$: opposite signs). Give $r$ as a number with its sign (4 significant digits are enough).`,
    ].join("\n"),

  hint: (_d, s) =>
    `Write $\\partial C/\\partial b_1$ and $\\partial C/\\partial b_3$ as chain-rule products and cancel what they share (everything from $\\sigma'(z_3)$ on). Three factors remain: $\\sigma'(z_1)$, $w_2\\sigma'(z_2)$ and $w_3$. Check the first: $${z1Tex(s)}$, $${s1Tex(s)}$.`,

  mistakes: {
    inverted: () =>
      `Inverted: that is $(\\partial C/\\partial b_1)/(\\partial C/\\partial b_3)$, how much *slower* layer 1 learns, not how much faster layer 3 learns.`,
    "bound-16": (_d, s) =>
      `Used the worst case $1/(\\tfrac14\\cdot\\tfrac14) = 16$ from $|w\\sigma'| \\le \\tfrac14$ instead of the actual factors; ${boundWhy(s)}`,
    "bound-16-signed": (_d, s) =>
      `Used the worst case $-16$ (the bound $1/(\\tfrac14\\cdot\\tfrac14)$ with the sign of $w_2 w_3$) instead of the actual factors; ${boundWhy(s)}`,
    "dropped-sign": (_d, s) =>
      `Dropped the sign: the size is right, but $${w2w3Tex(s)} < 0$ makes $\\partial C/\\partial b_3$ and $\\partial C/\\partial b_1$ opposite in sign, so the ratio is negative.`,
    "dropped-sigma1": () =>
      `Dropped $\\sigma'(z_1)$: $b_1$ reaches the rest of the chain through its own unit, $\\partial a_1/\\partial b_1 = \\sigma'(z_1)$.`,
    "off-by-one-layer": () =>
      `Went back one layer only: $1/(\\sigma'(z_1)\\,w_2)$ is $(\\partial C/\\partial b_2)/(\\partial C/\\partial b_1)$; from $b_3$ you also cross $\\sigma'(z_2)$ and $w_3$.`,
  },

  solution: (_d, s) => {
    const { w2, w3, expected } = s;
    const bound =
      Math.abs(w2) <= 1 && Math.abs(w3) <= 1
        ? `Why it is large: $\\sigma'(z_1) \\le \\tfrac14$, $|w_2\\sigma'(z_2)| \\le \\tfrac14|w_2| \\le \\tfrac14$ and $|w_3| \\le 1$, so the denominator is at most $\\tfrac1{16}$ in size and $|r| \\ge 16$. The actual factors are smaller than these worst cases, so here the ratio is $${overBoundTex(s)}$ times that bound: layer 1 learns far more slowly than layer 3 — the vanishing gradient in numbers.`
        : `The worst-case bound $|r| \\ge 16$ needs $|w_2 w_3| \\le 1$, which does not hold for this draw ($|w_2 w_3| = ${absW2W3(s)}$): a weight larger than 1 makes up for part of the $\\sigma' \\le \\tfrac14$ loss, so here $|r| = ${absRatioTex(s)}$${Math.abs(expected) < 16 ? " is below 16" : ""}.`;
    return [
      `Write both gradients as products along the chain. They share everything from $\\sigma'(z_3)$ to the output:`,
      ``,
      ...sharedTailTex(s.L),
      ``,
      `so the common part (including $\\sigma'(z_3)$, the later layers and the target $y$) cancels:`,
      ``,
      ...RATIO_FORMULA,
      ``,
      `Only the first two units are needed:`,
      ``,
      ...workedTex(s),
      ``,
      bound,
      ``,
      `The sign: $\\sigma' > 0$, so the ratio has the sign of $${w2w3Tex(s)}$, ${
        expected < 0
          ? "negative: $b_3$ and $b_1$ are pushed in opposite directions by the same error."
          : "positive: $b_3$ and $b_1$ are pushed in the same direction."
      }`,
      ``,
      `**Answer:** $\\dfrac{\\partial C/\\partial b_3}{\\partial C/\\partial b_1} = ${s.expectedTex}$`,
    ].join("\n");
  },
};
