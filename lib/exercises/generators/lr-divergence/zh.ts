import type { ExerciseText } from "../../define";
import { divergesOf, divergesPair, type DivergesDraw, type DivergesSolution, type Drawn, type MistakeId, type Solution, thresholdForm, thresholdOf, type ThresholdDraw, type ThresholdSolution } from "./model";
import { absRSteepTex, aTex, coordinateRows, display, divergesLossTex, etaStarTex, etaVsLimitTex, type FactorCase, factorCase, factorTex, flatLimitTex, fmt, GD_TEX, growthTex, iteratesTex, limitTex, limitValueTex, oneFactorTex, oneStepTex, plainCurvatureTex, rSteepTex, STABLE_1D_TEX, STABLE_2D_TEX, thresholdLossTex } from "./tex";

/** What one factor r = 1 − ηa does to the iterates, in words. */
const BEHAVIOUR: Record<FactorCase, (r: number) => string> = {
  monotone: () => `不改变符号，逐步缩向极小点（收敛）`,
  oscillating: () => `每一步都越过极小点，符号来回翻转，但幅度在缩小（振荡并收敛）`,
  flipping: (r) => `符号翻转，且幅度每一步放大 $${factorTex(Math.abs(r))}$ 倍（发散）`,
  growing: () => `每一步都在变大（发散）`,
};

function describe(r: number): string {
  const c = factorCase(r);
  return `$${c.tex}$：${BEHAVIOUR[c.kind](r)}`;
}

function divergesPrompt(d: DivergesDraw): string {
  const start = d.form === "diag" ? `从任意满足 $w_1 \\ne 0$ 且 $w_2 \\ne 0$ 的起点出发` : `从任意起点 $w_0 \\ne 0$ 出发`;
  return [
    `用固定步长（学习率）$\\eta = ${fmt(d.eta)}$ 的梯度下降 $${GD_TEX}$ 最小化`,
    ``,
    ...display(`${divergesLossTex(d)}.`),
    ``,
    `${start}，它会发散（迭代值无界增长）吗？请回答是或否。`,
  ].join("\n");
}

function divergesSolution(d: DivergesDraw, s: DivergesSolution): string {
  const setup =
    d.form === "diag"
      ? [
          `梯度为 $(a_1 w_1,\\ a_2 w_2)$，所以各坐标互不耦合：$w_{i,t+1} = (1-\\eta a_i)\\,w_{i,t}$。`,
          ``,
          `| 坐标 | $a_i$ | $1-\\eta a_i$ | 行为 |`,
          `|---|---|---|---|`,
          ...coordinateRows(s, describe),
          ``,
          `只要有**一个**坐标发散，迭代就发散：起决定作用的是陡峭方向（曲率最大的方向）。`,
        ]
      : [
          d.form === "half"
            ? `梯度为 $f'(w) = a\\,w$，所以一步更新是 $w_{t+1} = (1-\\eta a)\\,w_t$，从而 $w_t = (1-\\eta a)^t\\,w_0$，其中`
            : `曲率是 $${plainCurvatureTex(d.c)}$（梯度是 $f'(w) = 2c\\,w$，不是 $c\\,w$）。一步更新是 $w_{t+1} = (1-\\eta a)\\,w_t$，其中`,
          ``,
          ...display(oneFactorTex(d, s)),
          ``,
          `这个因子满足 ${describe(s.factors[0] as number)}。`,
        ];
  const { expected } = s;
  return [
    ...setup,
    ``,
    `规律：在二次函数上，梯度下降稳定当且仅当对每个曲率 $a$ 都有 $|1-\\eta a| < 1$，即 $${limitTex(d, s)}$。这里 $${etaVsLimitTex(d, s)}$。沿${d.form === "diag" ? "陡峭方向" : "唯一的方向"}从 1 出发，前几个迭代值是 $${iteratesTex(s)}$，而 $${growthTex(s)}$ ${expected ? "会无界增长" : "趋于 0"}。`,
    ``,
    `**答案：** $${s.expectedTex}$，它${expected ? "发散" : "收敛"}。`,
  ].join("\n");
}

