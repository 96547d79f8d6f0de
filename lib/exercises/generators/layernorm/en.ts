import type { ExerciseText } from "../../define";
import { ANSWER_SIG_FIGS, type Drawn, INTERMEDIATE_SIG_FIGS, type MistakeId, type Solution } from "./model";
import { answerTex, BACKWARD_TEX, backwardRows, dataTex, fmt, FORWARD_TEX, forwardRows, meansTex, meanTex, varianceTex } from "./tex";

export const en: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "LayerNorm on one example: forward pass and gradient",

  prompt: (d, s) => {
    const { n } = s;
    const backward = s.mode === "backward";
    return [
      `A LayerNorm layer normalises the $n = ${n}$ features of **one** example: its mean and variance come from these features alone, not from a batch. It divides by the biased variance (by $n$) and has one $\\gamma_i$ and one $\\beta_i$ per feature.`,
      ``,
      `$$`,
      dataTex(d, s),
      `$$`,
      ...(s.showFormulas ? [``, `$$`, FORWARD_TEX, `$$`] : []),
      ...(s.showFormulas && backward ? [``, `Backward, with $g = \\partial C/\\partial y$:`, ``, `$$`, BACKWARD_TEX, `$$`] : []),
      ``,
      backward
        ? `The gradient of the cost with respect to the outputs is $g$. What is $\\partial C/\\partial x$, the gradient with respect to the **inputs**? Enter all ${n} entries, comma-separated, in order.`
        : `What are the outputs $y_1, \\dots, y_${n}$? Enter all ${n} values, comma-separated, in order.`,
      `Keep at least ${INTERMEDIATE_SIG_FIGS} significant digits in the intermediate results while you work; ${ANSWER_SIG_FIGS} significant digits are enough for each entry you enter.`,
    ].join("\n");
  },

  hint: (_d, s) =>
    s.mode === "forward"
      ? `Start with the statistics of this one example: $\\mu = ${fmt(s.mean)}$; the variance divides the sum of squared deviations by $n = ${s.n}$ (not $n-1$), and $\\hat x_i$ divides by its square root. Then each feature gets its own scale and shift, $y_i = \\gamma_i\\,\\hat x_i + \\beta_i$.`
      : `Each $x_i$ reaches the cost three ways: directly through $\\hat x_i$, through $\\mu$ and through $\\sigma$, since every $\\hat x_k$ uses both. Start from $h_i = \\gamma_i g_i$, the gradient reaching $\\hat x_i$; subtract its mean and $\\hat x_i$ times the mean of $h_k\\hat x_k$, then divide by $\\sigma = ${fmt(s.std)}$.`,

  mistakes: {
    "unbiased-variance": (_d, s) =>
      `Used the unbiased variance $\\frac{1}{n-1}\\sum_i (x_i-\\mu)^2$; LayerNorm divides by $n = ${s.n}$: $\\sigma^2 = ${fmt(s.variance)}$.`,
    "forgot-gamma-beta": () => `Stopped at $\\hat x_i$: the layer's output is $y_i = \\gamma_i\\,\\hat x_i + \\beta_i$, with each feature's own $\\gamma_i$ and $\\beta_i$.`,
    "divided-by-variance": (_d, s) => `Divided by the variance $\\sigma^2 = ${fmt(s.variance)}$; normalisation divides by the standard deviation $\\sigma = ${fmt(s.std)}$.`,
    "forgot-mean": (_d, s) => `Forgot to subtract the mean: $\\hat x_i = (x_i - \\mu)/\\sigma$ with $\\mu = ${fmt(s.mean)}$.`,
    "gamma-beta-swapped": () => `Swapped the roles of $\\gamma_i$ and $\\beta_i$: $\\gamma_i$ scales, $\\beta_i$ shifts, $y_i = \\gamma_i\\,\\hat x_i + \\beta_i$.`,
    "constant-stats": () =>
      `Treated $\\mu$ and $\\sigma$ as constants, so only the direct path $h_i/\\sigma$ is left. Moving $x_i$ also moves $\\mu$ and $\\sigma$, and through them every $\\hat x_k$: those two paths subtract $\\bar h$ and $\\hat x_i\\,\\overline{h\\hat x}$.`,
    "dropped-variance-path": (_d, s) =>
      `Left out the path through $\\sigma$: the term $-\\hat x_i\\,\\overline{h\\hat x}$ with $\\overline{h\\hat x} = ${fmt(s.hxMean)}$ is missing.`,
    "dropped-mean-path": (_d, s) => `Left out the path through $\\mu$: the term $-\\bar h$ with $\\bar h = ${fmt(s.hMean)}$ is missing.`,
    "forgot-gamma": () => `Used $g_i$ where the formula needs $h_i = \\gamma_i g_i$: the gradient reaching $\\hat x_i$ is scaled by that feature's $\\gamma_i$.`,
  },

  solution: (d, s) =>
    [
      `**1. Mean of the features:**`,
      ``,
      `$$`,
      meanTex(d, s),
      `$$`,
      ``,
      `**2. Biased variance and standard deviation** (divide by $n = ${s.n}$; $\\epsilon = 0$):`,
      ``,
      `$$`,
      varianceTex(s),
      `$$`,
      ``,
      ...(s.mode === "forward"
        ? [
            `**3. Normalise, then scale and shift each feature:**`,
            ``,
            ...forwardRows(d, s),
            ``,
            `Check: the $\\hat x_i$ have mean 0 and (biased) variance 1 over the features, whatever the batch.`,
          ]
        : [
            `**3. Backward.** $x_i$ reaches the cost directly through $\\hat x_i$ and through $\\mu$ and $\\sigma$, which every $\\hat x_k$ uses ($\\beta$ only shifts $y$, so it does not enter):`,
            ``,
            `$$`,
            BACKWARD_TEX,
            `$$`,
            ``,
            `$$`,
            meansTex(s),
            `$$`,
            ``,
            ...backwardRows(d, s),
            ``,
            `Check: the entries sum to 0 (shifting every $x_i$ by the same amount changes nothing) and are orthogonal to $\\hat x$ (so does scaling $x - \\mu$).`,
          ]),
      ``,
      `**Answer:** $${answerTex(s)}$`,
    ].join("\n"),
};
