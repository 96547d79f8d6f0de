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

const layerName = (l: number): string => `第 ${l} 层`;

/** 哪些权重是通常尺度、哪些（如果有）不是：例外要写明，不能当陷阱。 */
function scaleNote(t: number): string {
  if (t < 2) return `所有权重和偏置都按通常的尺度抽取：$W^l_{ij}, b^l_i \\sim N(0, 1)$。`;
  return `**注意：**$${largeWeightsTex(t)}$ 的元素**异常大**（按标准差 ${AMP_SD} 抽取，而不是通常的 1），相应的偏置经过挑选，使这些单元不落入饱和区；其余权重和偏置都是通常的尺度 $N(0, 1)$。`;
}

export const zh: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "sigmoid 多层感知机中哪一层学得最慢",

  prompt: (d, s) => {
    const { L, H } = s;
    const lines = [
      `一个全连接的 sigmoid 网络，各层宽度为 $${widthsTex(d)}$（${H} 个隐藏层，输出层为 $L = ${L}$）：`,
      ``,
      `$$`,
      networkTex(s),
      `$$`,
      ``,
      `输入和目标：`,
      ``,
      `$$`,
      inputTex(d),
      `$$`,
      ``,
      `下面给出权重、偏置，以及各层激活值 $a^l$（保留 ${A_DIGITS} 位有效数字，省去你做前向计算）。${scaleNote(d.largeUpTo)}`,
      ``,
      ...layerBlocks(d, s),
      `第 $l$ 层的学习速度是 $\\lVert \\partial C/\\partial b^l \\rVert = \\lVert \\delta^l \\rVert$，其中 $\\delta^l = \\partial C/\\partial z^l$（别忘了 $\\sigma'(z^l) = a^l \\odot (1 - a^l)$）。`,
      ``,
    ];
    if (s.mode === "slowest") {
      lines.push(`哪一个**隐藏**层学得最慢，即 $\\lVert \\delta^l \\rVert$ 最小？`, ``);
      for (let l = 1; l <= H; l++) lines.push(`**${letterOf(l - 1)}.** ${layerName(l)}（$\\lVert \\delta^{${l}} \\rVert$）`, ``);
      lines.push(`请填一个字母。`);
    } else {
      lines.push(
        `计算第一个隐藏层与最后一个隐藏层学习速度之比 $\\lVert \\delta^1 \\rVert \\,/\\, \\lVert \\delta^{${H}} \\rVert$。请填一个数（4 位有效数字即可，也可以用 \`1.234e-3\` 这样的科学计数法）。`,
      );
    }
    return lines.join("\n");
  },

  hint: (_d, s) => {
    const { L, H } = s;
    const base = `从输出层开始：$${outputDeltaRule(L)} = ${outputDeltaValue(s)}$，然后用 $${hintStepRule}$ 逐层往回算。注意其中的**转置**，并且 $\\sigma'$ 是 $a(1 - a)$，不是 $a$。`;
    return s.mode === "slowest"
      ? `${base}只比较隐藏层 $1, \\dots, ${H}$ 的 $\\lVert \\delta^l \\rVert$，选出**最小**的那一层。`
      : `${base}所求的比值是 $\\lVert \\delta^1 \\rVert / \\lVert \\delta^{${H}} \\rVert$（第一个隐藏层在分子上），用的是整个向量的范数。`;
  },

  mistakes: {
    "picked-largest": (_d, s) => {
      const { fastest, hidden } = asSlowest(s);
      return `选了 $\\lVert \\delta^l \\rVert$ **最大**的那一层（第 ${fastest + 1} 层，$${n4(hidden[fastest] as number)}$）：它学得最快；学得最慢的是梯度范数最小的那一层。`;
    },
    "assumed-later-slower": (_d, { H, hidden }) =>
      `以为越靠后的层越慢：梯度最先到达第 ${H} 层，在 sigmoid 网络里通常是*越靠前*的层得到的 $\\lVert \\delta^l \\rVert$ 越小；这里第 ${H} 层的 $\\lVert \\delta^{${H}} \\rVert = ${n4(hidden[H - 1] as number)}$。`,
    "assumed-first-slowest": (_d, { hidden }) =>
      `套用了教科书上的结论（第 1 层最慢，这在权重为通常大小时成立），可题目已经说明有些权重异常大：这里 $\\lVert \\delta^1 \\rVert = ${n4(hidden[0] as number)}$ 并不是最小的。往回传播时，大的 $W^{l+1}$ 抵消了 $\\sigma'(z^l) \\le \\tfrac14$ 这些因子的衰减。`,
    inverted: (_d, { H }) =>
      `比值算反了：算成了 $\\lVert \\delta^{${H}} \\rVert / \\lVert \\delta^1 \\rVert$，应为 $\\lVert \\delta^1 \\rVert / \\lVert \\delta^{${H}} \\rVert$。`,
    "weight-gradient-ratio": (_d, { H }) =>
      `用了权重梯度之比 $\\lVert \\partial C/\\partial W^1 \\rVert / \\lVert \\partial C/\\partial W^{${H}} \\rVert$：它们等于 $\\lVert \\delta^l \\rVert\\,\\lVert a^{l-1} \\rVert$，还混入了各层输入的大小；题目问的速度是 $\\lVert \\partial C/\\partial b^l \\rVert = \\lVert \\delta^l \\rVert$。`,
    "first-components": (_d, { H }) =>
      `只比较了第一个分量 $|\\delta^1_1| / |\\delta^{${H}}_1|$：一层的学习速度是整个向量 $\\delta^l$ 的范数。`,
  },

  solution: (d, s) => {
    const { L, H } = s;
    const lines = [
      `因为 $\\partial z^l/\\partial b^l = I$，第 $l$ 层的学习速度就是 $\\lVert \\partial C/\\partial b^l \\rVert = \\lVert \\delta^l \\rVert$。从输出层开始反向传播 $\\delta$（向量保留 4 位有效数字）：`,
      ``,
      `**输出层。** $\\partial C/\\partial a^{${L}} = a^{${L}} - y$，所以`,
      ``,
      `$$`,
      outputDeltaTex(d, s),
      `$$`,
      ``,
      `**隐藏层**，自上而下，用 $${stepRule}$，其中 $\\sigma'(z^l) = a^l \\odot (1 - a^l)$：`,
      ``,
      ...hiddenDeltaBlocks(d, s),
      `各层的范数（权重梯度 $\\partial C/\\partial W^l = \\delta^l (a^{l-1})^\\top$ 是外积，所以它的范数是 $\\lVert \\delta^l \\rVert\\,\\lVert a^{l-1} \\rVert$）：`,
      ``,
      ...normTable(s, "层", "（输出层）"),
      ``,
    ];
    if (s.mode === "slowest") {
      const { slow, next } = s;
      lines.push(
        `在隐藏层 $1, \\dots, ${H}$ 中，最小的是 $\\lVert \\delta^{${slow[1] + 1}} \\rVert = ${n4(slow[0])}$（其次是第 ${next[1] + 1} 层，$${n4(next[0])}$），所以${layerName(slow[1] + 1)}学得最慢。${
          slow[1] === 0
            ? `这正是 sigmoid 网络中常见的情形：每往回一步都要乘上 $(W^{l+1})^\\top$ 和 $\\sigma'(z^l) \\le \\tfrac14$，所以梯度越靠近输入往往越小。`
            : `这里最慢的不是第一层：因子 $(W^{l+1})^\\top$ 和 $\\sigma'(z^l) \\le \\tfrac14$ 往往会让 $\\delta$ 在往回传播时变小，但大的权重可以抵消这种衰减，最终要看实际的数值。`
        }`,
        ``,
        `**答案：** $${s.expectedTex}$（${layerName(slow[1] + 1)}）`,
      );
    } else {
      lines.push(
        ...ratioBlock(s),
        s.expected < 1
          ? `第一个隐藏层的学习速度约为最后一个隐藏层的 $1/${speedFactorTex(s)}$：梯度在往回传播的过程中缩小了。`
          : `这里第一个隐藏层反而比最后一个隐藏层学得快（约为其 $${speedFactorTex(s)}$ 倍）：在这次抽到的网络中，权重抵消了 $\\sigma' \\le \\tfrac14$ 这些因子的衰减。`,
        ``,
        `**答案：** $${s.expectedTex}$`,
      );
    }
    return lines.join("\n");
  },
};
