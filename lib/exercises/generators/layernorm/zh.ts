import type { ExerciseText } from "../../define";
import { ANSWER_SIG_FIGS, type Drawn, INTERMEDIATE_SIG_FIGS, type MistakeId, type Solution } from "./model";
import { answerTex, BACKWARD_TEX, backwardRows, dataTex, fmt, FORWARD_TEX, forwardRows, meansTex, meanTex, varianceTex } from "./tex";

export const zh: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "对单个样本做层归一化：前向与梯度",

  prompt: (d, s) => {
    const { n } = s;
    const backward = s.mode === "backward";
    return [
      `一个层归一化（LayerNorm）层对**单个**样本的 $n = ${n}$ 个特征做归一化：均值和方差只由这些特征算出，与批次无关。它除以有偏方差（除以 $n$），每个特征各有一个 $\\gamma_i$ 和一个 $\\beta_i$。`,
      ``,
      `$$`,
      dataTex(d, s),
      `$$`,
      ...(s.showFormulas ? [``, `$$`, FORWARD_TEX, `$$`] : []),
      ...(s.showFormulas && backward ? [``, `反向传播时，记 $g = \\partial C/\\partial y$：`, ``, `$$`, BACKWARD_TEX, `$$`] : []),
      ``,
      backward
        ? `代价对输出的梯度为 $g$。代价对**输入**的梯度 $\\partial C/\\partial x$ 是多少？请按顺序填写全部 ${n} 个分量，用逗号分隔。`
        : `输出 $y_1, \\dots, y_${n}$ 分别是多少？请按顺序填写全部 ${n} 个值，用逗号分隔。`,
      `计算过程中的中间结果至少保留 ${INTERMEDIATE_SIG_FIGS} 位有效数字；填写的每个分量保留 ${ANSWER_SIG_FIGS} 位有效数字即可。`,
    ].join("\n");
  },

  hint: (_d, s) =>
    s.mode === "forward"
      ? `先算这一个样本的统计量：$\\mu = ${fmt(s.mean)}$；方差是偏差平方和除以 $n = ${s.n}$（不是 $n-1$），$\\hat x_i$ 再除以方差的平方根。最后每个特征用自己的缩放和平移：$y_i = \\gamma_i\\,\\hat x_i + \\beta_i$。`
      : `每个 $x_i$ 通过三条路径影响代价：直接经过 $\\hat x_i$，以及经过 $\\mu$ 和 $\\sigma$，因为每个 $\\hat x_k$ 都用到这两个量。先算到达 $\\hat x_i$ 的梯度 $h_i = \\gamma_i g_i$，减去它的均值，再减去 $\\hat x_i$ 乘以 $h_k\\hat x_k$ 的均值，最后除以 $\\sigma = ${fmt(s.std)}$。`,

  mistakes: {
    "unbiased-variance": (_d, s) =>
      `用了无偏方差 $\\frac{1}{n-1}\\sum_i (x_i-\\mu)^2$；层归一化除以 $n = ${s.n}$，即 $\\sigma^2 = ${fmt(s.variance)}$。`,
    "forgot-gamma-beta": () => `算到 $\\hat x_i$ 就停了：这一层的输出是 $y_i = \\gamma_i\\,\\hat x_i + \\beta_i$，每个特征用自己的 $\\gamma_i$ 和 $\\beta_i$。`,
    "divided-by-variance": (_d, s) => `除以了方差 $\\sigma^2 = ${fmt(s.variance)}$；归一化应除以标准差 $\\sigma = ${fmt(s.std)}$。`,
    "forgot-mean": (_d, s) => `忘了减去均值：$\\hat x_i = (x_i - \\mu)/\\sigma$，其中 $\\mu = ${fmt(s.mean)}$。`,
    "gamma-beta-swapped": () => `把 $\\gamma_i$ 和 $\\beta_i$ 的作用弄反了：$\\gamma_i$ 负责缩放，$\\beta_i$ 负责平移，$y_i = \\gamma_i\\,\\hat x_i + \\beta_i$。`,
    "constant-stats": () =>
      `把 $\\mu$ 和 $\\sigma$ 当成了常数，于是只剩下直接路径 $h_i/\\sigma$。改变 $x_i$ 也会改变 $\\mu$ 和 $\\sigma$，进而改变每一个 $\\hat x_k$：这两条路径分别减去 $\\bar h$ 和 $\\hat x_i\\,\\overline{h\\hat x}$。`,
    "dropped-variance-path": (_d, s) =>
      `漏掉了经过 $\\sigma$ 的路径：缺少 $-\\hat x_i\\,\\overline{h\\hat x}$ 这一项，其中 $\\overline{h\\hat x} = ${fmt(s.hxMean)}$。`,
    "dropped-mean-path": (_d, s) => `漏掉了经过 $\\mu$ 的路径：缺少 $-\\bar h$ 这一项，其中 $\\bar h = ${fmt(s.hMean)}$。`,
    "forgot-gamma": () => `在公式需要 $h_i = \\gamma_i g_i$ 的地方用了 $g_i$：到达 $\\hat x_i$ 的梯度要乘上该特征的 $\\gamma_i$。`,
  },

  solution: (d, s) =>
    [
      `**1. 各特征的均值：**`,
      ``,
      `$$`,
      meanTex(d, s),
      `$$`,
      ``,
      `**2. 有偏方差和标准差**（除以 $n = ${s.n}$；$\\epsilon = 0$）：`,
      ``,
      `$$`,
      varianceTex(s),
      `$$`,
      ``,
      ...(s.mode === "forward"
        ? [
            `**3. 先归一化，再对每个特征缩放和平移：**`,
            ``,
            ...forwardRows(d, s),
            ``,
            `检验：各个 $\\hat x_i$ 在特征维度上的均值为 0、（有偏）方差为 1，与批次无关。`,
          ]
        : [
            `**3. 反向传播。** $x_i$ 直接经过 $\\hat x_i$ 影响代价，也经过每个 $\\hat x_k$ 都用到的 $\\mu$ 和 $\\sigma$（$\\beta$ 只平移 $y$，不出现在梯度里）：`,
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
            `检验：各分量之和为 0（所有 $x_i$ 加上同一个数，输出不变），且与 $\\hat x$ 正交（把 $x - \\mu$ 放大若干倍，输出也不变）。`,
          ]),
      ``,
      `**答案：** $${answerTex(s)}$`,
    ].join("\n"),
};
