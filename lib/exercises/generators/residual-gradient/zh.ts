import type { ExerciseText } from "../../define";
import { BRANCH_MAX, type Drawn, type MistakeId, type Solution } from "./model";
import { ACT_TEX, answerTex, chainRuleTex, factorTableHead, factorTableRows, firstFactorTex, fmt, fRange, plainGradTex, plainIsSmaller, plainRatioTex, plainStatesTex, recurrenceTex, targetTex, weightsTex } from "./tex";

export const zh: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "穿过一串残差块的梯度",

  prompt: (d, s) => {
    const f = ACT_TEX[d.activation].f;
    return [
      `一个标量网络由 $K = ${s.K}$ 个残差块堆叠而成，每个残差块在恒等捷径上加一个小的 ${d.activation} 分支（斜率 $|w_k\\,${f}'| \\le ${BRANCH_MAX}$）：`,
      ``,
      `$$`,
      recurrenceTex(d, s),
      `$$`,
      ``,
      `其中 $x_0 = ${fmt(d.x0)}$，$${weightsTex(d)}$。`,
      ``,
      `$${targetTex(s.K)}$ 是多少？请填一个数（4 位有效数字即可）。`,
    ].join("\n");
  },

  hint: (d, s) => {
    const f = ACT_TEX[d.activation].f;
    return `每个残差块贡献一个因子 $1 + w_k\\,${f}'(x_{k-1})$，其中 $${f}'$ 要在该块的**输入**处求值。先核对第一个：$x_0 = ${fmt(d.x0)}$，所以 $1 + w_1\\,${f}'(x_0) = ${firstFactorTex(s)}$。然后把 ${s.K} 个这样的因子相乘。`;
  },

  mistakes: {
    "no-shortcut": (d) => {
      const f = ACT_TEX[d.activation].f;
      return `漏掉了捷径：$\\prod_k w_k ${f}'(x_{k-1})$ 只保留了分支。恒等路径给每个因子都加上 1：$1 + w_k ${f}'(x_{k-1})$。`;
    },
    "added-not-multiplied": (d) => {
      const f = ACT_TEX[d.activation].f;
      return `把各分支项加了起来，得到 $1 + \\sum_k w_k ${f}'(x_{k-1})$；残差块是逐个复合的，所以链式法则要把各因子 $1 + w_k ${f}'(x_{k-1})$ **相乘**。`;
    },
    "dropped-f-prime": (d) => {
      const f = ACT_TEX[d.activation].f;
      return `漏掉了 $${f}'$：$\\prod_k (1 + w_k)$ 相当于把分支当成线性的；分支的导数是 $w_k\\,${f}'(x_{k-1})$。`;
    },
    "identity-only": (d) =>
      `只保留了捷径：恒等路径给出 1，但每个残差块还要加上分支的导数，得到 $1 + w_k ${ACT_TEX[d.activation].f}'(x_{k-1})$，再把这些因子相乘。`,
    "f-instead-of-derivative": (d) => {
      const { f, fpTex } = ACT_TEX[d.activation];
      return `用了 $${f}(x_{k-1})$ 本身，而不是它的导数 $${f}'(x_{k-1}) = ${fpTex("x_{k-1}")}$。`;
    },
    "derivative-at-output": (d) => {
      const f = ACT_TEX[d.activation].f;
      return `在残差块的输出 $x_k$ 处求了 $${f}'$；分支作用在该块的**输入**上，所以因子是 $1 + w_k ${f}'(x_{k-1})$。`;
    },
    "one-block-missing": (d, s) =>
      `少算了一个残差块：$x_${s.K}$ 经过全部 ${s.K} 个残差块依赖于 $x_0$，包括第一个因子 $1 + w_1 ${ACT_TEX[d.activation].f}'(x_0)$。`,
  },

  solution: (d, s) => {
    const { f, fpTex } = ACT_TEX[d.activation];
    const { lo, hi } = fRange(s);
    return [
      `对一个残差块求导：捷径贡献 $1$，分支贡献 $w_k\\,${f}'(x_{k-1})$，其中 $${f}'(x) = ${fpTex("x")}$：`,
      ``,
      `$$`,
      chainRuleTex(d, s),
      `$$`,
      ``,
      `先做前向计算，得到每个残差块的输入 $x_{k-1}$，再逐块算出因子：`,
      ``,
      ...factorTableHead(d, "累积乘积"),
      ...factorTableRows(s),
      ``,
      `这里每个残差因子都在 $${lo}$ 和 $${hi}$ 之间：分支斜率的绝对值至多为 $${BRANCH_MAX}$，捷径再给它加上 1。`,
      ``,
      `作为对比，用同样权重的**普通**堆叠（无捷径），$p_0 = x_0$，$p_k = w_k\\,${f}(p_{k-1})$，要单独做一遍前向计算（$${plainStatesTex(s)}$），其梯度为 $${plainGradTex(d, s)}$：${
        plainIsSmaller(s)
          ? `它的每个因子都只是分支斜率，绝对值至多 $${BRANCH_MAX}$，所以乘积比穿过残差块时小约 $${plainRatioTex(s)}$ 倍。`
          : `这次抽到的数据下它并不更小，因为有些残差因子（最小到 $${lo}$）也在缩小梯度；残差因子与 1 的距离不超过 $${BRANCH_MAX}$，普通堆叠的因子与 0 的距离不超过 $${BRANCH_MAX}$。`
      }`,
      ``,
      `**答案：** $${answerTex(s)}$`,
    ].join("\n");
  },
};
