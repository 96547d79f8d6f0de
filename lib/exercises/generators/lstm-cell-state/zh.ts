import type { ExerciseText } from "../../define";
import { texDrawn } from "../../kit/tex";
import { type Drawn, lstmOf, type MistakeId, rnnOf, type Solution, thresholdOf } from "./model";
import { cellChainLines, cellLines, cellRows, cellTargetTex, factorRows, fmt, fmt4, gateRows, gateTex, geoMeanTex, leaveCellLines, lstmPathLines, memoryTex, powersLines, ratioLines, rnnChainLines, rnnLines, rnnProductLines, rnnRows, rnnTargetTex, sigmoidGateLines, tauTex } from "./tex";

function prompt(s: Solution): string {
  if (s.mode === "lstm") {
    return [
      `一个 LSTM 单元从细胞状态 $c_0 = ${texDrawn(s.draw.c0)}$ 出发运行 $T = ${s.T}$ 步，其中`,
      ``,
      ...cellLines(),
      ``,
      `各步的门值如下（遗忘门 $f_t$、输入门 $i_t$、候选值 $g_t$、输出门 $o_t$）：`,
      ``,
      ...gateRows(s),
      ``,
      `把各个门的值视为固定，$${cellTargetTex(s.T)}$ 是多少？它就是 $c_{${s.T}}$ 上的梯度沿细胞状态传回 $c_0$ 时所乘的因子。请填一个数（4 位有效数字即可）。`,
    ].join("\n");
  }
  if (s.mode === "rnn") {
    return [
      `在同样的 $T = ${s.T}$ 步上比较两种循环单元。沿 LSTM 的细胞状态，每一步只把梯度乘上该步的遗忘门 $f_t$（见下表）。一个只有一个 tanh 单元的普通 RNN，`,
      ``,
      ...rnnLines(s),
      ``,
      `在同一段序列上的预激活值 $z_t$ 如下：`,
      ``,
      ...rnnRows(s),
      ``,
      `对这个**普通 RNN**，$${rnnTargetTex(s.T)}$ 是多少？它就是梯度传回 $h_0$ 时所乘的因子。请填一个数（4 位有效数字即可）。`,
    ].join("\n");
  }
  const bias = s.draw.source === "bias";
  return [
    bias
      ? `一个 LSTM 的遗忘门偏置为 $b_f = ${texDrawn(s.draw.value)}$，送入该门的其余输入都接近 0，所以每一步都有 $f = \\sigma(b_f)$（即“把遗忘门偏置初始化为正数”的技巧）。$f$ 请至少保留 6 位有效数字。`
      : `一个 LSTM 的遗忘门在每一步都保持 $f = ${texDrawn(s.draw.value)}$。`,
    ``,
    `从 $c_T$ 沿细胞状态往回传（各个门的值视为固定），梯度每经过一步就乘一次 $f$：$\\partial c_T/\\partial c_{T-k} = f^k$。当它降到 $c_T$ 处梯度的 $\\tau = ${tauTex(s.draw.tau)}$ 倍以下时，就认为梯度已经消失。这最早发生在第几步？即满足 $f^k < \\tau$ 的最小整数 $k$ 是多少？`,
  ].join("\n");
}

function solution(s: Solution): string {
  if (s.mode === "lstm") {
    const T = s.T;
    return [
      `门的值固定时，$c_t = f_t\\,c_{t-1} + i_t\\,g_t$ 对 $c_{t-1}$ 是线性的，而 $i_t g_t$ 与 $c_{t-1}$ 无关，所以每一步只贡献它的遗忘门：`,
      ``,
      ...cellChainLines(s),
      ``,
      `沿细胞状态的前向值和累积乘积：`,
      ``,
      ...cellRows(s),
      ``,
      `这条路径上既没有权重，也没有压缩函数的导数。输出门和 $\\tanh$ 只在梯度离开细胞状态、进入隐藏状态时才出现：`,
      ``,
      ...leaveCellLines(s),
      ``,
      `这个因子属于 $\\partial h_{${T}}/\\partial c_0$，不属于 $${cellTargetTex(T)}$。`,
      ``,
      `每个 $f_t < 1$，所以乘积每一步都在缩小，大致按 $\\bar f^{\\,t}$ 衰减，其中几何平均 $\\bar f = ${fmt4(s.meanGate)}$：遗忘门越接近 1，梯度能传回的距离就越远。`,
      ``,
      `**答案：** $${cellTargetTex(T)} = ${s.expectedTex}$`,
    ].join("\n");
  }
  if (s.mode === "rnn") {
    const g = geoMeanTex(s);
    return [
      `每一步只通过 $z_t$ 依赖上一步的状态，所以由链式法则`,
      ``,
      ...rnnChainLines(s),
      ``,
      ...factorRows(s),
      ``,
      ...rnnProductLines(s),
      ``,
      `**对比。** 沿 LSTM 的细胞状态，同样这些步只把梯度乘上遗忘门：`,
      ``,
      ...lstmPathLines(s),
      ``,
      `平均每一步，普通 RNN 保留的因子大小为 $${g.rnn}$（$|w\\,\\tanh'(z_t)|$ 的几何平均），LSTM 的细胞状态为 $${g.lstm}$。普通 RNN 的因子每一步都带着 $w$ 和 $\\tanh' \\le 1$，单元一饱和 $\\tanh'$ 就很小；遗忘门则是一个可学习的数，网络可以让它保持在 1 附近。`,
      ``,
      `**答案：** $${rnnTargetTex(s.T)} = ${s.expectedTex}$`,
    ].join("\n");
  }
  const m = memoryTex(s);
  return [
    ...(s.draw.source === "bias" ? [`**1. 遗忘门：**`, ``, ...sigmoidGateLines(s), ``] : []),
    `**${s.draw.source === "bias" ? 2 : 1}. 取对数。** $\\ln f$ 和 $\\ln\\tau$ 都是负数，所以两边除以 $\\ln f$ 时不等号要反向：`,
    ``,
    ...ratioLines(s),
    ``,
    `比它大的最小整数是 $${s.expectedTex}$。验证：`,
    ``,
    ...powersLines(s),
    ``,
    `这种衰减是几何式的：每经过 $-1/\\ln f = ${m.efold}$ 步，梯度缩小为原来的 $1/e$${s.gate >= 0.9 ? `，与遗忘门接近 1 时的经验估计 $1/(1-f) = ${m.rough}$ 相近` : ""}。`,
    ``,
    `**答案：** $k = ${s.expectedTex}$ 步。`,
  ].join("\n");
}

