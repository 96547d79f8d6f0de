import type { ExerciseText } from "../../define";
import type { Drawn, MistakeId, Solution } from "./model";
import { fmt, gTex, NORMAL_RANGE_TEX, recoveredTex, relErrTex, roundingTex, sTex, SPACING_TEX, SUBNORMAL_TEX } from "./tex";

export const zh: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "梯度在 fp16 中的下溢，有无损失缩放",

  prompt: (d) =>
    [
      `混合精度训练中，梯度以 fp16（IEEE 半精度）存储：`,
      ``,
      `- 规格化数：$${NORMAL_RANGE_TEX}$，有 11 位有效二进制位：在 $${SPACING_TEX}$ 内相邻两个值相差 $2^{e-10}$；`,
      `- 非规格化数：小于 $2^{-14}$ 时，只有 $${SUBNORMAL_TEX}$ 的整数倍；`,
      `- 舍入到最近的可表示值，恰在中点时取偶数。`,
      ``,
      `某个权重的真实梯度为 $${gTex(d)}$，损失缩放因子为 $${sTex(d)}$。`,
      ``,
      `（a）不缩放时，fp16 为 $g$ 存下的值是多少？（b）使用损失缩放时，反向传播得到 $Sg$，以 fp16 存储后再在 float32 中除以 $S$（$S$ 是 2 的幂，所以除法是精确的）：最后得到的梯度是多少？请按（a）、（b）的顺序填两个数，用逗号分隔，保留 4 位有效数字（什么都没留下就填 \`0\`；也可以用 \`5.96e-8\` 这样的科学计数法）。`,
    ].join("\n"),

  hint: (_d, s) =>
    `先确定每个数附近 fp16 值的间距：$g = ${fmt(s.g)}$ 小于 $2^{-14}$，所以间距是 $2^{-24}$；算出它是间距的多少倍，再舍入到最近的整数倍。对 $Sg = ${fmt(s.g * s.S)}$，先看它是否大于 $2^{-14}$。`,

  mistakes: {
    "no-rounding": () => `以为 fp16 能精确存下 $g$。小于 $2^{-14}$ 时 fp16 只有 $2^{-24}$ 的整数倍，小梯度会被粗略地舍入，甚至变成 0。`,
    "forgot-unscale": (d) => `反向传播之后忘了除以 $S = 2^{${d.k}}$：缩放过的梯度在优化器更新之前必须先还原。`,
    "flushed-subnormals": () => `把小于 $2^{-14}$ 的数全部当成了 0。IEEE fp16 保留非规格化数，即 $2^{-24}$ 的整数倍，最小到 $2^{-24}$ 本身。`,
    truncated: () => `向零截断了；fp16 舍入到**最近的**可表示值（恰在中点时取偶数）。`,
  },

  solution: (d, s) =>
    [
      `**（a）不缩放。** $g$ 小于 $2^{-14}$，附近的 fp16 值是 $2^{-24}$ 的整数倍：`,
      ``,
      `$$`,
      roundingTex("g", s.plain),
      `$$`,
      ``,
      s.plain.stored === 0
        ? `梯度**下溢**了：它不到 $2^{-24}$ 的一半，fp16 存下的是 0，这个权重完全得不到更新。`
        : `只留下了最近的 $2^{-24}$ 整数倍，相对误差为 $${relErrTex(s.plain.stored, s.g)}$。`,
      ``,
      `**（b）使用损失缩放** $${sTex(d)}$：`,
      ``,
      `$$`,
      roundingTex("Sg", s.scaled),
      `$$`,
      ``,
      `$$`,
      recoveredTex(d, s),
      `$$`,
      ``,
      s.scaled.x >= 2 ** -14
        ? `$Sg$ 是规格化数，保有 11 位有效二进制位；除以 $S$ 之后相对误差只有 $${relErrTex(s.recovered, s.g)}$。`
        : `$Sg$ 仍小于 $2^{-14}$：缩放因子太小，还原出的梯度依然很粗（相对误差 $${relErrTex(s.recovered, s.g)}$）。更大的 $S$（动态损失缩放会自动选取）才能把 $Sg$ 推进规格化范围。`,
      ``,
      `**答案：** $${s.expectedTex}$`,
    ].join("\n"),
};
