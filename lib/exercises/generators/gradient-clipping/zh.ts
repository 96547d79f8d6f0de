import type { ExerciseText } from "../../define";
import type { Drawn, MistakeId, Solution } from "./model";
import { entryRows, fmt, gDisplay, gNormTex, normTex, scaleTex, sqTex } from "./tex";

export const zh: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "按范数裁剪梯度",

  prompt: (d, s) => {
    const { n } = s;
    const rule = s.showRule
      ? `按**范数**裁剪，阈值 $c = ${fmt(d.c)}$：$g \\leftarrow g\\cdot\\min\\bigl(1,\\ c/\\lVert g\\rVert\\bigr)$，其中 $\\lVert g\\rVert$ 是欧几里得范数。`
      : `按**范数**裁剪（与 \`clip_grad_norm_\` 的做法相同），阈值 $c = ${fmt(d.c)}$。`;
    return [
      `一次反向传播之后，模型 ${n} 个参数的梯度为`,
      ``,
      ...gDisplay(d),
      ``,
      rule,
      ``,
      `裁剪之后的梯度是多少？请按给出的顺序填写全部 ${n} 个分量，用逗号分隔（4 位有效数字即可）。`,
    ].join("\n");
  },

  hint: (d, s) =>
    `先对全部 ${s.n} 个分量算一个范数：$\\lVert g\\rVert^2 = ${sqTex(s)}$。再把 $\\lVert g\\rVert$ 与 $c = ${fmt(d.c)}$ 比较；如果更大，就把**每个**分量都乘上同一个因子 $c/\\lVert g\\rVert$。`,

  mistakes: {
    "clip-by-value": () =>
      `把每个分量各自截断到 $[-c, c]$（按值裁剪），这会改变梯度的方向。按范数裁剪是把整个向量乘上同一个因子 $c/\\lVert g\\rVert$。`,
    "unit-vector": (d) =>
      `只除以了 $\\lVert g\\rVert$：$g/\\lVert g\\rVert$ 的长度是 1，而裁剪后的梯度长度应为 $c = ${fmt(d.c)}$，所以还要再乘上 $c$。`,
    "squared-norm": (_d, s) =>
      `因子里用了范数的平方 $\\lVert g\\rVert^2 = ${sqTex(s)}$；因子应是 $c/\\lVert g\\rVert$，其中 $\\lVert g\\rVert = \\sqrt{\\textstyle\\sum_i g_i^2}$。`,
    "no-clipping": (d, s) =>
      `原样返回了 $g$，但 $\\lVert g\\rVert = ${gNormTex(s, 4)} > c = ${fmt(d.c)}$，所以必须把它缩小。`,
    "inverted-ratio": () =>
      `乘的是 $\\lVert g\\rVert / c$，比值颠倒了；因子应是 $c/\\lVert g\\rVert < 1$，裁剪只会缩小梯度。`,
    "divided-by-c": () => `除以了 $c$；因子应是 $c/\\lVert g\\rVert$，即阈值除以当前的范数。`,
  },

  solution: (d, s) =>
    [
      `**1. 整个梯度的范数：**`,
      ``,
      `$$`,
      normTex(d, s),
      `$$`,
      ``,
      `**2. 比较：** $\\lVert g\\rVert = ${gNormTex(s)} > c = ${fmt(d.c)}$，所以要裁剪。每个分量都乘上同一个因子`,
      ``,
      `$$`,
      scaleTex(d, s),
      `$$`,
      ``,
      `**3. 缩放：**`,
      ``,
      `| 分量 | 裁剪前 | 裁剪后（$\\times s$） |`,
      `|---|---|---|`,
      ...entryRows(d, s),
      ``,
      `裁剪后的梯度范数恰好为 $c = ${fmt(d.c)}$，方向与原来相同（各分量之间的比值都不变）；如果改成把每个分量截断到 $[-c, c]$，方向就会改变。`,
      ``,
      `**答案：** $${s.expectedTex}$`,
    ].join("\n"),
};
