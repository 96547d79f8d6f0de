import type { ExerciseText } from "../../define";
import { ANSWER_SIG_FIGS, type Drawn, INTERMEDIATE_SIG_FIGS, type MistakeId, type Solution } from "./model";
import { answerTex, backwardLines, backwardRows, dataLines, dgammaLines, fmt, forwardLines, meanLines, scaleLines, sumsLines, sumsRows, varianceLines } from "./tex";

export const zh: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "批归一化在小批量上的反向传播",

  prompt: (d, s) => {
    const dx = s.mode === "dx";
    return [
      `一个处于**训练模式**的批归一化（BatchNorm）层，在含 $m = ${s.m}$ 个样本的小批量上对一个特征做归一化，用的是这个批次的均值和有偏的批方差（除以 $m$）。反向传播已经给出了代价对该层输出的梯度 $g = \\partial C/\\partial y$：`,
      ``,
      ...dataLines(d),
      ...(s.showFormulas ? [``, ...forwardLines()] : []),
      ...(s.showFormulas && dx ? [``, `反向传播（每个 $x_i$ 还会改变 $\\mu$ 和 $\\hat\\sigma$，进而改变每一个 $\\hat x_k$）：`, ``, ...backwardLines()] : []),
      ``,
      dx
        ? `代价对该层**输入**的梯度 $\\partial C/\\partial x$ 是多少？请按批内顺序填写全部 ${s.m} 个分量，用逗号分隔。`
        : `代价对缩放参数 $\\gamma$ 的梯度 $\\partial C/\\partial \\gamma$ 是多少？请填一个数。`,
      `计算过程中的中间结果至少保留 ${INTERMEDIATE_SIG_FIGS} 位有效数字；填写的结果保留 ${ANSWER_SIG_FIGS} 位有效数字即可。`,
    ].join("\n");
  },

  hint: (_d, s) =>
    s.mode === "dx"
      ? `每个 $x_i$ 通过三条路径影响代价：直接经过 $\\hat x_i$，以及经过批均值 $\\mu$ 和批标准差 $\\hat\\sigma = ${fmt(s.std)}$，而批内每个样本的 $\\hat x_k$ 都用到这两个量。所以在算任何一个分量之前，先求出两个批内求和：$\\sum_k g_k$ 和 $\\sum_k g_k\\hat x_k$。`
      : `$\\gamma$ 乘在批内每一个 $\\hat x_i$ 上，所以 $\\partial y_i/\\partial\\gamma = \\hat x_i$，${s.m} 个样本的贡献要相加。先从 $\\mu = ${fmt(s.mean)}$ 和有偏的 $\\hat\\sigma$（除以 $m$）算起。`,

  mistakes: {
    "constant-stats": () =>
      `这是 $\\gamma\\,g_i/\\hat\\sigma$：把 $\\mu$ 和 $\\hat\\sigma$ 当成了常数。训练模式下它们由这个批次算出，改变 $x_i$ 会改变它们，进而改变每一个 $\\hat x_k$；这两条路径分别从 $m\\,g_i$ 中减去 $\\sum_k g_k$ 和 $\\hat x_i\\sum_k g_k\\hat x_k$（再乘以 $\\gamma/(m\\hat\\sigma)$）。`,
    "dropped-variance-path": (_d, s) =>
      `漏掉了经过 $\\hat\\sigma$ 的路径：缺少 $-\\hat x_i\\sum_k g_k\\hat x_k$ 这一项，其中 $\\sum_k g_k\\hat x_k = ${fmt(s.gxSum)}$。`,
    "dropped-mean-path": (_d, s) => `漏掉了经过 $\\mu$ 的路径：缺少 $-\\sum_k g_k$ 这一项，其中 $\\sum_k g_k = ${fmt(s.gSum)}$。`,
    "forgot-gamma": (d) => `漏掉了 $\\gamma$：到达 $\\hat x_i$ 的梯度是 $\\gamma\\,g_i$，所以整个结果要乘上 $\\gamma = ${fmt(d.gamma)}$。`,
    "unbiased-variance": (_d, s) =>
      `用了无偏方差（除以 $m - 1 = ${s.m - 1}$）。批归一化在训练时用的是这个批次自身的有偏方差 $\\sigma^2 = \\frac1m\\sum_i (x_i-\\mu)^2 = ${fmt(s.variance)}$。`,
    "divided-by-variance": (_d, s) => `除以了方差 $\\sigma^2 = ${fmt(s.variance)}$，而不是标准差 $\\hat\\sigma = ${fmt(s.std)}$。`,
    "dbeta-instead": (_d, s) =>
      `这是 $\\sum_i g_i$，即平移参数 $\\beta$ 的梯度。缩放参数 $\\gamma$ 乘的是 $\\hat x_i$，所以每个 $g_i$ 要以 $\\hat x_i$ 加权：$\\sum_i g_i\\hat x_i$（这里 $\\partial C/\\partial\\beta = ${fmt(s.gSum)}$）。`,
    "used-raw-x": () => `用原始输入 $x_i$ 给 $g_i$ 加权了。$\\gamma$ 乘的是归一化后的 $\\hat x_i = (x_i-\\mu)/\\hat\\sigma$，不是 $x_i$。`,
    "not-divided-by-sigma": (_d, s) => `用 $x_i - \\mu$ 给 $g_i$ 加权就停了：$\\hat x_i$ 还要除以 $\\hat\\sigma = ${fmt(s.std)}$。`,
    "averaged-over-batch": (_d, s) => `在批内取了平均：$\\gamma$ 由全部 ${s.m} 个样本共享，它们的贡献直接相加，$\\sum_i g_i\\hat x_i$，不除以 $m$。`,
    "times-gamma": () => `多乘了 $\\gamma$：$y_i = \\gamma\\hat x_i + \\beta$ 对 $\\gamma$ 是线性的，所以 $\\partial y_i/\\partial\\gamma = \\hat x_i$，不含 $\\gamma$。`,
  },

  solution: (d, s) =>
    [
      `**1. 批均值：**`,
      ``,
      ...meanLines(d, s),
      ``,
      `**2. 有偏批方差和** $\\hat\\sigma$（除以 $m = ${s.m}$；$\\epsilon = 0$）：`,
      ``,
      ...varianceLines(s),
      ``,
      s.mode === "dx" ? `**3. 归一化后的输入，以及批内的两个求和：**` : `**3. 归一化后的输入，以及每个样本的贡献：**`,
      ``,
      ...sumsRows(d, s),
      ``,
      ...(s.mode === "dx" ? [...sumsLines(s), ``] : []),
      ...(s.mode === "dx"
        ? [
            `**4. 反向传播。** $x_i$ 直接经过 $\\hat x_i$ 影响代价，也经过批内每个样本都用到的 $\\mu$ 和 $\\hat\\sigma$（$\\beta$ 只平移 $y$）：`,
            ``,
            ...backwardLines(),
            ``,
            ...scaleLines(d, s),
            ``,
            ...backwardRows(d, s),
            ``,
            `检验：各分量之和为 0（所有 $x_i$ 加上同一个数，$\\hat x_i$ 都不变），且与 $\\hat x$ 正交。`,
          ]
        : [
            `**4. 缩放参数的梯度。** $\\gamma$ 由整个批次共享，各样本的贡献相加：`,
            ``,
            ...dgammaLines(s),
            ``,
            `作为对照，平移参数的梯度是 $\\partial C/\\partial\\beta = \\sum_i g_i = ${fmt(s.gSum)}$。`,
          ]),
      ``,
      `**答案：** $${answerTex(s)}$`,
    ].join("\n"),
};
