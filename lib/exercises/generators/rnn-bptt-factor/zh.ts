import type { ExerciseText } from "../../define";
import { type Drawn, eigenOf, type EigenSolution, type MistakeId, scalarOf, type ScalarSolution, type Solution } from "./model";
import { absL2Tex, ACT_TEX, CHAR_POLY_TEX, chainRuleLines, eigenWorking, factorTable, firstStepTex, fmt, forwardRuleTex, forwardTable, fpFactorTex, inputsTex, matrixLines, NORM_BOUND_TEX, recurrenceLines, sMaxTex, targetTex, transientKind, trDetTex } from "./tex";

function scalarPrompt(s: ScalarSolution): string {
  const { T } = s;
  const lines = [
    `一个标量 RNN（单元的激活函数为 ${s.draw.activation === "tanh" ? "tanh" : "sigmoid"}）运行 $T = ${T}$ 步：`,
    ``,
    ...recurrenceLines(s),
    ``,
    `输入：$${inputsTex(s)}$。`,
  ];
  if (s.showForward) lines.push(``, `为方便起见，前向计算的结果如下：`, ``, ...forwardTable(s));
  lines.push(
    ``,
    `$\\dfrac{\\partial h_{${T}}}{\\partial h_0}$ 是多少？它就是 BPTT 把 $h_{${T}}$ 上的梯度传回 $h_0$ 时所乘的因子。请填一个数（4 位有效数字即可）。`,
  );
  return lines.join("\n");
}

function scalarSolution(s: ScalarSolution): string {
  const { T } = s;
  return [
    `每一步只通过 $z_t$ 依赖上一步的状态，所以由链式法则`,
    ``,
    ...chainRuleLines(s),
    ``,
    `先做前向计算（$${forwardRuleTex(s)}$），再逐步算出每一步的因子：`,
    ``,
    ...factorTable(s, "累积乘积"),
    ``,
    Math.abs(s.expected) < 1
      ? `这些因子的模平均小于 1，所以传到 $h_0$ 的梯度比 $h_{${T}}$ 上的小：这就是沿时间方向的梯度消失，序列越长，衰减按指数变得越严重。`
      : `这些因子的模平均大于 1，所以传到 $h_0$ 的梯度比 $h_{${T}}$ 上的大：这就是沿时间方向的梯度爆炸，序列越长，增长按指数变得越严重。`,
    ``,
    `**答案：** $${targetTex(T)} = ${s.expectedTex}$`,
  ].join("\n");
}

function scalarHint(s: ScalarSolution): string {
  const { f } = ACT_TEX[s.draw.activation];
  const first = firstStepTex(s);
  return `每一步贡献一个因子 $w\\,${f}'(z_t) = w\\,${fpFactorTex(s.draw.activation)}$。先核对第一个：$z_1 = ${first.z1}$，所以 $w\\,${f}'(z_1) = ${first.factor1}$。一共需要 ${s.T} 个这样的因子。`;
}

function eigenPrompt(s: EigenSolution): string {
  return [
    `一个线性化的 RNN 在每一步都把反向传播的梯度乘上循环权重矩阵（暂且忽略 $f'$），其中`,
    ``,
    ...matrixLines(s),
    ``,
    `谱半径 $\\rho(W) = \\max_i |\\lambda_i|$，即 $W$ 的特征值模的最大值，是多少？请填一个数（4 位有效数字即可）。`,
  ].join("\n");
}

function eigenSolution(s: EigenSolution): string {
  const { expected, sMax, expectedTex } = s;
  const tanhBound = `若用 tanh，每一步乘的是 $D_t W$，其中 $D_t = \\operatorname{diag}(\\tanh'(z_t))$，对角元素在 $(0, 1]$ 内。这并不能保证乘积会缩小：对非正规矩阵 $W$，$\\rho(D_t W)$ 可能超过 $\\rho(W)$，所以单靠 $\\rho$ 在这里给不出任何界。真正成立的是范数界 $${NORM_BOUND_TEX}$，因为 $\\lVert D_t\\rVert \\le 1$。`;
  const boundHere =
    sMax < 1
      ? `这里 $\\sigma_{\\max}(W) = ${sMaxTex(s)} < 1$，所以无论 $D_t$ 取什么，这些梯度至少按 $${sMaxTex(s)}^T$ 的速度消失。`
      : `这里 $\\sigma_{\\max}(W) = ${sMaxTex(s)} \\ge 1$，所以这个界排除不了增长。`;
  const meaning =
    expected > 1
      ? `**这意味着什么。** $\\rho(W) = ${expectedTex} > 1$：反复乘以 $W$（线性 RNN，或处于线性区的 tanh 单元）会沿主特征向量按 $\\rho^k$ 增长——跨越长时间间隔的梯度会**爆炸**。${tanhBound}饱和（$\\tanh' \\ll 1$）常常能抑制这种增长，但并无保证。`
      : `**这意味着什么。** $\\rho(W) = ${expectedTex} < 1$：单是反复乘以 $W$，最终就会让每个方向都按 $\\rho^k$ 缩小——在线性 RNN 中，跨越长时间间隔的梯度会**消失**。${tanhBound}${boundHere}`;
  const transient = {
    stretch: `，既大于 $\\rho$ 也大于 1，所以单独一步就能把梯度拉长至多 $\\sigma_{\\max}$ 倍，几步累积下来的放大可能超过 $\\rho^k$ 所预示的程度（非正规矩阵的瞬态增长）`,
    bounded: `，不超过 1，所以任何一步都不会拉长梯度：对每个 $k$ 都有 $\\lVert W^k\\rVert \\le \\sigma_{\\max}^k \\le 1$`,
    none: "",
  }[transientKind(s)];
  const complex = s.info.complex;
  return [
    ...eigenWorking(s, {
      intro: `对 $2\\times 2$ 矩阵，特征值满足 $${CHAR_POLY_TEX}$：`,
      pair: complex ? `判别式为负，所以特征值是一对共轭复数` : `判别式为正，所以两个特征值都是实数：`,
      rho: complex
        ? `两者的模相同，$|\\lambda|^2 = \\lambda\\bar\\lambda = \\lambda_1\\lambda_2 = \\det W$：`
        : `谱半径取两者中较大的*模*：`,
    }),
    ``,
    meaning,
    ``,
    `**注意。** 特征值描述的是长期行为：$k$ 很大时 $\\lVert W^k\\rVert \\approx \\rho^k$。对有限的步数，$W^k$ 的范数还受奇异值支配：这里 $\\sigma_{\\max}(W) = ${sMaxTex(s)}$${transient}。在真实的 RNN 中，$\\operatorname{diag}(f')$ 因子每一步都在变，所以 $\\rho(W) > 1$ 只是判断爆炸的经验法则，$\\rho(W) < 1$ 也只是判断消失的经验法则，都不是保证；只有 $\\sigma_{\\max}(W) < 1$ 才能保证梯度消失。`,
    ``,
    `**答案：** $\\rho(W) = ${expectedTex}$。`,
  ].join("\n");
}

