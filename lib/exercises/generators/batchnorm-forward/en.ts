import type { ExerciseText } from "../../define";
import { ANSWER_SIG_FIGS, type Drawn, INTERMEDIATE_SIG_FIGS, type MistakeId, type Solution } from "./model";
import { absGammaTex, batchTex, fmt, FORMULAS_TEX, meanTex, muTex, outputTex, TABLE_HEAD, tableRows, varianceTex, xHatTex } from "./tex";

export const en: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "Batch-normalise a small mini-batch",

  prompt: (d, s) => {
    const { m } = s;
    return [
      `A BatchNorm layer in **training mode** normalises one feature over a mini-batch of $m = ${m}$ examples:`,
      ``,
      `$$`,
      batchTex(d),
      `$$`,
      ``,
      `It uses the batch mean and the biased batch variance (dividing by $m$), as BatchNorm does during training.`,
      ...(s.showFormulas ? [``, `$$`, FORMULAS_TEX, `$$`] : []),
      ``,
      `What are the outputs $y_1, \\dots, y_${m}$? Enter all ${m} values, comma-separated, in the order of the batch. Keep at least ${INTERMEDIATE_SIG_FIGS} significant digits in $\\mu$, $\\sigma$ and the $\\hat x_i$ while you work (an output near 0 is sensitive to their rounding); ${ANSWER_SIG_FIGS} significant digits are enough for each $y_i$ you enter.`,
    ].join("\n");
  },

  hint: (_d, s) =>
    `Start with the batch statistics: $\\mu = ${muTex(s)}$; the variance divides the sum of squared deviations by $m = ${s.m}$ (not $m-1$), and $\\hat x_i$ divides by its square root. Then $y_i = \\gamma\\,\\hat x_i + \\beta$.`,

  mistakes: {
    "unbiased-variance": () =>
      `Used the unbiased variance $\\frac{1}{m-1}\\sum_i (x_i-\\mu)^2$; BatchNorm normalises with the batch's own (biased) variance, $\\frac1m \\sum_i (x_i-\\mu)^2$.`,
    "forgot-gamma-beta": (d) =>
      `Stopped at $\\hat x_i$: the layer's output is $y_i = \\gamma\\,\\hat x_i + \\beta$ with $\\gamma = ${fmt(d.gamma)}$, $\\beta = ${fmt(d.beta)}$.`,
    "divided-by-variance": () =>
      `Divided by the variance $\\sigma^2$; normalisation divides by the standard deviation $\\sqrt{\\sigma^2 + \\epsilon}$.`,
    "forgot-mean": (_d, s) => `Forgot to subtract the mean: $\\hat x_i = (x_i - \\mu)/\\sigma$ with $\\mu = ${muTex(s)}$.`,
    "gamma-beta-swapped": () => `Swapped the roles of $\\gamma$ and $\\beta$: $\\gamma$ scales, $\\beta$ shifts, $y_i = \\gamma\\,\\hat x_i + \\beta$.`,
    "shift-before-scale": () => `Computed $\\gamma(\\hat x_i + \\beta)$; the shift comes after the scale, $y_i = \\gamma\\,\\hat x_i + \\beta$.`,
  },

  solution: (d, s) =>
    [
      `**1. Mean:**`,
      ``,
      `$$`,
      meanTex(d, s),
      `$$`,
      ``,
      `**2. Biased variance and standard deviation** (divide by $m = ${s.m}$; $\\epsilon = 0$):`,
      ``,
      `$$`,
      varianceTex(s),
      `$$`,
      ``,
      `**3. Normalise, then scale and shift:** $${xHatTex(s)}$, $${outputTex(d)}$.`,
      ``,
      ...TABLE_HEAD,
      ...tableRows(d, s),
      ``,
      `Check: the $\\hat x_i$ have mean 0 and (biased) variance 1, so the $y_i$ have mean $\\beta = ${fmt(d.beta)}$ and standard deviation $|\\gamma| = ${absGammaTex(d)}$.`,
      ``,
      `**Answer:** $${s.expectedTex}$`,
    ].join("\n"),
};