export const zh: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "LSTM：沿细胞状态传播的梯度",

  prompt: (_d, s) => prompt(s),

  hint: (_d, s) => {
    if (s.mode === "lstm") return `门的值固定，把 $c_t = f_t\\,c_{t-1} + i_t\\,g_t$ 对 $c_{t-1}$ 求导：每一步一个因子，从 $t = 1$ 到 $t = ${s.T}$。隐藏状态 $h_t$ 不在这条路径上。`;
    if (s.mode === "rnn") return `每一步贡献 $w\\,\\tanh'(z_t) = w\\,(1 - \\tanh^2 z_t)$；先核对第一个：$w\\,\\tanh'(z_1) = ${fmt(s.factors[0] as number)}$。遗忘门只用来对比。`;
    return `各步的因子相乘，所以经过 $k$ 步后梯度是 $f^k$，其中 $f = ${gateTex(s)}$。用对数解 $f^k < \\tau$，再向上取到下一个整数步。`;
  },

  mistakes: {
    summed: (_d, s) => `把各个遗忘门加起来了。链式法则要把每一步的因子相乘：$${cellTargetTex(lstmOf(s).T)} = \\prod_t f_t$，它始终小于 1。`,
    "output-gate": (_d, s) =>
      `多乘了 $o_{${lstmOf(s).T}}\\,\\tanh'(c_{${lstmOf(s).T}}) = ${fmt(lstmOf(s).hFromC)}$。这个因子把梯度从 $c_{${lstmOf(s).T}}$ 带到 $h_{${lstmOf(s).T}}$，属于 $\\partial h/\\partial c$，不属于细胞状态路径 $${cellTargetTex(lstmOf(s).T)}$。`,
    "off-by-one": (_d, s) =>
      s.mode === "rnn"
        ? `少了一步：这个乘积从 $t = 2$ 开始，是 $\\partial h_{${s.T}}/\\partial h_1$。要一直传回 $h_0$ 需要全部 ${s.T} 个因子，包括 $w\\,\\tanh'(z_1)$。`
        : `少了一步：$\\prod_{t=2}^{${lstmOf(s).T}} f_t$ 是 $\\partial c_{${lstmOf(s).T}}/\\partial c_1$。要一直传回 $c_0$ 需要全部 ${lstmOf(s).T} 个遗忘门，包括 $f_1 = ${texDrawn(lstmOf(s).draw.f[0] as number)}$。`,
    "tanh-each-step": () => `在每一步都乘了 $\\tanh'(c_t)$，好像细胞状态也像普通 RNN 那样被压缩。$c_t$ 是加法式更新的，没有非线性；$\\tanh$ 只在输出到 $h_t$ 时才用到。`,
    "forget-complement": () => `用了 $1 - f_t$。遗忘门是细胞状态被**保留**的比例：$f_t$ 接近 1 表示记住，且 $\\partial c_t/\\partial c_{t-1} = f_t$。`,
    "forgot-tanh-prime": (_d, s) => `这是 $w^{${rnnOf(s).T}}$，即线性 RNN 的因子；每一步还要乘上 $\\tanh'(z_t) = 1 - \\tanh^2 z_t$。`,
    "forgot-w": () => `漏掉了 $w$：$\\partial z_t/\\partial h_{t-1} = w$，每一步都有一个因子 $w$。`,
    "tanh-instead-of-derivative": () => `用了 $\\tanh(z_t)$，即状态本身，而不是它的导数 $\\tanh'(z_t) = 1 - \\tanh^2 z_t$。`,
    "answered-lstm": (_d, s) => `这是 $\\prod_t f_t = ${fmt4(rnnOf(s).lstmPath)}$，即给出来作对比的 LSTM 细胞状态因子；题目问的是普通 RNN 的 $\\prod_t w\\,\\tanh'(z_t)$。`,
    "sign-error": (_d, s) => `符号错了：$\\tanh' > 0$，所以每个因子的符号都与 $w = ${texDrawn(rnnOf(s).draw.w)}$ 相同，乘积的符号与 $w^{${rnnOf(s).T}}$ 相同。`,
    "last-above": (_d, s) =>
      `经过 $${thresholdOf(s).expected - 1}$ 步后梯度还是 $f^{${thresholdOf(s).expected - 1}} = ${fmt4(thresholdOf(s).before)}$，并未低于 $\\tau$；还要再多一步。`,
    "linear-decay": () => `这是每一步减去一次 $1 - f$，即 $1 - k(1-f) < \\tau$，好像各步是相加的。实际上各步相乘：$f^k$ 按几何级数衰减，要更多步才降到 $\\tau$。`,
    "linearised-log": (_d, s) =>
      `用了 $\\ln f \\approx -(1 - f) = ${fmt(thresholdOf(s).gate - 1)}$，这只在 $f$ 非常接近 1 时成立；这里 $\\ln f = ${fmt(Math.log(thresholdOf(s).gate))}$。`,
  },

  solution: (_d, s) => solution(s),
};
