import type { ExerciseText } from "../../define";
import { texNum } from "../../kit/tex";
import { type Drawn, type MistakeId, type Solution, TAU } from "./model";
import { fmt, gradientRows, normsTex, REL_FORMULA, relTex, TAU_TEX } from "./tex";

export const zh: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "梯度检验：相对误差与判定",

  prompt: (d, s) =>
    [
      `你在检验反向传播对 ${d.A.length} 个参数算出的梯度：$g_a$ 是反向传播给出的解析梯度，$g_n$ 是用中心差分算出的数值梯度，两者都用 float64 计算。`,
      ``,
      ...gradientRows(d, false),
      ``,
      `检验使用相对误差`,
      ``,
      `$$`,
      `${REL_FORMULA}.`,
      `$$`,
      ``,
      s.mode === "error"
        ? `$\\mathrm{rel}$ 是多少？请填一个数（4 位有效数字即可，也可以用 \`3.2e-7\` 这样的科学计数法）。`
        : `当 $\\mathrm{rel} < ${TAU_TEX}$ 时检验通过。这次检验通过了吗？请回答是或否。`,
    ].join("\n"),

  hint: () =>
    `先逐个分量相减：两个梯度的前几位数字相同，差别在最后几位。再用差的范数除以两个范数的**和**，这样误差就与梯度的量级无关。`,

  mistakes: {
    "absolute-error": (_d, s) =>
      `给出的是绝对误差 $\\lVert g_a - g_n\\rVert_2 = ${fmt(s.diffNorm)}$，没有除以梯度的大小；它随梯度的量级一起变大变小，任何固定阈值都不适用。`,
    "analytic-norm-only": (_d, s) =>
      `只除以了 $\\lVert g_a\\rVert_2 = ${fmt(s.aNorm)}$；公式除以的是 $\\lVert g_a\\rVert_2 + \\lVert g_n\\rVert_2$，大约是它的两倍。`,
    "squared-norms": () => `用了范数的平方（平方和没有开方）；公式用的是范数本身。`,
    "absolute-verdict": (_d, s) =>
      `拿绝对误差 $\\lVert g_a - g_n\\rVert_2 = ${fmt(s.diffNorm)}$ 和 $${TAU_TEX}$ 比较了。阈值针对的是相对误差 $\\mathrm{rel} = ${texNum(s.rel, 4)}$：梯度大小为 $\\lVert g_a\\rVert_2 = ${fmt(s.aNorm)}$ 时，绝对误差会显得${s.diffNorm >= TAU ? "过大" : "过小"}，因而产生误导。`,
  },

  solution: (d, s) =>
    [
      `**1. 逐个分量求差：**`,
      ``,
      ...gradientRows(d, true),
      ``,
      `**2. 范数：**`,
      ``,
      `$$`,
      `${normsTex(s)}.`,
      `$$`,
      ``,
      `**3. 相对误差：**`,
      ``,
      `$$`,
      `${relTex(s)}.`,
      `$$`,
      ``,
      s.mode === "verdict"
        ? `它${s.rel < TAU ? "小于" : "不小于"} $${TAU_TEX}$，所以检验${s.rel < TAU ? "通过" : "不通过"}；而绝对误差 $${fmt(s.diffNorm)}$ 却${s.diffNorm < TAU ? "低于" : "高于"} $\\tau$。只有相对误差能在不同量级的梯度之间比较。`
        : `误差除以了梯度的大小，所以同一个阈值适用于任何量级的梯度。`,
      ``,
      `**答案：** $${s.mode === "error" ? `\\mathrm{rel} = ${s.expectedTex}` : s.expectedTex}$`,
    ].join("\n"),
};
