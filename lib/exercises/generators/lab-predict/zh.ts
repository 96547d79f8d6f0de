import { SWEEP } from "@/lib/lab/experiments/rnn";
import type { ExerciseText } from "../../define";
import { letterOf } from "../../kit/choices";
import type { Drawn, MistakeId, Solution } from "./model";
import { actTex, n3, optionLines, setting } from "./tex";

const TAB: Record<Drawn["question"], string> = {
  "ratio-init": "深度与学习速度",
  "slowest-trained": "深度与学习速度",
  "rnn-scale": "RNN 随时间",
  "window-width": "爆炸窗口",
  "init-spread": "初始化",
  "jacobian-top": "雅可比谱",
  "remedy-ratio": "补救方法",
  "activations-compare": "激活函数对比",
};

const SCHEME: Record<string, string> = { small: "small（很小的高斯）", xavier: "Xavier", he: "He", normal: "N(0, 1)" };
const VARIANT: Record<string, string> = { plain: "普通（plain）", residual: "残差（residual）", batchnorm: "BatchNorm" };

function setup(d: Drawn): string {
  const s = (k: string) => setting(d, k);
  switch (d.question) {
    case "ratio-init":
      return `在 8×8 手写数字上的 sigmoid 网络，${s("hidden")} 个隐藏层、每层 ${s("width")} 个单元，Nielsen 初始化（$W \\sim N(0, 1/n_{\\text{in}})$，$b \\sim N(0, 1)$），种子 ${s("seed")}，刚初始化、未训练`;
    case "slowest-trained":
      return `在 8×8 手写数字上的 sigmoid 网络，${s("hidden")} 个隐藏层、每层 ${s("width")} 个单元，Nielsen 初始化，种子 ${s("seed")}，用小批量 SGD 训练 ${s("epochs")} 轮（批大小 ${s("batch")}，学习率取该深度的默认值）`;
    case "rnn-scale":
      return `一个普通 RNN，${s("hidden")} 个隐藏单元，激活函数 $${actTex(s("activation"))}$，运行 $T = ${s("steps")}$ 步，循环权重 $W = \\text{scale}\\cdot W_0$，其中 $W_0 \\sim N(0, 1/${s("hidden")})$，种子 ${s("seed")}`;
    case "window-width":
      return `单个 sigmoid 单元，权重 $w = ${s("w")}$，偏置 $b = 0$`;
    case "init-spread":
      return `手写数字上的网络，${s("depth")} 个隐藏层、每层 ${s("width")} 个单元，激活函数 $${actTex(s("activation"))}$，所有权重按 **${SCHEME[d.focus] ?? d.focus}** 方案抽取，偏置为 0，在 ${s("batch")} 张训练图像上测量，种子 ${s("seed")}`;
    case "jacobian-top":
      return `手写数字上的网络，${s("depth")} 个隐藏层、每层 ${s("width")} 个单元，激活函数 $${actTex(s("activation"))}$，Xavier 权重再乘以增益 ${s("gain")}，取第 ${s("image")} 张训练图像，种子 ${s("seed")}`;
    case "remedy-ratio":
      return `${s("depth")} 层、宽 ${s("width")}、激活函数 $${actTex(s("activation"))}$ 的网络的 **${VARIANT[d.focus] ?? d.focus}** 版本，数据为手写数字，$W \\sim N(0, 1/n_{\\text{in}})$，刚初始化，种子 ${s("seed")}`;
    case "activations-compare":
      return `同一个 ${s("hidden")} 个隐藏层、宽 ${s("width")} 的网络（${s("init")} 初始化，种子 ${s("seed")}），分别用四种激活函数，刚初始化`;
  }
}

function ask(d: Drawn): string {
  switch (d.question) {
    case "ratio-init":
      return `最后一个隐藏层的学习速度 $\\lVert \\partial C/\\partial b^{${setting(d, "hidden")}} \\rVert$ 是第一层 $\\lVert \\partial C/\\partial b^1 \\rVert$ 的多少倍（在前 1000 张训练图像上平均）？`;
    case "slowest-trained":
      return `训练之后，哪个隐藏层学得最慢（在前 1000 张训练图像上 $\\lVert \\partial C/\\partial b^l \\rVert$ 最小）？`;
    case "rnn-scale":
      return `当 scale 从 ${SWEEP[0]} 增大到 ${SWEEP[SWEEP.length - 1]} 时，从哪个 scale 开始 $\\lVert \\partial C/\\partial h_0 \\rVert$ 超过 100？`;
    case "window-width":
      return `使 $|w\\,\\sigma'(wx + b)| \\ge 1$ 的输入 $x$ 的区间有多宽？`;
    case "init-spread":
    case "remedy-ratio":
      return `第一个隐藏层与最后一个隐藏层梯度范数之比${d.question === "remedy-ratio" ? " $\\lVert \\partial C/\\partial W^1 \\rVert \\,/\\, \\lVert \\partial C/\\partial W^{L} \\rVert$" : " $\\lVert \\partial C/\\partial b^1 \\rVert \\,/\\, \\lVert \\partial C/\\partial b^{L} \\rVert$"} 的 $\\log_{10}$ 是多少？`;
    case "jacobian-top":
      return `各隐藏层雅可比矩阵 $J^l = \\operatorname{diag}(f'(z^l))\\,W^l$ 的乘积 $J^{${setting(d, "depth")}} \\cdots J^1$ 的最大奇异值的 $\\log_{10}$ 是多少？`;
    case "activations-compare":
      return `用哪种激活函数时，比值 $\\lVert \\partial C/\\partial b^{${setting(d, "hidden")}} \\rVert \\,/\\, \\lVert \\partial C/\\partial b^1 \\rVert$（最后一个隐藏层比第一层）最大？`;
  }
}

