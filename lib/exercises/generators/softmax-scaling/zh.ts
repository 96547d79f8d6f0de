import type { ExerciseText } from "../../define";
import type { Drawn, MistakeId, Solution } from "./model";
import { DERIV_TEX, fmt, ratioTex, scoresTex, sideTex } from "./tex";

export const zh: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "有无 1/√d_k 缩放时的 softmax 饱和",

  prompt: (d, s) =>
    [
      `在一个注意力头中，一个查询与 ${d.s.length} 个维度为 $d_k$ 的键的原始得分为`,
      ``,
      `$$`,
      scoresTex(d),
      `$$`,
      ``,
      `softmax 把输入 $z$ 变成权重 $p = \\operatorname{softmax}(z)$。记得分最大的那个键的权重为 $p_*$，它对应的输入为 $z_*$。`,
      ...(s.showFormula ? [``, `$$`, `${DERIV_TEX}.`, `$$`] : []),
      ``,
      `当 $z = s$（不缩放）和 $z = s/\\sqrt{d_k}$（缩放点积注意力）时，$\\partial p_*/\\partial z_*$ 分别是多少？请填两个数，用逗号分隔，不缩放的在前（4 位有效数字；也可以用 \`1.2e-5\` 这样的科学计数法）。`,
    ].join("\n"),

  hint: (_d, s) =>
    `softmax 权重对自身输入的导数是 $${DERIV_TEX}$。$1 - p_*$ 要用其余权重之和来算，不要用 1 去减：不缩放时 $p_*$ 非常接近 1，相减会丢掉有效数字。缩放就是把每个得分除以 $\\sqrt{d_k} = ${fmt(s.sqrtDk)}$。`,

  mistakes: {
    "weights-not-derivatives": () => `给出的是权重 $p_*$ 本身；题目问的是它的导数 $${DERIV_TEX}$。`,
    "divided-by-dk": (d, s) => `把得分除以了 $d_k = ${d.dk}$；注意力除以的是 $\\sqrt{d_k} = ${fmt(s.sqrtDk)}$。`,
    "forgot-factor-p": () => `给出的是 $1 - p_*$，漏掉了因子 $p_*$：导数是 $${DERIV_TEX}$。`,
  },

  solution: (d, s) =>
    [
      `**1. 不缩放**（$z = s$）：`,
      ``,
      ...sideTex(s, s.unscaled, "s"),
      ``,
      `**2. 缩放**（$z = s/\\sqrt{d_k}$，$\\sqrt{${d.dk}} = ${fmt(s.sqrtDk)}$）：`,
      ``,
      ...sideTex(s, s.scaled, "s/\\sqrt{d_k}"),
      ``,
      `不缩放时 softmax 已经饱和：$p_*$ 几乎等于 1，它的导数几乎为 0，传回得分（进而传回 $q$ 和 $k$）的梯度几乎消失。除以 $\\sqrt{d_k}$ 让得分回到单位方差，导数因此增大约 $${ratioTex(s)}$ 倍。`,
      ``,
      `**答案：** $${s.expectedTex}$`,
    ].join("\n"),
};
