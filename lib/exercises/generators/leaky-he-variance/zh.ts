import type { ExerciseText } from "../../define";
import type { Drawn, MistakeId, Solution } from "./model";
import { factorTex, fanInTex, fmt, FORMULA_TEX, layerTex, stdTex, varianceTex } from "./tex";

export const zh: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "Leaky ReLU 的 He 初始化",

  prompt: (d, s) =>
    [
      d.layer === "dense"
        ? `一个全连接层后接负半轴斜率为 $\\alpha$ 的 leaky ReLU：`
        : `一个 ${d.k}×${d.k} 卷积层后接负半轴斜率为 $\\alpha$ 的 leaky ReLU：`,
      ``,
      `$$`,
      `${layerTex(d)}.`,
      `$$`,
      ``,
      `权重取自 $\\mathcal{N}(0, \\sigma_w^2)$，采用按 leaky 斜率修正的 He（Kaiming）初始化，使前向传播中信号的方差保持不变。`,
      ``,
      s.askStd
        ? `权重的**标准差** $\\sigma_w$ 应为多少？请填一个数（4 位有效数字）。`
        : `权重的**方差** $\\sigma_w^2 = \\operatorname{Var}(w)$ 应为多少？请填一个数（4 位有效数字，可用科学计数法）。`,
    ].join("\n"),

  hint: (d) =>
    `普通的 He 初始化 $2/n_{\\text{in}}$ 假设 ReLU 丢掉输入的负半部分。leaky ReLU 把这一半乘以 $\\alpha$ 保留下来，即保留其功率的 $\\alpha^2$，于是因子 2 变成 $2/(1+\\alpha^2)$。${d.layer === "conv" ? "卷积的扇入是连到一个输出上的全部权重个数：$k_h k_w C_{\\text{in}}$。" : "扇入就是一个单元的输入个数。"}`,

  mistakes: {
    "plain-he": () => `用了普通的 He 初始化 $2/n_{\\text{in}}$，那是给 ReLU（$\\alpha = 0$）用的；leaky 斜率保留了负半部分的一部分，应为 $${FORMULA_TEX}$。`,
    "alpha-not-squared": () => `用了 $1+\\alpha$ 而不是 $1+\\alpha^2$：负半部分贡献的是其**功率**（方差）的 $\\alpha^2$，而不是 $\\alpha$。`,
    "no-factor-2": () => `漏掉了 $${FORMULA_TEX}$ 中的因子 2（那相当于 LeCun 的 $1/n_{\\text{in}}$ 再除以 $1+\\alpha^2$）。`,
    "fan-out": (_d, s) => `用了扇出 ${s.fanOut}，而不是扇入 ${s.fanIn}：前向传播是对一个单元的输入求和。`,
    "channels-only": (d) => `把 $C_{\\text{in}} = ${d.layer === "conv" ? d.cIn : 0}$ 当成了扇入；卷积的每个输出要对 $k_h k_w C_{\\text{in}}$ 个输入求和。`,
    "variance-vs-std": (_d, s) =>
      s.askStd ? `给出的是方差 $${fmt(s.variance)}$；题目问的是标准差，即它的平方根。` : `给出的是标准差 $${fmt(s.std)}$；题目问的是方差。`,
  },

  solution: (d, s) =>
    [
      `当 $z$ 关于 0 对称时，leaky ReLU 满足 $E[f(z)^2] = \\tfrac{1+\\alpha^2}{2}\\,E[z^2]$，所以要保持方差不变需要 $n_{\\text{in}}\\operatorname{Var}(w)\\,\\tfrac{1+\\alpha^2}{2} = 1$：`,
      ``,
      `$$`,
      `${FORMULA_TEX}.`,
      `$$`,
      ``,
      `扇入：$${fanInTex(d, s)}$。因子是 $2/(1+\\alpha^2) = ${factorTex(d)}$，而不是 ReLU 的 2。`,
      ``,
      `$$`,
      `${varianceTex(d, s)}.`,
      `$$`,
      ...(s.askStd ? [``, `$$`, `${stdTex(s)}.`, `$$`] : []),
      ``,
      `**答案：** $${s.askStd ? "\\sigma_w" : "\\operatorname{Var}(w)"} = ${s.expectedTex}$`,
    ].join("\n"),
};
