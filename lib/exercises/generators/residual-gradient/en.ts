import type { ExerciseText } from "../../define";
import { BRANCH_MAX, type Drawn, type MistakeId, type Solution } from "./model";
import { ACT_TEX, answerTex, chainRuleTex, factorTableHead, factorTableRows, firstFactorTex, fmt, fRange, plainGradTex, plainIsSmaller, plainRatioTex, plainStatesTex, recurrenceTex, targetTex, weightsTex } from "./tex";

export const en: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "Gradient through a stack of residual blocks",

  prompt: (d, s) => {
    const f = ACT_TEX[d.activation].f;
    return [
      `A scalar network is a stack of $K = ${s.K}$ residual blocks, each adding a small ${d.activation} branch (slope $|w_k\\,${f}'| \\le ${BRANCH_MAX}$) to an identity shortcut:`,
      ``,
      `$$`,
      recurrenceTex(d, s),
      `$$`,
      ``,
      `with $x_0 = ${fmt(d.x0)}$ and $${weightsTex(d)}$.`,
      ``,
      `What is $${targetTex(s.K)}$? Give a number (4 significant digits are enough).`,
    ].join("\n");
  },

  hint: (d, s) => {
    const f = ACT_TEX[d.activation].f;
    return `Each block contributes a factor $1 + w_k\\,${f}'(x_{k-1})$, with $${f}'$ evaluated at the block's *input*. Check the first one: $x_0 = ${fmt(d.x0)}$, so $1 + w_1\\,${f}'(x_0) = ${firstFactorTex(s)}$. Then multiply ${s.K} such factors.`;
  },

  mistakes: {
    "no-shortcut": (d) => {
      const f = ACT_TEX[d.activation].f;
      return `Dropped the shortcut: $\\prod_k w_k ${f}'(x_{k-1})$ keeps only the branches. The identity path adds 1 to every factor: $1 + w_k ${f}'(x_{k-1})$.`;
    },
    "added-not-multiplied": (d) => {
      const f = ACT_TEX[d.activation].f;
      return `Added the branch terms, $1 + \\sum_k w_k ${f}'(x_{k-1})$; the blocks are composed, so the chain rule *multiplies* the factors $1 + w_k ${f}'(x_{k-1})$.`;
    },
    "dropped-f-prime": (d) => {
      const f = ACT_TEX[d.activation].f;
      return `Dropped $${f}'$: $\\prod_k (1 + w_k)$ treats the branch as linear; its derivative is $w_k\\,${f}'(x_{k-1})$.`;
    },
    "identity-only": (d) =>
      `Kept only the shortcut: the identity path gives 1, but each block also adds its branch derivative, $1 + w_k ${ACT_TEX[d.activation].f}'(x_{k-1})$, and the factors multiply.`,
    "f-instead-of-derivative": (d) => {
      const { f, fpTex } = ACT_TEX[d.activation];
      return `Used $${f}(x_{k-1})$ instead of its derivative $${f}'(x_{k-1}) = ${fpTex("x_{k-1}")}$.`;
    },
    "derivative-at-output": (d) => {
      const f = ACT_TEX[d.activation].f;
      return `Evaluated $${f}'$ at the block's output $x_k$; the branch is applied to the block's *input*, so the factor is $1 + w_k ${f}'(x_{k-1})$.`;
    },
    "one-block-missing": (d, s) =>
      `One block missing: $x_${s.K}$ depends on $x_0$ through all ${s.K} blocks, including the first factor $1 + w_1 ${ACT_TEX[d.activation].f}'(x_0)$.`,
  },

  solution: (d, s) => {
    const { f, fpTex } = ACT_TEX[d.activation];
    const { lo, hi } = fRange(s);
    return [
      `Differentiate one block: the shortcut contributes $1$, the branch $w_k\\,${f}'(x_{k-1})$ with $${f}'(x) = ${fpTex("x")}$:`,
      ``,
      `$$`,
      chainRuleTex(d, s),
      `$$`,
      ``,
      `Run the forward pass to get each block's input $x_{k-1}$, then one factor per block:`,
      ``,
      ...factorTableHead(d, "running product"),
      ...factorTableRows(s),
      ``,
      `Here every residual factor lies between $${lo}$ and $${hi}$: the branch slope is at most $${BRANCH_MAX}$ in size, and the shortcut adds 1 to it.`,
      ``,
      `For comparison, a **plain** stack with the same weights, $p_0 = x_0$, $p_k = w_k\\,${f}(p_{k-1})$, runs its own forward pass ($${plainStatesTex(s)}$) and has the gradient $${plainGradTex(d, s)}$: ${
        plainIsSmaller(s)
          ? `each of its factors is a bare branch slope, at most $${BRANCH_MAX}$ in size, so the product is about $${plainRatioTex(s)}$ times smaller than through the residual blocks.`
          : `for this draw it is not smaller, because some residual factors (as low as $${lo}$) shrink the gradient too; the residual factors stay within $${BRANCH_MAX}$ of 1, the plain ones within $${BRANCH_MAX}$ of 0.`
      }`,
      ``,
      `**Answer:** $${answerTex(s)}$`,
    ].join("\n");
  },
};
