import type { ExerciseText } from "../../define";
import type { Drawn, MistakeId, Solution } from "./model";
import { DERIV_TEX, fmt, ratioTex, scoresTex, sideTex } from "./tex";

export const en: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "Softmax saturation with and without 1/√d_k",

  prompt: (d, s) =>
    [
      `In one attention head, a query's raw scores against ${d.s.length} keys of dimension $d_k$ are`,
      ``,
      `$$`,
      scoresTex(d),
      `$$`,
      ``,
      `Softmax turns its input $z$ into weights $p = \\operatorname{softmax}(z)$. Let $p_*$ be the weight of the key with the largest score and $z_*$ its input.`,
      ...(s.showFormula ? [``, `$$`, `${DERIV_TEX}.`, `$$`] : []),
      ``,
      `What is $\\partial p_*/\\partial z_*$ for $z = s$ (no scaling), and for $z = s/\\sqrt{d_k}$ (scaled dot-product attention)? Enter both, comma-separated, unscaled first (4 significant digits; scientific notation such as \`1.2e-5\` is fine).`,
    ].join("\n"),

  hint: (_d, s) =>
    `The derivative of a softmax weight with respect to its own input is $${DERIV_TEX}$. Compute $1 - p_*$ as the sum of the other weights, not by subtracting from 1: without scaling $p_*$ is so close to 1 that the subtraction loses the digits. Scaling divides every score by $\\sqrt{d_k} = ${fmt(s.sqrtDk)}$.`,

  mistakes: {
    "weights-not-derivatives": () => `Gave the weights $p_*$ themselves; the question asks for their derivative $${DERIV_TEX}$.`,
    "divided-by-dk": (d, s) => `Divided the scores by $d_k = ${d.dk}$; attention divides by $\\sqrt{d_k} = ${fmt(s.sqrtDk)}$.`,
    "forgot-factor-p": () => `Gave $1 - p_*$ and dropped the factor $p_*$: the derivative is $${DERIV_TEX}$.`,
  },

  solution: (d, s) =>
    [
      `**1. Without scaling** ($z = s$):`,
      ``,
      ...sideTex(s, s.unscaled, "s"),
      ``,
      `**2. With scaling** ($z = s/\\sqrt{d_k}$, $\\sqrt{${d.dk}} = ${fmt(s.sqrtDk)}$):`,
      ``,
      ...sideTex(s, s.scaled, "s/\\sqrt{d_k}"),
      ``,
      `Unscaled, the softmax is saturated: $p_*$ is almost 1, its derivative almost 0, and the gradient reaching the scores (and through them $q$ and $k$) nearly vanishes. Dividing by $\\sqrt{d_k}$ brings the scores back to unit variance and makes the derivative about $${ratioTex(s)}$ times larger.`,
      ``,
      `**Answer:** $${s.expectedTex}$`,
    ].join("\n"),
};
