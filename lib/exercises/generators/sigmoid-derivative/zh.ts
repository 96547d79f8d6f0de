import type { ExerciseText } from "../../define";
import { texDrawn } from "../../kit/tex";
import { boundDrawn, byMode, type Drawn, type MistakeId, type Solution, valueDrawn } from "./model";
import * as T from "./tex";

export const zh: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "sigmoid 的导数及其上界",

  prompt: (d, s) =>
    byMode(d, s, {
      value: (d) =>
        d.w === undefined
          ? [`sigmoid 函数为 ${T.SIGMA_DEF}。`, ``, `求它的导数 $\\sigma'(z)$ 在 $z = ${texDrawn(d.z)}$ 处的值。请填一个数（4 位有效数字即可）。`].join("\n")
          : [
              `一个 sigmoid 神经元计算 $a = \\sigma(z)$，其中 $z = w\\,x + b$，${T.SIGMA_DEF}，并且`,
              ``,
              ...T.neuronTex(d),
              ``,
              `在这个神经元的预激活值 $z$ 处，$\\sigma'(z) = \\dfrac{\\partial a}{\\partial z}$ 等于多少？请填一个数（4 位有效数字即可）。`,
            ].join("\n"),
      bound: (d) => {
        const given = d.b === undefined ? `$w = ${texDrawn(d.w)}$` : `$w = ${texDrawn(d.w)}$，偏置为 $b = ${texDrawn(d.b)}$`;
        return [
          `一个 sigmoid 神经元 $a = \\sigma(${T.preTex(d)})$ 的权重为 ${given}。反向传播把梯度从 $a$ 传回输入 $x$ 时，要乘上`,
          ``,
          ...T.boundFactorTex(d),
          ``,
          `当 $x$ 取遍所有实数时，$\\bigl|w\\,\\sigma'(${T.preTex(d)})\\bigr|$ 的最大值是多少？请填一个数（4 位有效数字即可）。`,
        ].join("\n");
      },
    }),

  hint: (d, s) =>
    byMode(d, s, {
      value: (d, s) =>
        d.w === undefined
          ? `利用 $\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))$。先核对 $\\sigma(${texDrawn(d.z)}) = ${T.sigmaTex(s)}$。`
          : `先算出 $z = w\\,x + b$（核对一下：是不是 $${texDrawn(d.z)}$？），再用 $\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))$，其中 $\\sigma(z) = ${T.sigmaTex(s)}$。`,
      bound: (d) =>
        `$\\sigma'(z)$ 在哪里最大，最大值是多少？把它写成 $\\sigma'(z) = s(1 - s)$，其中 $s = \\sigma(z) \\in (0, 1)$，对 $s$ 求最大值；然后别忘了还有因子 $${T.absWTex(d)}$。`,
    }),

  mistakes: {
    "sigma-not-prime": () => `这是 $\\sigma(z)$ 本身；导数是 $\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))$。`,
    "one-minus-only": () => `这只是因子 $1 - \\sigma(z)$；还要再乘上 $\\sigma(z)$：$\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))$。`,
    "tanh-derivative": () => `这是 *tanh* 的导数 $1 - \\tanh^2(z)$；sigmoid 的导数是 $\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))$。`,
    "forgot-chain-z": (d) => `在输入 $x$ 处求了 $\\sigma'$；应当在预激活值 $z = w\\,x + b = ${texDrawn(valueDrawn(d).z)}$ 处求值。`,
    "times-w": () => `多乘了 $w$：$w\\,\\sigma'(z)$ 是 $\\partial a/\\partial x$；题目问的是 $\\sigma'(z) = \\partial a/\\partial z$。`,
    "quarter-only": (d) => `$\\tfrac14$ 只是 $\\sigma'$ 本身的最大值；这个因子还带着 $${T.absWTex(boundDrawn(d))}$。`,
    half: () => `$\\max \\sigma' = \\tfrac14$，不是 $\\tfrac12$：$\\sigma(1-\\sigma)$ 在 $\\sigma = \\tfrac12$ 处取到峰值，此时它等于 $\\tfrac12 \\cdot \\tfrac12$。`,
    "sigma-max": () => `用了 $\\sigma$ 的最大值（趋近于 1），而不是 $\\sigma'$ 的最大值（$\\tfrac14$）。`,
    signed: () => `漏了绝对值：题目问的是 $|w\\,\\sigma'|$ 的最大值，它是一个非负数。`,
    "at-x-zero": () => `在 $x = 0$ 处计算了这个因子；最大值出现在 $w\\,x + b = 0$ 处，即 $x = -b/w$，那里 $\\sigma' = \\tfrac14$。`,
  },

  solution: (d, s) =>
    byMode(d, s, {
      value: (d, s) =>
        [
          ...(d.w === undefined ? [] : [`先算预激活值：`, ``, ...T.preActivationTex(d), ``]),
          `对 $\\sigma(z) = (1 + e^{-z})^{-1}$ 求导，得到`,
          ``,
          ...T.DERIVATIVE_TEX,
          ``,
          `在 $z = ${texDrawn(d.z)}$ 处：$e^{-z} = ${T.n5(s.expNegZ)}$，所以 $\\sigma(z) = ${T.sigmaTex(s)}$，$1 - \\sigma(z) = ${T.complementTex(s)}$：`,
          ``,
          ...T.valueProductTex(d, s),
          ``,
          `（$\\sigma'$ 至多为 $\\tfrac14$，在 $z = 0$ 处取到；$z$ 离 0 越远，它就越小。）`,
          ``,
          `**答案：** $\\sigma'(z) = ${s.expectedTex}$`,
        ].join("\n"),
      bound: (d, s) => {
        const pre = T.preTex(d);
        return [
          `记 $s = \\sigma(z)$，其中 $z = ${pre}$。由于 $\\sigma'(z) = s(1 - s)$，并且`,
          ``,
          ...T.SQUARE_TEX,
          ``,
          `所以 $\\sigma'$ 至多为 $\\tfrac14$，当且仅当 $s = \\tfrac12$（即 $z = 0$）时取等号。$x$ 取遍所有实数时，$z = ${pre}$ 也取遍所有实数（因为 $w \\ne 0$），所以最大值在 $x = ${T.argmaxTex(d)}$ 处取到${d.b === undefined ? "" : "——偏置只移动峰值的位置，不改变峰值的高度"}：`,
          ``,
          ...T.boundMaxTex(d, s.expectedTex),
          ``,
          `**为什么这意味着梯度消失。** 只要 $|w| \\le 1$，就有 $|w\\,\\sigma'| \\le |w|/4 \\le \\tfrac14$：每经过一个 sigmoid 层，反向传播的梯度至少缩小到原来的四分之一，$n$ 层至少缩小 $4^n$ 倍。要让这个因子超过 1，必须有 $|w| > 4$。`,
          ``,
          `**答案：** $\\max_x |w\\,\\sigma'(${pre})| = ${s.expectedTex}$`,
        ].join("\n");
      },
    }),
};
