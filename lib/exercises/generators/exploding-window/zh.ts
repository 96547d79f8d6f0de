import type { ExerciseText } from "../../define";
import { texDrawn } from "../../kit/tex";
import { byMode, type Drawn, insideSolved, type MistakeId, type Solution } from "./model";
import * as T from "./tex";

export const zh: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "sigmoid 神经元的梯度爆炸窗口",

  prompt: (d, s) =>
    byMode(d, s, {
      width: (d) =>
        [
          `一个 sigmoid 神经元`,
          ``,
          ...T.neuronTex(d, "."),
          ``,
          `把梯度传回输入 $x$ 时要乘上 $\\partial a/\\partial x = w\\,\\sigma'(w\\,x + b)$。使这个因子的绝对值不小于 1 的输入构成一个区间：$\\{x : ${T.FACTOR} \\ge 1\\}$。`,
          ``,
          `这个区间的**宽度**（以 $x$ 计）是多少？请填一个数（4 位有效数字即可）。`,
        ].join("\n"),
      inside: (d) =>
        [
          `一个 sigmoid 神经元`,
          ``,
          ...T.neuronTex(d, ","),
          ``,
          `接收输入 $x = ${texDrawn(d.x)}$。反向传播时，$a$ 上的梯度乘以 $w\\,\\sigma'(w\\,x + b)$ 得到 $x$ 上的梯度。这个输入是否落在梯度爆炸窗口内，即该因子的绝对值不小于 1？`,
          ``,
          `**A.** 在窗口内：$${T.FACTOR} \\ge 1$，梯度经过这个神经元后可能变大。`,
          ``,
          `**B.** 在窗口外：$${T.FACTOR} < 1$，梯度会缩小。`,
          ``,
          `请用字母作答。`,
        ].join("\n"),
    }),

  hint: (d, s) =>
    byMode(d, s, {
      width: (_d, s) =>
        `先对 $\\sigma(z)$ 解方程 $|w|\\,\\sigma(z)(1 - \\sigma(z)) = 1$（这是一个二次方程；记 $r = \\sqrt{1 - 4/|w|} = ${T.n5(s.r)}$），再把两个根换算成 $z = \\pm\\ln\\frac{s}{1-s}$，最后才从 $z$ 换到 $x$：$x$ 上的长度等于 $z$ 上的长度除以 $|w|$。`,
      inside: (_d, s) => `直接计算这个因子：$z = w\\,x + b = ${T.n5(s.z)}$，再算 $|w|\\,\\sigma(z)(1 - \\sigma(z))$，然后与 1 比较。`,
    }),

  mistakes: {
    "no-prefactor": () =>
      `漏了前面的系数 $2/|w|$：$\\ln(\\dots)$ 只是 $z$ 上的半宽；$z$ 上的全宽是它的两倍，换到 $x$ 上还要除以 $|w|$。`,
    "one-over-w": () => `用了 $1/|w|$ 而不是 $2/|w|$：那只是半宽；窗口从 $z = -\\ln(\\dots)$ 一直到 $z = +\\ln(\\dots)$。`,
    "minus-root": (d) =>
      `对数里用了另一个根 $1 - \\sqrt{1 - 4/|w|}$；它给出的对数自变量恰好是正确值的倒数，所以结果变号（而宽度是正数）${d.w < 0 ? "。在 $2/|w|$ 中用 $w$ 代替 $|w|$ 也会同样地变号" : ""}。`,
    "in-z-units": (d) =>
      `这是以 $z = w\\,x + b$ 计的宽度；题目问的是 $x$，而 $x = (z - b)/w$ 会把每段长度除以 $${T.absWTex(d)}$。`,
    "forgot-w": (d) =>
      `漏了因子 $w$：$\\sigma'(z) \\le \\tfrac14 < 1$ 总是成立，但梯度因子是 $|w|\\,\\sigma'(z)$，它最大可以达到 $${T.peakTex(d)}$。`,
    "max-not-value": (d, s) =>
      `$${T.peakTex(d)} > 1$ 只是这个因子的*最大*值，在 $z = 0$ 处取到；这里 $z = w\\,x + b = ${T.n5(insideSolved(s).z)}$ 离 0 已经足够远，$\\sigma'(z)$ 已降到 $1/|w|$ 以下。`,
  },

  solution: (d, s) =>
    byMode(d, s, {
      width: (d, s) =>
        [
          `记 $s = \\sigma(z)$，$z = w\\,x + b$，则因子为 $|w|\\,\\sigma'(z) = |w|\\,s(1 - s)$，所以窗口就是满足下式的区域：`,
          ``,
          ...T.rootsTex(s),
          ``,
          `于是 $${T.sPlusTex(s)}$，$${T.sMinusTex(s)}$。用 $z = \\ln\\frac{s}{1-s}$ 换回 $z$，窗口在 $z$ 上是对称的：$|z| \\le z_+$，其中`,
          ``,
          ...T.zPlusTex(s),
          ``,
          `它在 $z$ 上的宽度是 $${T.zWidthTex(s)}$。由于 $x = (z - b)/w$，$x$ 上的宽度要除以 $${T.absWTex(d)}$（偏置只平移窗口）：`,
          ``,
          ...T.widthTex(s),
          ``,
          s.win
            ? `窗口是 $${T.intervalTex(s.win)}$，中心在 $x = ${T.centreTex(d)}$。即使 $|w|$ 很大，窗口也始终很窄（宽度在 $|w| \\approx 6.9$ 附近达到最大，约为 0.45），而在窗口之外，这个神经元会让梯度缩小——这正是 sigmoid 网络很少发生梯度爆炸的原因之一。`
            : ``,
          ``,
          `**答案：** $\\Delta x = ${s.expectedTex}$`,
        ].join("\n"),
      inside: (d, s) =>
        [
          `在这个输入处计算因子：`,
          ``,
          ...T.factorTex(d, s),
          ``,
          s.win
            ? `用窗口来核对：$|w|\\,\\sigma'(z) \\ge 1$ 当且仅当 $${T.zWindowTex(s.win, s.aw)}$，即 $${T.intervalTex(s.win)}$（中心在 $${T.centreTex(d)}$）。输入 $x = ${texDrawn(d.x)}$ 在窗口${s.inside ? "内" : "外"}。`
            : ``,
          ``,
          s.inside
            ? `所以梯度在这里被乘上一个大于 1 的数：这个神经元可能助长梯度爆炸——但只对落在这个窄窗口内的输入如此。`
            : `所以尽管 $|w| > 4$，梯度经过这个神经元后仍会缩小：只有在 $z = 0$ 附近的一个窄窗口内，这个因子才超过 1。`,
          ``,
          `**答案：** $${s.expectedTex}$（在窗口${s.inside ? "内" : "外"}）`,
        ].join("\n"),
    }),
};