function divergesHint(d: DivergesDraw): string {
  return d.form === "plain"
    ? `先求曲率 $a = f''(w)$：对 $f = c\\,w^2$，它是 $2c$，不是 $c$。再检查是否满足 $|1-\\eta a| < 1$：这个不等式的两端都要看。`
    : d.form === "diag"
      ? `每个坐标都是一个独立的一维问题 $w_i \\leftarrow (1-\\eta a_i)\\,w_i$。对**两个**坐标都检查 $|1-\\eta a_i| < 1$，尤其是 $a_i$ 较大的那个。`
      : `把一步更新写成 $w_{t+1} = (1-\\eta a)\\,w_t$，再检查是否满足 $|1-\\eta a| < 1$。因子为负（越过极小点）本身并不等于发散。`;
}

const ASK = `请把 $\\eta^*$ 填成一个数（4 位有效数字即可）。`;
const TAIL = `采用固定步长的梯度下降 $${GD_TEX}$，恰好在 $0 < \\eta < \\eta^*$ 时能从任意起点收敛到极小点。稳定性上限 $\\eta^*$ 是多少？`;

function thresholdPrompt(d: ThresholdDraw): string {
  const intro = d.form === "diag" ? `考虑两个参数的二次损失` : `考虑二次损失`;
  return [intro, ``, ...display(thresholdLossTex(d)), ``, TAIL, ASK].join("\n");
}

function thresholdSolution(d: ThresholdDraw, s: ThresholdSolution): string {
  const { a } = s;
  const tail = [``, `**答案：** $${etaStarTex(d.form, a, s.expected)}$`];
  if (d.form === "half") {
    return [
      `梯度下降的一步是 $w_{t+1} = w_t - \\eta a\\, w_t = (1-\\eta a)\\, w_t$，所以 $w_k = (1-\\eta a)^k w_0$。它对每个 $w_0$ 都缩小到 0，当且仅当`,
      ``,
      ...display(STABLE_1D_TEX),
      ``,
      `在 $${oneStepTex(a)}$（一步正好落在极小点上）和 $2/a$ 之间，迭代会越过极小点来回振荡，但幅度仍在缩小；在 $\\eta = 2/a$ 时它们永远来回弹跳；超过这个值就会变大。`,
      ...tail,
    ].join("\n");
  }
  if (d.form === "plain") {
    return [
      `曲率是 $${plainCurvatureTex(d.c)}$（写成 $f = \\tfrac12 a w^2$ 的形式）。梯度下降的一步是 $w_{t+1} = (1-\\eta a)\\, w_t$，它对每个 $w_0$ 都缩小，当且仅当`,
      ``,
      ...display(STABLE_1D_TEX),
      ``,
      `（$${oneStepTex(a)}$ 会一步到达极小点；直到 $2/a$ 为止，迭代虽然振荡，但仍然收敛。）`,
      ...tail,
    ].join("\n");
  }
  return [
    `梯度为 $(a_1 w_1,\\ a_2 w_2)$，所以各坐标互不耦合：$w_{i,t+1} = (1-\\eta a_i)\\, w_{i,t}$。两个坐标都必须缩小，所以`,
    ``,
    ...display(STABLE_2D_TEX),
    ``,
    `上限由最陡的方向（曲率最大，即海森矩阵的最大特征值）决定；平坦方向本可以容忍 $${flatLimitTex(d)}$，但那时陡峭方向已经发散。这就是为什么病态（条件数大）的损失函数迫使我们用小步长，并让沿平坦方向的进展变得缓慢。`,
    ...tail,
  ].join("\n");
}

function thresholdHint(d: ThresholdDraw, s: ThresholdSolution): string {
  return d.form === "half"
    ? `把一步更新写成 $w_{t+1} = (1-\\eta a)\\,w_t$，再问因子何时满足 $|1-\\eta a| < 1$：这个不等式的两端都要看。`
    : d.form === "plain"
      ? `先求曲率 $a = f''(w)$：对 $f = c\\,w^2$，它是 $2c = ${fmt(s.a)}$，不是 $c$。再要求 $|1-\\eta a| < 1$。`
      : `各坐标之间互不影响：每个坐标都是一个一维问题 $w_i \\leftarrow (1-\\eta a_i)\\,w_i$。两个条件 $|1-\\eta a_i| < 1$ 中，哪一个更难满足？`;
}

