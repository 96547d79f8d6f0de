import type { ExerciseText } from "../../define";
import { ANSWER_SIG_FIGS, type Drawn, INTERMEDIATE_SIG_FIGS, type MistakeId, type Solution } from "./model";
import { absGammaTex, batchTex, fmt, FORMULAS_TEX, meanTex, muTex, outputTex, TABLE_HEAD, tableRows, varianceTex, xHatTex } from "./tex";

export const zh: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "对一个小批量做批归一化",

  prompt: (d, s) => {
    const { m } = s;
    return [
      `一个处于**训练模式**的批归一化（BatchNorm）层，在含 $m = ${m}$ 个样本的小批量上对一个特征做归一化：`,
      ``,
      `$$`,
      batchTex(d),
      `$$`,
      ``,
      `它使用这个批次的均值和有偏的批方差（除以 $m$），这正是批归一化在训练时的做法。`,
      ...(s.showFormulas ? [``, `$$`, FORMULAS_TEX, `$$`] : []),
      ``,
      `输出 $y_1, \\dots, y_${m}$ 分别是多少？请按批内顺序填写全部 ${m} 个值，用逗号分隔。计算过程中 $\\mu$、$\\sigma$ 和各个 $\\hat x_i$ 至少保留 ${INTERMEDIATE_SIG_FIGS} 位有效数字（接近 0 的输出对它们的舍入很敏感）；填写的每个 $y_i$ 保留 ${ANSWER_SIG_FIGS} 位有效数字即可。`,
    ].join("\n");
  },

  hint: (_d, s) =>
    `先算这个批次的统计量：$\\mu = ${muTex(s)}$；方差是偏差平方和除以 $m = ${s.m}$（不是 $m-1$），$\\hat x_i$ 再除以方差的平方根。最后 $y_i = \\gamma\\,\\hat x_i + \\beta$。`,

  mistakes: {
    "unbiased-variance": () =>
      `用了无偏方差 $\\frac{1}{m-1}\\sum_i (x_i-\\mu)^2$；批归一化用的是这个批次自身的（有偏）方差 $\\frac1m \\sum_i (x_i-\\mu)^2$。`,
    "forgot-gamma-beta": (d) =>
      `算到 $\\hat x_i$ 就停了：这一层的输出是 $y_i = \\gamma\\,\\hat x_i + \\beta$，其中 $\\gamma = ${fmt(d.gamma)}$，$\\beta = ${fmt(d.beta)}$。`,
    "divided-by-variance": () => `除以了方差 $\\sigma^2$；归一化应除以标准差 $\\sqrt{\\sigma^2 + \\epsilon}$。`,
    "forgot-mean": (_d, s) => `忘了减去均值：$\\hat x_i = (x_i - \\mu)/\\sigma$，其中 $\\mu = ${muTex(s)}$。`,
    "gamma-beta-swapped": () => `把 $\\gamma$ 和 $\\beta$ 的作用弄反了：$\\gamma$ 负责缩放，$\\beta$ 负责平移，$y_i = \\gamma\\,\\hat x_i + \\beta$。`,
    "shift-before-scale": () => `算成了 $\\gamma(\\hat x_i + \\beta)$；应先缩放再平移，$y_i = \\gamma\\,\\hat x_i + \\beta$。`,
  },

  solution: (d, s) =>
    [
      `**1. 均值：**`,
      ``,
      `$$`,
      meanTex(d, s),
      `$$`,
      ``,
      `**2. 有偏方差和标准差**（除以 $m = ${s.m}$；$\\epsilon = 0$）：`,
      ``,
      `$$`,
      varianceTex(s),
      `$$`,
      ``,
      `**3. 先归一化，再缩放和平移：** $${xHatTex(s)}$，$${outputTex(d)}$。`,
      ``,
      ...TABLE_HEAD,
      ...tableRows(d, s),
      ``,
      `检验：各个 $\\hat x_i$ 的均值为 0、（有偏）方差为 1，所以各个 $y_i$ 的均值为 $\\beta = ${fmt(d.beta)}$，标准差为 $|\\gamma| = ${absGammaTex(d)}$。`,
      ``,
      `**答案：** $${s.expectedTex}$`,
    ].join("\n"),
};
