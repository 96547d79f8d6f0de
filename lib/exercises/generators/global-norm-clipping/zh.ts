import type { ExerciseText } from "../../define";
import type { Drawn, MistakeId, Solution } from "./model";
import { askedName, fmt, normsTex, resultTex, RULE_TEX, scaleTex, tensorsTex } from "./tex";

export const zh: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "跨多个张量按全局范数裁剪",

  prompt: (d) =>
    [
      `一步训练得到了下面这些梯度张量，优化器按**全局**范数裁剪，阈值为 $c$：`,
      ``,
      `$$`,
      tensorsTex(d),
      `$$`,
      ``,
      `裁剪之后 $${askedName(d)}$ 是多少？请按顺序填写它的各个分量，用逗号分隔（4 位有效数字）。`,
    ].join("\n"),

  hint: (d) =>
    `全局范数把全部 ${d.tensors.length} 个张量看成一个长向量：把**每一个**分量的平方加起来再开方；若超过 $c$，所有张量都乘以同一个因子 $c/\\lVert g\\rVert$。`,

  mistakes: {
    "per-tensor": (d, s) => {
      const own = Math.sqrt(s.sq[d.ask] as number);
      return own > d.c
        ? `用 $${askedName(d)}$ 自己的范数 $${fmt(own)}$ 做了裁剪。按全局范数裁剪时，所有张量共用一个范数 $${fmt(s.norm)}$ 和同一个因子。`
        : `把每个张量按各自的范数裁剪了：$${askedName(d)}$ 的范数 $${fmt(own)} \\le c$，于是保持不变。按全局范数裁剪时，所有张量共用一个范数 $${fmt(s.norm)}$，每个张量（包括这一个）都要缩放。`;
    },
    "sum-of-norms": () => `把各张量的范数直接相加了；全局范数是把各张量范数的**平方**相加后再开方。`,
    "squared-norm": (_d, s) => `除以了全局范数的平方 $${fmt(s.total)}$，而不是范数 $${fmt(s.norm)}$。`,
    "unit-vector": () => `除以了 $\\lVert g\\rVert$ 却没有乘 $c$：裁剪把梯度缩放到范数为 $c$，而不是 1。`,
    "no-clipping": (_d, s) => `没有改动梯度：它的全局范数 $${fmt(s.norm)}$ 超过了 $c$，所以裁剪会起作用。`,
  },

  solution: (d, s) =>
    [
      `按全局范数裁剪：`,
      ``,
      `$$`,
      `${RULE_TEX}.`,
      `$$`,
      ``,
      `**1. 各张量范数的平方，以及全局范数：**`,
      ``,
      `$$`,
      normsTex(d, s),
      `$$`,
      ``,
      `**2. 共同的缩放因子**（范数超过了 $c = ${d.c}$）：$${scaleTex(d, s)}$。`,
      ``,
      `**3. 缩放所问的张量：**`,
      ``,
      `$$`,
      `${resultTex(d, s)}.`,
      `$$`,
      ``,
      `所有张量乘以同一个因子，所以更新在全部参数上保持方向不变，全局范数恰好变为 $c$。`,
      ``,
      `**答案：** $${s.expectedTex}$`,
    ].join("\n"),
};