export const zh: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "二次函数上的梯度下降：步长稳定还是发散",

  prompt: (d) => (d.mode === "diverges" ? divergesPrompt(d) : thresholdPrompt(d)),

  hint: (d, s) => (d.mode === "diverges" ? divergesHint(d) : thresholdHint(d, thresholdOf(s))),

  mistakes: {
    "coefficient-as-curvature": (d0, s0) => {
      if (d0.mode === "threshold") return `把系数 $c$ 当成了曲率；$f''(w) = 2c$，所以上限是 $2/(2c) = 1/c$。`;
      const [d, s] = divergesPair(d0, s0);
      if (d.form !== "plain") throw new Error("lr-divergence: coefficient-as-curvature needs f = c w²");
      const r = rSteepTex(s);
      return `把系数 $c = ${fmt(d.c)}$ 当成了曲率。对 $f = c\\,w^2$，$f'(w) = 2c\\,w$，所以每一步乘的是 $1 - 2c\\,\\eta = ${r}$，而 $|${r}| > 1$。`;
    },
    "flat-direction-only": (d0, s0) => {
      const [, s] = divergesPair(d0, s0);
      return `只检查了平坦方向。每个坐标都需要 $|1-\\eta a_i| < 1$；沿陡峭方向 $1 - \\eta a_{\\max} = ${rSteepTex(s)}$，所以这个坐标会爆炸。`;
    },
    "said-converges": (d0, s0) => {
      const [d, s] = divergesPair(d0, s0);
      const r = rSteepTex(s);
      return `每一步的因子是 $1-\\eta ${aTex(d)} = ${r}$，而 $|${r}| > 1$：$|w_t|$ 每一步都在变大。稳定需要 $\\eta < 2/${aTex(d)} = ${limitValueTex(s)}$。`;
    },
    "overshoot-is-not-divergence": (d0, s0) => {
      const [d, s] = divergesPair(d0, s0);
      return `$\\eta > 1/${aTex(d)}$ 使每一步都越过极小点（$w$ 的符号翻转），但 $|1-\\eta ${aTex(d)}| = ${absRSteepTex(s)} < 1$，所以 $|w_t|$ 仍在缩小：它振荡着收敛。`;
    },
    "said-diverges": (d0, s0) => {
      const [d, s] = divergesPair(d0, s0);
      return `每一步的因子是 $1-\\eta ${aTex(d)} = ${rSteepTex(s)}$，介于 0 和 1 之间：$w_t$ 平稳地缩向极小点。要发散需要 $\\eta > 2/${aTex(d)} = ${limitValueTex(s)}$。`;
    },
    "optimal-rate": (d) =>
      ({
        half: `$1/a$ 是一步跳到极小点的学习率；梯度下降在它的两倍以内都是稳定的，即 $\\eta < 2/a$。`,
        plain: `$1/f'' = 1/(2c)$ 是一步到达极小点的学习率；稳定性允许到它的两倍。`,
        diag: `$1/a_{\\max}$ 是一步解决陡峭方向的学习率；稳定性允许到它的两倍。`,
      })[thresholdForm(d)],
    "half-curvature": (d) =>
      ({
        half: `$a/2$ 把曲率的位置弄反了：上限是 $2/a$，不是 $a/2$。`,
        plain: `$f''/2$ 把曲率的位置弄反了：上限是 $2/f''$。`,
        diag: `$a_{\\max}/2$ 把曲率的位置弄反了：上限是 $2/a_{\\max}$。`,
      })[thresholdForm(d)],
    "double-curvature": (d) =>
      ({
        half: `$2a$ 是乘上了曲率；极小点越尖锐，需要的步长越**小**，即 $2/a$。`,
        plain: `$2f''$ 是乘上了曲率；极小点越尖锐，需要的步长越**小**。`,
        diag: `$2a_{\\max}$ 是乘上了曲率；极小点越尖锐，需要的步长越**小**。`,
      })[thresholdForm(d)],
    "flat-direction": () => `$2/a_{\\min}$ 只能保证**平坦**方向稳定；陡峭方向（$a_{\\max}$）会先发散。`,
    "mean-curvature": () => `用了平均曲率；每个方向都必须满足 $|1-\\eta a_i| < 1$，所以由最大的 $a_i$ 决定。`,
  },

  solution: (d, s) => (d.mode === "diverges" ? divergesSolution(d, divergesOf(s)) : thresholdSolution(d, thresholdOf(s))),
};
