import type { ExerciseText } from "../../define";
import { asClassify, asLayer, type Drawn, type MistakeId, type Solution } from "./model";
import {
  chainRuleTex,
  classifyMatrixTex,
  derivativeLines,
  entryOrderTex,
  fTex,
  jacobianValueTex,
  layerNumbersTex,
  layerTex,
  n4,
  n5,
  powerTable,
  preActivationLines,
  primeRule,
  spectrumBlocks,
  zListTex,
} from "./tex";

const CLASS_NAME = { A: "梯度消失", B: "梯度爆炸", C: "两者都不是" } as const;

export const zh: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "层的雅可比矩阵及其谱半径",

  prompt: (d, s) => {
    if (d.mode === "classify") {
      return [
        `在循环神经网络中，梯度要沿 $K$ 个时间步往回传。假设每一步的雅可比矩阵 $\\partial h_t / \\partial h_{t-1}$ 都是同一个矩阵`,
        ``,
        `$$`,
        classifyMatrixTex(d),
        `$$`,
        ``,
        `于是 $\\partial h_K / \\partial h_0 = J^K$。当 $K \\to \\infty$ 时，$\\lVert J^K \\rVert$ 会怎样？（对任何矩阵，下面恰好有一项成立。）`,
        ``,
        `**A.** 梯度消失：$\\lVert J^K \\rVert \\to 0$。`,
        ``,
        `**B.** 梯度爆炸：$\\lVert J^K \\rVert \\to \\infty$。`,
        ``,
        `**C.** 两者都不是：$\\lVert J^K \\rVert$ 保持有界，且不趋于 0。`,
        ``,
        `请填一个字母。`,
      ].join("\n");
    }
    if (s.mode !== "jacobian") throw new Error("jacobian-spectral: mode mismatch");
    const n = d.W.length;
    return [
      `一个有 ${n} 个单元的层按下式计算：`,
      ``,
      `$$`,
      layerTex(d),
      `$$`,
      ``,
      `其中`,
      ``,
      `$$`,
      layerNumbersTex(d),
      `$$`,
      ``,
      ...(d.difficulty === 1 ? [`（对这个输入，预激活值为 $z = ${zListTex(s)}$。）`, ``] : []),
      `在这个输入处，雅可比矩阵 $J = \\dfrac{\\partial h}{\\partial h_{\\text{prev}}}$（即 $J_{ij} = \\partial h_i / \\partial h_{\\text{prev},j}$ 的 ${n}×${n} 矩阵）是多少？请**按行**给出它的 ${n * n} 个元素，用逗号分隔：$${entryOrderTex(d)}$（4 位有效数字即可）。`,
    ].join("\n");
  },

  hint: (d, s) => {
    if (s.mode === "classify") {
      return `决定 $J^K$ 长期行为的是特征值的最大**模** $\\rho(J) = \\max_i |\\lambda_i|$，而不是 $\\lVert J \\rVert_2$，也不是单个元素的大小。由 $\\lambda^2 - (\\operatorname{tr} J)\\lambda + \\det J = 0$ 求特征值，其中 $\\operatorname{tr} J = ${n5(s.tr)}$（若是一对共轭复特征值，则 $|\\lambda| = \\sqrt{\\det J}$）。`;
    }
    const l = asLayer(d);
    return `${l.difficulty === 1 ? "" : `先算出 $z = W h_{\\text{prev}} + b = ${zListTex(s)}$。`}单元 $i$ 只通过 $z_i$ 依赖 $h_{\\text{prev}}$，所以 $J$ 的第 $i$ 行就是 $W$ 的第 $i$ 行乘以 $${fTex(l)}'(z_i)$（用的是导数：$${primeRule(l.activation)}$），元素按行排列：$J_{11}, J_{12}, \\dots$`;
  },

  mistakes: {
    transposed: (d) => {
      const F = fTex(asLayer(d));
      return `转置了：写成了 $\\bigl(\\operatorname{diag}(${F}'(z))\\,W\\bigr)^\\top$。$J$ 的第 $i$ 行对应单元 $i$ 的输出，$J_{ij} = \\partial h_i/\\partial h_{\\text{prev},j} = ${F}'(z_i)\\,W_{ij}$。`;
    },
    "forgot-diag": (d) => {
      const F = fTex(asLayer(d));
      return `忘了激活函数：$J = W$ 只是线性部分 $z$ 的雅可比矩阵；$h = ${F}(z)$ 还要把第 $i$ 行乘以 $${F}'(z_i)$。`;
    },
    "right-multiplied": (d) => {
      const F = fTex(asLayer(d));
      return `乘错了边：$W\\,\\operatorname{diag}(${F}'(z))$ 是把**列**乘以 $${F}'(z_j)$；而单元 $i$ 的导数缩放的是第 $i$ **行**：$\\operatorname{diag}(${F}'(z))\\,W$。`;
    },
    "used-f": (d) => {
      const l = asLayer(d);
      const F = fTex(l);
      return `用了 $${F}(z_i)$ 本身，而不是它的导数 $${F}'(z_i)$：链式法则需要的是 $${primeRule(l.activation)}$。`;
    },
    "spectral-norm": (_d, s) => {
      const { norm, rho } = asClassify(s);
      return `按 $\\lVert J \\rVert_2 = ${n4(norm)}$ 来判断了：单个因子的范数只给出上界 $\\lVert J^K \\rVert \\le \\lVert J \\rVert_2^K$，长期的增长率是 $\\rho(J) = ${n4(rho)}$。`;
    },
    "entries-below-one": (_d, s) => {
      const { entriesBelowOne, rho } = asClassify(s);
      return entriesBelowOne
        ? `以为所有元素的绝对值都小于 1 就意味着梯度消失：矩阵相乘时各元素会混合（行乘列再相加），起决定作用的是 $\\rho(J) = ${n4(rho)}$。`
        : `以为有元素的绝对值 $\\ge 1$ 就意味着梯度爆炸：单个元素说明不了问题，起决定作用的是 $\\rho(J) = ${n4(rho)}$。`;
    },
    "signed-eigenvalue": (_d, s) => {
      const { maxRe, rho } = asClassify(s);
      return `拿最大特征值的实部（$${n4(maxRe)}$）和 1 比较，而没有用它的模：负的或复的特征值每一步都按 $|\\lambda|$ 使 $J^K$ 缩小或放大，而 $\\rho(J) = \\max_i |\\lambda_i| = ${n4(rho)}$。`;
    },
    "swapped-classes": () =>
      `把两种情形弄反了：$\\rho(J) < 1$ 表示每一步都使反向传播的梯度缩小（梯度消失），$\\rho(J) > 1$ 表示梯度增大（梯度爆炸）。`,
  },

  solution: (d, s) => {
    if (d.mode === "classify") {
      const c = asClassify(s);
      const { rho, norm, expected } = c;
      const verdict =
        expected === "A"
          ? `$\\rho(J) = ${n4(rho)} < 1$：$\\lVert J^K \\rVert$ 按 $${n4(rho)}^K$ 的速度衰减，即**梯度消失**。`
          : expected === "B"
            ? `$\\rho(J) = ${n4(rho)} > 1$：$\\lVert J^K \\rVert$ 按 $${n4(rho)}^K$ 的速度增长，即**梯度爆炸**。`
            : `$\\rho(J)$ 恰好等于 1${c.disc < 0 ? `（$\\det J = 1$：两个特征值都在单位圆上）` : ""}，而且两个特征值互不相同：$\\lVert J^K \\rVert$ 保持有界，也不会低于 $\\rho(J)^K = 1$，所以**两者都不是**。`;
      const trap = c.stretches
        ? `注意 $\\lVert J \\rVert_2 = ${n4(norm)} > 1$：单独一步可以拉长某些方向，${expected === "A" ? "前几次幂甚至可能变大，但这不会持续" : "但这种拉伸不会累积"}；对非正规矩阵 $J$，上界 $\\lVert J^K \\rVert \\le \\lVert J \\rVert_2^K$ 远不是紧的。`
        : "";
      return [
        `$\\lVert J^K \\rVert$ 的长期增长率是谱半径：$\\lVert J^K \\rVert^{1/K} \\to \\rho(J) = \\max_i |\\lambda_i|$。对 2×2 矩阵，特征值满足 $\\lambda^2 - (\\operatorname{tr} J)\\,\\lambda + \\det J = 0$：`,
        ``,
        ...spectrumBlocks(d, c),
        ``,
        c.disc < 0
          ? `（一对共轭复特征值：$|\\lambda|^2 = \\det J$，所以 $\\rho(J) = \\sqrt{\\det J} = \\sqrt{${n5(c.det)}}$。）`
          : `（实特征值：$\\rho(J)$ 取 $|\\lambda_i|$ 中较大的一个。）`,
        ``,
        `作为对比，谱范数（最大奇异值）是 $\\lVert J \\rVert_2 = ${n4(norm)}$。各次幂的实际范数如下（前几项可能与长期趋势相反；题目问的是极限）：`,
        ``,
        ...powerTable(c),
        ``,
        `${verdict}${trap}`,
        ``,
        `**答案：** $${c.expectedTex}$（${CLASS_NAME[expected]}）`,
      ].join("\n");
    }
    if (s.mode !== "jacobian") throw new Error("jacobian-spectral: mode mismatch");
    const n = d.W.length;
    return [
      `单元 $i$ 只通过 $z_i = \\sum_j W_{ij} h_{\\text{prev},j} + b_i$ 依赖 $h_{\\text{prev}}$，所以由链式法则`,
      ``,
      `$$`,
      chainRuleTex(d),
      `$$`,
      ``,
      `**预激活值：**`,
      ``,
      ...preActivationLines(d, s),
      ``,
      `**导数：**`,
      ``,
      ...derivativeLines(d, s),
      ``,
      `**雅可比矩阵：**把 $W$ 的第 $i$ 行乘以 $${fTex(d)}'(z_i)$：`,
      ``,
      `$$`,
      jacobianValueTex(d, s),
      `$$`,
      ``,
      `（它的谱范数是 $\\lVert J \\rVert_2 = ${n4(s.norm)}$${
        s.norm < 1 ? `：这一层会使每个反向传播的梯度缩小。` : `：反向传播的梯度在某些方向上经过这一层会增大。`
      }）`,
      ``,
      `按行排列，共 ${n * n} 个元素：`,
      ``,
      `**答案：** $${s.expectedTex}$`,
    ].join("\n");
  },
};