export const zh: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "BPTT：沿时间反复相乘的因子",

  prompt: (_d, s) => (s.mode === "scalar" ? scalarPrompt(s) : eigenPrompt(s)),

  hint: (_d, s) =>
    s.mode === "eigen"
      ? `从特征多项式 $\\lambda^2 - (\\operatorname{tr} W)\\lambda + \\det W = 0$ 出发，其中 $\\operatorname{tr} W = ${trDetTex(s).tr}$，$\\det W = ${trDetTex(s).det}$。先看判别式的符号：若特征值是一对共轭复数，则 $|\\lambda| = \\sqrt{\\det W}$。`
      : scalarHint(s),

  mistakes: {
    "forgot-f-prime": (_d, s) => {
      const { draw: d, T } = scalarOf(s);
      const { f, fpTex } = ACT_TEX[d.activation];
      return `漏掉了 $${f}'$：$w^{${T}}$ 是*线性* RNN 的因子；每一步还要乘上 $${f}'(z_t) = ${fpTex}$。`;
    },
    "forgot-w": (_d, s) =>
      `漏掉了 $w$：$\\prod_t ${ACT_TEX[scalarOf(s).draw.activation].f}'(z_t)$ 少了 $\\partial z_t/\\partial h_{t-1} = w$，每一步都有一个因子 $w$。`,
    "f-instead-of-derivative": (_d, s) => {
      const { f, fpTex } = ACT_TEX[scalarOf(s).draw.activation];
      return `用了 $${f}(z_t)$（即状态 $h_t$）本身，而不是它的导数 $${f}'(z_t) = ${fpTex}$。`;
    },
    "one-factor-short": (_d, s) => {
      const { draw: d, T } = scalarOf(s);
      return `少了一步：$\\prod_{t=2}^{${T}}$ 是 $\\partial h_{${T}}/\\partial h_1$；要一直传回 $h_0$ 需要 ${T} 个因子，其中包括 $w\\,${ACT_TEX[d.activation].f}'(z_1)$。`;
    },
    "sign-error": (_d, s) => {
      const { draw: d, T } = scalarOf(s);
      return `符号错了：$${ACT_TEX[d.activation].f}' > 0$，所以每个因子的符号都与 $w = ${fmt(d.w)}$ 相同，乘积的符号与 $w^{${T}}$ 相同。`;
    },
    "largest-entry": () =>
      `这是最大的 $|W_{ij}|$；单看元素决定不了增长，决定增长的是 $W$ 的特征值（它们通过 $\\operatorname{tr} W$ 和 $\\det W$ 把四个元素综合在一起）。`,
    "singular-value": () =>
      `这是最大*奇异值* $\\sigma_{\\max}(W)$（一次乘法最多能把向量拉长的倍数），而不是在 $k$ 很大时支配 $W^k$ 的最大 $|\\lambda|$。`,
    "signed-largest": (_d, s) =>
      `取了按*正负*比较最大的特征值；支配增长的是*模*最大的特征值，而这里 $|\\lambda_2| = ${absL2Tex(eigenOf(s))} > |\\lambda_1|$。`,
    "dropped-absolute-value": () => `漏掉了绝对值：谱半径是 $|\\lambda|$，是一个非负数。`,
    "trace-half": () => `$\\operatorname{tr} W / 2$ 只是两个特征值的中点（复数时就是它们的实部），不是最大的 $|\\lambda|$。`,
    determinant: (_d, s) =>
      eigenOf(s).info.complex
        ? `对一对共轭复特征值，$\\det W = |\\lambda|^2$；还要开平方。`
        : `$\\det W = \\lambda_1\\lambda_2$ 是两个特征值的*乘积*，不是最大的模。`,
  },

  solution: (_d, s) => (s.mode === "scalar" ? scalarSolution(s) : eigenSolution(s)),
};
