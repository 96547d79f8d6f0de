import type { ExerciseText } from "../../define";
import type { Drawn, MistakeId, Solution } from "./model";
import { countLines, inactiveSetTex, inactiveZs, layerLines, rowTerms, upstreamLines, upstreamList, WEIGHT_GRAD_LINES, zTable } from "./tex";

/** 一个输入为什么判断不了单元是否死亡：ReLU 笔记要讲清的区别。 */
const DEAD_VS_INACTIVE = `**未激活不等于死亡。** 这些单元只是对*这个*输入处于关闭状态；换一个输入可能得到 $z_i > 0$，那时它们又会传递梯度、继续学习。只有当*所有*输入都给出 $z_i \\le 0$ 时（通常是一次过大的更新把 $b_i$ 推到很负的位置），单元才算**死亡**：它的权重和偏置再也收不到梯度，无法自行恢复。要下这个结论必须看全部输入，只看一个是不够的。`;

export const zh: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "未激活的 ReLU 单元及其零梯度",

  prompt: (d, s) => {
    const { n } = s;
    const lines = [`一层 ReLU 单元：`, ``, ...layerLines(d), ``];
    if (s.mode === "dead") {
      lines.push(
        `哪些单元**对这个输入未激活**，即输出 $h_i = 0$？请给出它们的下标集合 $i \\in \\{1, \\dots, ${n}\\}$，用逗号分隔（例如 \`1, 3\`）。`,
      );
    } else {
      lines.push(
        `从下一层传回的梯度为`,
        ``,
        ...upstreamLines(d),
        ``,
        `取 $\\operatorname{relu}'(0) = 0$。$\\partial C / \\partial W$ 的元素（每个权重 $W_{ij}$ 对应一个）中，有多少个**恰好为零**？请填一个整数。`,
      );
    }
    return lines.join("\n");
  },

  hint: (d, s) => {
    const first = `把每个预激活值完整算出来，别漏掉偏置，例如 $z_1 = \\sum_j W_{1j} x_j + b_1 = ${rowTerms(d, 0)}$。若 $z_i \\le 0$，该单元对这个输入未激活（此时 $h_i = 0$）。`;
    return s.mode === "dead"
      ? `${first}要列出的是未激活的单元，不是激活的单元。`
      : `${first}然后用 $\\partial C/\\partial W_{ij} = (\\partial C/\\partial h_i)\\,\\operatorname{relu}'(z_i)\\,x_j$：一个未激活的单元会让它的整**行**（${s.dim} 个元素）都为零。`;
  },

  mistakes: {
    "listed-active": () =>
      `列出的是**激活**的单元（$z_i > 0$，$\\operatorname{relu}(z_i) = z_i > 0$）；未激活的是 $z_i \\le 0$ 的单元，它们的输出恰好为 0。`,
    "bias-only": () =>
      `只看了偏置（$b_i < 0$ 的单元）：单元是否未激活取决于完整的预激活值 $z_i = \\sum_j W_{ij} x_j + b_i$。`,
    "forgot-bias": (_d, s) =>
      s.mode === "dead"
        ? `漏掉了偏置：用的是 $\\sum_j W_{ij} x_j$，而不是 $z_i = \\sum_j W_{ij} x_j + b_i$。`
        : `判断哪些单元未激活时漏掉了偏置：应该用 $z_i = \\sum_j W_{ij} x_j + b_i$，而不是 $\\sum_j W_{ij} x_j$。`,
    "dead-count-only": (_d, s) =>
      `数的是未激活单元的个数，而不是权重梯度的个数：每个对这个输入未激活的单元都会让整行 $\\partial C/\\partial W_{i1}, \\dots, \\partial C/\\partial W_{i${s.dim}}$ 为零，也就是 ${s.dim} 个元素。`,
    "counted-nonzero": (_d, s) => `数成了**非零**元素（${s.alive.length} 个激活单元所在的行），而题目问的是为零的元素。`,
  },

  solution: (d, s) => {
    const { dim, expectedTex } = s;
    const k = s.dead.length;
    const lines = [
      `若 $z_i \\le 0$，单元对这个输入就是未激活的：此时 $h_i = \\max(0, z_i) = 0$，且 $\\operatorname{relu}'(z_i) = 0$。逐个计算预激活值：`,
      ``,
      ...zTable(d, s, "（未激活）"),
      ``,
    ];
    if (s.mode === "dead") {
      lines.push(
        `满足 $z_i \\le 0$ 的单元：${inactiveZs(s, "，")}。${k === 1 ? "它输出 0，而且对这个输入不会把梯度传回它的权重。" : "它们输出 0，而且对这个输入不会把梯度传回各自的权重。"}`,
        ``,
        ``,
        DEAD_VS_INACTIVE,
        ``,
        `**答案：** $${expectedTex}$`,
      );
    } else {
      lines.push(
        `沿 $z_i$ 应用链式法则，`,
        ``,
        ...WEIGHT_GRAD_LINES,
        ``,
        `这里每个 $\\partial C/\\partial h_i$ 都不为零（${upstreamList(d, "，")}），每个 $x_j$ 也不为零，所以一个元素为零当且仅当 $\\operatorname{relu}'(z_i) = 0$，也就是未激活单元的整行。未激活的单元是 $${inactiveSetTex(s)}$：${k === 1 ? `1 行，共 ${dim} 个元素` : `${k} 行，每行 ${dim} 个元素`}（其余 ${s.alive.length} 行全不为零）：`,
        ``,
        ...countLines(s),
        ``,
        DEAD_VS_INACTIVE,
        ``,
        `**答案：** $${expectedTex}$`,
      );
    }
    return lines.join("\n");
  },
};
