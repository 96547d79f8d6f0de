import type { ExerciseText } from "../../define";
import { chainTable } from "../../kit/chain";
import { texDrawn } from "../../kit/tex";
import type { Drawn, MistakeId, Solution } from "./model";
import { absRatioTex, absW2W3, chainTex, overBoundTex, RATIO_FORMULA, s1Tex, sharedTailTex, w2w3Tex, workedTex, z1Tex } from "./tex";

/** 为什么最坏情形 16 不是答案：两条 bound-16 解释的结尾。 */
const boundWhy = (s: Solution): string =>
  Math.abs(s.w2 * s.w3) <= 1
    ? `在 $|w_2 w_3| \\le 1$ 时，16 只是比值大小的一个下界。`
    : `而且这个界要求 $|w_2 w_3| \\le 1$，这里并不成立（$|w_2 w_3| = ${absW2W3(s)}$）。`;

export const zh: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "第 3 层比第 1 层学得快多少",

  prompt: (d, s) =>
    [
      `一条由 $L = ${s.L}$ 个 sigmoid 神经元组成的链，每层一个神经元：`,
      ``,
      ...chainTex(s.L),
      ``,
      ...chainTable(d),
      ``,
      `输入 $x = ${texDrawn(d.x)}$，目标 $y = ${texDrawn(d.y)}$。`,
      ``,
      `计算带符号的比值 $r = \\dfrac{\\partial C/\\partial b_3}{\\partial C/\\partial b_1}$。它的大小 $|r|$ 表示第三个偏置比第一个偏置学得快多少倍；它的符号表示两个梯度方向是否一致（$r < 0$：符号相反）。请连同符号填写 $r$（4 位有效数字即可）。`,
    ].join("\n"),

  hint: (_d, s) =>
    `按链式法则把 $\\partial C/\\partial b_1$ 和 $\\partial C/\\partial b_3$ 都写成乘积，约去两者共有的部分（从 $\\sigma'(z_3)$ 开始的所有因子）。剩下三个因子：$\\sigma'(z_1)$、$w_2\\sigma'(z_2)$ 和 $w_3$。先核对第一个：$${z1Tex(s)}$，$${s1Tex(s)}$。`,

  mistakes: {
    inverted: () =>
      `算反了：这是 $(\\partial C/\\partial b_1)/(\\partial C/\\partial b_3)$，即第 1 层学得*慢*多少倍，而不是第 3 层学得快多少倍。`,
    "bound-16": (_d, s) =>
      `用了由 $|w\\sigma'| \\le \\tfrac14$ 得到的最坏情形 $1/(\\tfrac14\\cdot\\tfrac14) = 16$，而不是实际的因子；${boundWhy(s)}`,
    "bound-16-signed": (_d, s) =>
      `用了最坏情形 $-16$（即带上 $w_2 w_3$ 符号的界 $1/(\\tfrac14\\cdot\\tfrac14)$），而不是实际的因子；${boundWhy(s)}`,
    "dropped-sign": (_d, s) =>
      `丢了符号：大小没错，但 $${w2w3Tex(s)} < 0$ 使 $\\partial C/\\partial b_3$ 与 $\\partial C/\\partial b_1$ 符号相反，所以比值是负的。`,
    "dropped-sigma1": () =>
      `漏掉了 $\\sigma'(z_1)$：$b_1$ 要先经过它自己所在的单元才能影响后面的层，$\\partial a_1/\\partial b_1 = \\sigma'(z_1)$。`,
    "off-by-one-layer": () =>
      `只往回走了一层：$1/(\\sigma'(z_1)\\,w_2)$ 是 $(\\partial C/\\partial b_2)/(\\partial C/\\partial b_1)$；从 $b_3$ 出发还要再经过 $\\sigma'(z_2)$ 和 $w_3$。`,
  },

  solution: (_d, s) => {
    const { w2, w3, expected } = s;
    const bound =
      Math.abs(w2) <= 1 && Math.abs(w3) <= 1
        ? `为什么这么大：$\\sigma'(z_1) \\le \\tfrac14$，$|w_2\\sigma'(z_2)| \\le \\tfrac14|w_2| \\le \\tfrac14$，且 $|w_3| \\le 1$，所以分母的绝对值至多为 $\\tfrac1{16}$，从而 $|r| \\ge 16$。实际的因子比这些最坏情形还小，所以这里的比值是该下界的 $${overBoundTex(s)}$ 倍：第 1 层比第 3 层学得慢得多——这就是梯度消失在数值上的体现。`
        : `最坏情形的界 $|r| \\ge 16$ 要求 $|w_2 w_3| \\le 1$，而这次抽到的数并不满足（$|w_2 w_3| = ${absW2W3(s)}$）：大于 1 的权重抵消了 $\\sigma' \\le \\tfrac14$ 带来的一部分衰减，所以这里 $|r| = ${absRatioTex(s)}$${Math.abs(expected) < 16 ? "，低于 16" : ""}。`;
    return [
      `把两个梯度都写成沿链的乘积。从 $\\sigma'(z_3)$ 到输出的部分是两者共有的：`,
      ``,
      ...sharedTailTex(s.L),
      ``,
      `因此共同部分（包括 $\\sigma'(z_3)$、后面各层以及目标 $y$）在比值中约掉：`,
      ``,
      ...RATIO_FORMULA,
      ``,
      `只需要前两个单元：`,
      ``,
      ...workedTex(s),
      ``,
      bound,
      ``,
      `符号：$\\sigma' > 0$，所以比值与 $${w2w3Tex(s)}$ 同号，${
        expected < 0 ? "为负：同一个误差把 $b_3$ 和 $b_1$ 推向相反的方向。" : "为正：$b_3$ 和 $b_1$ 被推向同一个方向。"
      }`,
      ``,
      `**答案：** $\\dfrac{\\partial C/\\partial b_3}{\\partial C/\\partial b_1} = ${s.expectedTex}$`,
    ].join("\n");
  },
};
