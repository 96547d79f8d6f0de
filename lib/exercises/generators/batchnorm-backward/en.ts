import type { ExerciseText } from "../../define";
import { ANSWER_SIG_FIGS, type Drawn, INTERMEDIATE_SIG_FIGS, type MistakeId, type Solution } from "./model";
import { answerTex, backwardLines, backwardRows, dataLines, dgammaLines, fmt, forwardLines, meanLines, scaleLines, sumsLines, sumsRows, varianceLines } from "./tex";

export const en: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "Backpropagating through BatchNorm over a small batch",

  prompt: (d, s) => {
    const dx = s.mode === "dx";
    return [
      `A BatchNorm layer in **training mode** normalises one feature over a mini-batch of $m = ${s.m}$ examples, with the batch mean and the biased batch variance (dividing by $m$). Backpropagation has brought the gradient $g = \\partial C/\\partial y$ of the cost with respect to the layer's outputs:`,
      ``,
      ...dataLines(d),
      ...(s.showFormulas ? [``, ...forwardLines()] : []),
      ...(s.showFormulas && dx ? [``, `Backward (every $x_i$ also moves $\\mu$ and $\\hat\\sigma$, and through them every $\\hat x_k$):`, ``, ...backwardLines()] : []),
      ``,
      dx
        ? `What is $\\partial C/\\partial x$, the gradient with respect to the layer's **inputs**? Enter all ${s.m} entries, comma-separated, in the order of the batch.`
        : `What is $\\partial C/\\partial \\gamma$, the gradient with respect to the scale $\\gamma$? Give one number.`,
      `Keep at least ${INTERMEDIATE_SIG_FIGS} significant digits in the intermediate results while you work; ${ANSWER_SIG_FIGS} significant digits are enough for what you enter.`,
    ].join("\n");
  },

  hint: (_d, s) =>
    s.mode === "dx"
      ? `Each $x_i$ reaches the cost three ways: directly through $\\hat x_i$, and through the batch mean $\\mu$ and the batch $\\hat\\sigma = ${fmt(s.std)}$, which every example's $\\hat x_k$ uses. So you need two sums over the batch, $\\sum_k g_k$ and $\\sum_k g_k\\hat x_k$, before any single entry.`
      : `$\\gamma$ multiplies every $\\hat x_i$ of the batch, so $\\partial y_i/\\partial\\gamma = \\hat x_i$ and the contributions of the ${s.m} examples add up. Start from $\\mu = ${fmt(s.mean)}$ and the biased $\\hat\\sigma$ (divide by $m$).`,

  mistakes: {
    "constant-stats": () =>
      `That is $\\gamma\\,g_i/\\hat\\sigma$: it treats $\\mu$ and $\\hat\\sigma$ as constants. In training mode they are computed from the batch, so moving $x_i$ moves them and every $\\hat x_k$; those two paths subtract $\\sum_k g_k$ and $\\hat x_i\\sum_k g_k\\hat x_k$ from $m\\,g_i$ (times $\\gamma/(m\\hat\\sigma)$).`,
    "dropped-variance-path": (_d, s) =>
      `Left out the path through $\\hat\\sigma$: the term $-\\hat x_i\\sum_k g_k\\hat x_k$, with $\\sum_k g_k\\hat x_k = ${fmt(s.gxSum)}$, is missing.`,
    "dropped-mean-path": (_d, s) => `Left out the path through $\\mu$: the term $-\\sum_k g_k$, with $\\sum_k g_k = ${fmt(s.gSum)}$, is missing.`,
    "forgot-gamma": (d) => `Forgot $\\gamma$: the gradient reaching $\\hat x_i$ is $\\gamma\\,g_i$, so everything is scaled by $\\gamma = ${fmt(d.gamma)}$.`,
    "unbiased-variance": (_d, s) =>
      `Used the unbiased variance (dividing by $m - 1 = ${s.m - 1}$). BatchNorm in training normalises with the batch's own biased variance, $\\sigma^2 = \\frac1m\\sum_i (x_i-\\mu)^2 = ${fmt(s.variance)}$.`,
    "divided-by-variance": (_d, s) => `Divided by the variance $\\sigma^2 = ${fmt(s.variance)}$ instead of the standard deviation $\\hat\\sigma = ${fmt(s.std)}$.`,
    "dbeta-instead": (_d, s) => `That is $\\sum_i g_i$, the gradient for the shift $\\beta$. The scale $\\gamma$ multiplies $\\hat x_i$, so each $g_i$ is weighted by $\\hat x_i$: $\\sum_i g_i\\hat x_i$ (here $\\partial C/\\partial\\beta = ${fmt(s.gSum)}$).`,
    "used-raw-x": () => `Weighted each $g_i$ by the raw input $x_i$. $\\gamma$ multiplies the normalised $\\hat x_i = (x_i-\\mu)/\\hat\\sigma$, not $x_i$.`,
    "not-divided-by-sigma": (_d, s) => `Weighted $g_i$ by $x_i - \\mu$ and stopped there: $\\hat x_i$ also divides by $\\hat\\sigma = ${fmt(s.std)}$.`,
    "averaged-over-batch": (_d, s) => `Averaged over the batch: $\\gamma$ is shared by all ${s.m} examples, so their contributions add up, $\\sum_i g_i\\hat x_i$, with no $1/m$.`,
    "times-gamma": () => `Multiplied by $\\gamma$: $y_i = \\gamma\\hat x_i + \\beta$ is linear in $\\gamma$, so $\\partial y_i/\\partial\\gamma = \\hat x_i$, without $\\gamma$.`,
  },

  solution: (d, s) =>
    [
      `**1. Batch mean:**`,
      ``,
      ...meanLines(d, s),
      ``,
      `**2. Biased batch variance and** $\\hat\\sigma$ (divide by $m = ${s.m}$; $\\epsilon = 0$):`,
      ``,
      ...varianceLines(s),
      ``,
      s.mode === "dx" ? `**3. Normalised inputs and the two sums over the batch:**` : `**3. Normalised inputs and each example's contribution:**`,
      ``,
      ...sumsRows(d, s),
      ``,
      ...(s.mode === "dx" ? [...sumsLines(s), ``] : []),
      ...(s.mode === "dx"
        ? [
            `**4. Backward.** $x_i$ reaches the cost directly through $\\hat x_i$ and through $\\mu$ and $\\hat\\sigma$, which every example uses ($\\beta$ only shifts $y$):`,
            ``,
            ...backwardLines(),
            ``,
            ...scaleLines(d, s),
            ``,
            ...backwardRows(d, s),
            ``,
            `Check: the entries sum to 0 (adding the same amount to every $x_i$ changes no $\\hat x_i$) and are orthogonal to $\\hat x$.`,
          ]
        : [
            `**4. The scale's gradient.** $\\gamma$ is shared by the whole batch, so the examples' contributions add:`,
            ``,
            ...dgammaLines(s),
            ``,
            `For comparison, the shift's gradient is $\\partial C/\\partial\\beta = \\sum_i g_i = ${fmt(s.gSum)}$.`,
          ]),
      ``,
      `**Answer:** $${answerTex(s)}$`,
    ].join("\n"),
};
