import type { ExerciseText } from "../../define";
import { actTex, chainTable, primeRuleTex } from "../../kit/chain";
import { texDrawn, texNum } from "../../kit/tex";
import type { Drawn, MistakeId, Solution } from "./model";
import { chainDefinition, forwardRows, gradientFormula, n4, n5, productLine } from "./tex";


export const zh: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "单神经元链中第一个偏置的梯度",

  prompt: (d, s) => {
    const { L } = s;
    const F = actTex(d.activation);
    return [
      `一条由 $L = ${L}$ 个神经元组成的链，每层一个神经元，激活函数为 $f = ${F}$：`,
      ``,
      ...chainDefinition(d, s),
      ``,
      ...chainTable(d),
      ``,
      `输入 $x = ${texDrawn(d.x)}$，目标 $y = ${texDrawn(d.y)}$。`,
      ``,
      `代价对**第一个**偏置的梯度 $\\dfrac{\\partial C}{\\partial b_1}$ 是多少？请填一个数（4 位有效数字即可，也可以用 \`1.234e-5\` 这样的科学计数法）。`,
    ].join("\n");
  },

  hint: (d, s) => {
    const { L } = s;
    const F = actTex(d.activation);
    return `从输出往回算：$\\partial C/\\partial a_{${L}} = a_{${L}} - y = ${n5(s.residual)}$；每一层 $j$ 贡献一个 $${F}'(z_j)$，再乘上把 $a_j$ 传到下一层的权重 $w_{j+1}$。先核对第 1 层：$z_1 = ${n5(s.trace.z[0] as number)}$，$${F}'(z_1) = ${n5(s.trace.fp[0] as number)}$，而 $\\partial z_1/\\partial b_1 = 1$（没有 $w_1$）。一共恰好需要 ${L - 1} 个权重：$w_2$ 到 $w_{${L}}$。`;
  },

  mistakes: {
    "sigma-not-prime": (d) =>
      d.activation === "relu"
        ? `用了 $\\operatorname{relu}(z_j) = z_j$，而不是它的导数 $\\operatorname{relu}'(z_j) = 1$（这里每个 $z_j > 0$）。`
        : `用了 $${actTex(d.activation)}(z_j)$ 本身，而不是它的导数：链式法则需要的是 $${primeRuleTex(d.activation)}$。`,
    "dropped-cost-factor": (_d, s) => `漏掉了输出端的因子 $\\partial C/\\partial a_{${s.L}} = a_{${s.L}} - y = ${n4(s.residual)}$。`,
    "included-w1": () => `多乘了 $w_1$：$\\partial z_1/\\partial b_1 = 1$，不是 $w_1$（$w_1$ 乘的是输入 $x$，不是偏置）。`,
    "missing-factor": (d, s) =>
      `少乘了因子 $w_{${s.L}}\\,${actTex(d.activation)}'(z_{${s.L}}) = ${n4(s.factors[s.L - 1] as number)}$：从 $b_1$ 到 $C$ 的路径经过 ${s.L - 1} 个权重 $w_2, \\dots, w_{${s.L}}$，每个权重都带着所在单元的 $${actTex(d.activation)}'$。`,
    "dropped-fprime1": (d, s) =>
      `漏掉了 $${actTex(d.activation)}'(z_1) = ${n4(s.trace.fp[0] as number)}$：$b_1$ 要先经过它自己的单元才能影响后面的层，所以在第一个权重 $w_2$ 之前，乘积以 $\\partial a_1/\\partial b_1 = ${actTex(d.activation)}'(z_1)$ 开头。`,
    "sign-error": (_d, s) => `符号错了：$\\partial C/\\partial a_{${s.L}} = a_{${s.L}} - y$，不是 $y - a_{${s.L}}$。`,
  },

  solution: (d, s) => {
    const { L, trace, expected, gradL } = s;
    const F = actTex(d.activation);
    const ratio = Math.abs(expected) / Math.abs(gradL);
    const comparison =
      ratio < 1
        ? `和最后一个偏置比较：$\\partial C/\\partial b_{${L}} = ${F}'(z_{${L}})\\,(a_{${L}} - y) = ${n4(gradL)}$。所以 $|\\partial C/\\partial b_1|$ 比 $|\\partial C/\\partial b_{${L}}|$ 小约 $${texNum(1 / ratio, 3)}$ 倍：第一层学得慢这么多。梯度在往回穿过因子 $|w_j ${F}'(z_j)|${d.activation === "sigmoid" ? " \\le \\tfrac14 |w_j|" : ""}$ 时**消失**了。`
        : `和最后一个偏置比较：$\\partial C/\\partial b_{${L}} = ${F}'(z_{${L}})\\,(a_{${L}} - y) = ${n4(gradL)}$。这里 $|\\partial C/\\partial b_1|$ 反而是 $|\\partial C/\\partial b_{${L}}|$ 的约 $${texNum(ratio, 3)}$ 倍，**更大**：这次抽到的因子 $|w_j ${F}'(z_j)|$ 并不都小于 1，所以梯度没有消失${d.activation === "relu" ? "（ReLU 往回只乘上 $w_j$）" : ""}。`;
    return [
      `从 $b_1$ 到 $C$ 只有一条路径，所以链式法则就是把路径上的局部导数依次相乘：$\\partial z_1/\\partial b_1 = 1$，$\\partial a_j/\\partial z_j = ${F}'(z_j)$，$\\partial z_{j+1}/\\partial a_j = w_{j+1}$，$\\partial C/\\partial a_{${L}} = a_{${L}} - y$：`,
      ``,
      ...gradientFormula(d, s),
      ``,
      `从 $a_0 = x = ${texDrawn(d.x)}$ 做前向计算，然后每层算出一个因子：`,
      ``,
      ...forwardRows(d, s, "（没有 $w_1$）"),
      ``,
      `输出端的因子是 $a_{${L}} - y = ${n5(trace.a[L] as number)} - ${texDrawn(d.y)} = ${n5(s.residual)}$。全部相乘：`,
      ``,
      ...productLine(d, s),
      ``,
      comparison,
      ``,
      `**答案：** $\\dfrac{\\partial C}{\\partial b_1} = ${s.expectedTex}$`,
    ].join("\n");
  },
};