function measuredText(d: Drawn, s: Solution): string {
  const m = s.measured;
  switch (d.question) {
    case "ratio-init":
      return `实验室测得各层速度 ${m.map((v, i) => `$\\lVert \\partial C/\\partial b^{${i + 1}} \\rVert = ${n3(v)}$`).join("，")}，所以比值为 $${n3((m[m.length - 1] as number) / (m[0] as number))}$：每往回一层都要乘以 $(W^{l+1})^\\top$ 和 $\\sigma'(z^l) \\le \\tfrac14$。`;
    case "slowest-trained":
      return `训练后实验室测得 ${m.map((v, i) => `$\\lVert \\partial C/\\partial b^{${i + 1}} \\rVert = ${n3(v)}$`).join("，")}；最小的是第 ${s.right + 1} 层。`;
    case "rnn-scale": {
      const at = SWEEP.findIndex((_, i) => (m[i] as number) > 100);
      return at < 0
        ? `直到 scale ${SWEEP[SWEEP.length - 1]}，实验室测得的最大值只有 $${n3(Math.max(...m))}$：这里梯度从未超过 100。`
        : `实验室的扫描（步长 0.05）在 scale ${SWEEP[at]} 处首次超过 100，此时 $\\lVert \\partial C/\\partial h_0 \\rVert = ${n3(m[at] as number)}$。反向传播在 ${setting(d, "steps")} 步中每步都乘以 $W^\\top \\operatorname{diag}(f'(z_t))$，所以只有 $W$ 的最大 $|\\lambda|$ 乘以典型的 $f'$ 大于 1 时才会增长。`;
    }
    case "window-width":
      return (m[0] as number) === 0
        ? `这里 $|w| < 4$：$|w\\,\\sigma'(wx)|$ 的最大值是 $|w|/4 < 1$，所以根本没有窗口。`
        : `窗口是 $|wx + b| \\le \\ln\\!\\big(\\tfrac{|w|(1 + r)}{2} - 1\\big)$，其中 $r = \\sqrt{1 - 4/|w|}$，宽度为 $${n3(m[0] as number)}$；它在 $|w| \\approx 6.9$ 附近最宽（约 0.45），$|w|$ 更大时又变窄。`;
    case "init-spread":
    case "remedy-ratio":
      return `实验室在第一个隐藏层测得 $${n3(m[0] as number)}$，在最后一层测得 $${n3(m[1] as number)}$，所以比值的 $\\log_{10}$ 为 $${n3(Math.log10((m[0] as number) / (m[1] as number)))}$。`;
    case "jacobian-top":
      return `实验室测得最大奇异值为 $${n3(m[0] as number)}$，即 $\\log_{10} = ${n3(Math.log10(m[0] as number))}$。`;
    case "activations-compare":
      return `实验室测得的比值为 ${["\\text{sigmoid}", "\\tanh", "\\text{ReLU}", "\\text{leaky ReLU}"].map((a, i) => `$${a}: ${n3(m[i] as number)}$`).join("，")}。sigmoid 的 $\\sigma' \\le \\tfrac14$ 在每一层都会让梯度缩小。`;
  }
}

export const zh: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "预测梯度实验室会显示什么",

  prompt: (d, s) =>
    [`**先预测，再到实验室验证**（标签页：*${TAB[d.question]}*）。设置：${setup(d)}。`, ``, ask(d), ``, ...optionLines(s), `请用字母作答，然后在实验室中打开这个设置查看测量值。`].join("\n"),

  hint: (d) =>
    d.question === "window-width"
      ? `因子 $|w\\,\\sigma'(wx)|$ 最大为 $|w|/4$：先看它能否达到 1，再看 $|wx|$ 增大时 $\\sigma'$ 下降得多快。`
      : d.question === "rnn-scale"
        ? `经过 $T$ 步，梯度被 $W^\\top \\operatorname{diag}(f'(z_t))$ 乘了 $T$ 次：把 scale（约等于 $W$ 的最大 $|\\lambda|$）乘以典型的 $f'$ 与 1 比较。`
        : `反向传播在每一层都乘以 $(W^{l+1})^\\top$ 和 $f'(z^l)$：先估计每层这个乘积的典型大小，再按层数求幂。`,

  mistakes: {
    "assumed-steady": () => `以为梯度在各层之间大小不变；除非初始化与激活函数匹配，各层因子的乘积会随深度指数地偏离 1。`,
    "assumed-last": () => `选了最后一个隐藏层：梯度最先到达它，途中经过的 $\\sigma' \\le \\tfrac14$ 因子最少，所以它通常学得最快，而不是最慢。`,
    "assumed-at-one": () => `以为 scale 刚超过 1 就会爆炸：激活函数的导数 $f' \\le 1$（以及饱和）会抵消一部分增长，输入和读出层也决定了何时越过 100。`,
    "assumed-widening": () => `以为 $|w|$ 越大窗口越宽：峰值 $|w|/4$ 确实变大，但 $\\sigma'(wx)$ 在 $x$ 方向上衰减得快 $|w|$ 倍，所以宽度先增大（在 $|w| \\approx 6.9$ 附近约 0.45）后减小。`,
    "assumed-relu": () => `选了 ReLU：它在激活区的导数为 1，不会像 $\\sigma' \\le \\tfrac14$ 那样逐层缩小梯度。`,
  },

  solution: (d, s) => [measuredText(d, s), ``, `**答案：** $${s.expectedTex}$（$${s.options[s.right]}$；选项 ${letterOf(s.right)}）`].join("\n"),
};
