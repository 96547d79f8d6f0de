import type { ExerciseText } from "../../define";
import { HE_TANH_CHI, HE_TANH_SETTLED_VAR, layerOf, type LayerSolution, type Letter, type MistakeId, type Drawn, type Solution, whichOf, type WhichActivation, type WhichSolution } from "./model";
import { ACTIVATION_FORMULA, chiBlock, heTanhGrowthTex, layerTex, OPTION_TEX, optionLines, reluHalvingTex, reluStandardNormalChi, standardNormalChiTex, whichDisplay } from "./tex";

const OPTION_TEXT: Record<Letter, string> = {
  A: `Xavier/Glorot：${OPTION_TEX.A}`,
  B: `He/Kaiming：${OPTION_TEX.B}`,
  C: `直接用标准正态 $\\mathcal N(0, 1)$：${OPTION_TEX.C}`,
};

const ACTIVATION_NAME: Record<WhichActivation, string> = {
  relu: "ReLU",
  leaky_relu: "Leaky ReLU（$z < 0$ 时斜率为 0.01）",
  tanh: "tanh",
};

function whichPrompt(s: WhichSolution): string {
  const { activation, width, depth } = s.draw;
  const act = s.byFormula ? `激活函数为 $${ACTIVATION_FORMULA[activation]}$` : `激活函数为 ${ACTIVATION_NAME[activation]}`;
  return [
    `一个朴素的 MLP（没有批归一化，也没有捷径连接）有 ${depth} 个隐藏层，每层宽度 $n = ${width}$，${act}。偏置初始化为 0，权重从 $\\mathcal N(0, \\operatorname{Var}(w))$ 中采样。`,
    ``,
    `反向传播每经过一层，梯度的方差平均要乘上一个**逐层增益**`,
    ``,
    ...chiBlock(),
    ``,
    `哪一种权重方差能让深层中的 $\\chi$ 保持为 1（或趋向 1），使梯度既不随深度按几何级数消失，也不按几何级数爆炸？`,
    ``,
    ...optionLines(OPTION_TEXT),
    `请用字母作答。`,
  ].join("\n");
}

function whichSolution(s: WhichSolution): string {
  const { activation, width, depth } = s.draw;
  const reluLine =
    activation === "leaky_relu"
      ? `斜率为 0.01 的 Leaky ReLU 在实际效果上与 ReLU 无异：$z > 0$ 时 $f'(z)$ 为 1，$z < 0$ 时为 0.01，所以 $\\mathbb E[f'(z)^2] = \\tfrac12(1 + 0.01^2) \\approx \\tfrac12$（精确的 He 增益是 $2/(1+0.01^2)$）。`
      : `对于对称分布的 $z$，ReLU 在正半边的斜率为 1，在负半边为 0：无论 $\\operatorname{Var}(z)$ 是多少，都有 $\\mathbb E[\\operatorname{relu}'(z)^2] = \\tfrac12$。`;
  const before =
    s.relu
      ? reluLine
      : `tanh 在 0 附近是线性的，斜率 $\\tanh'(0) = 1$，所以只要预激活值较小，就有 $\\mathbb E[\\tanh'(z)^2] \\approx 1$，$\\chi \\approx n\\operatorname{Var}(w)$。让前向条件 $n_\\text{in}\\operatorname{Var}(w) = 1$ 与反向条件 $n_\\text{out}\\operatorname{Var}(w) = 1$ 尽量同时成立，就得到 Xavier：`;
  const after = s.relu
    ? [`前向传播得出同样的结论：$\\mathbb E[\\operatorname{relu}(z)^2] = \\tfrac12\\operatorname{Var}(z)$，所以同一个因子 2 也让激活值的方差保持不变。若用 Xavier（这里 $n_\\text{in} = n_\\text{out} = ${width}$，它的方差 $= 1/n$），则 $\\chi = \\tfrac12$，经过 ${depth} 层后梯度的方差被除以 $${reluHalvingTex(depth)}$。若用 $\\mathcal N(0,1)$，则每层 $\\chi = n/2 = ${reluStandardNormalChi(width)}$。`]
    : [
        `由于 $\\tanh^2(z) < z^2$，前向方差随后会缓慢地趋向 0（经过 $l$ 层后约为 $1/(2l)$），单元越来越深入线性区，$\\chi$ 从下方逐渐升向 1（对单位方差的输入，第 10 层约为 0.90，第 30 层约为 0.97）：既没有几何级数式的消失，也没有几何级数式的爆炸。`,
        ``,
        `另外两个选项都不能让 $\\chi$ 保持在 1 附近。用 He 的 $2/n$ 时，由于 tanh 有界，前向方差不可能一直翻倍：它稳定在 $\\operatorname{Var}(z) \\approx ${HE_TANH_SETTLED_VAR}$ 附近，此时 $\\chi = 2\\,\\mathbb E[\\tanh'(z)^2] \\approx ${HE_TANH_CHI}$，所以经过 ${depth} 层，梯度会**增大**约 $${HE_TANH_CHI}^{${depth}} \\approx ${heTanhGrowthTex(depth)}$ 倍。用 $\\mathcal N(0,1)$ 时，预激活值的方差 $\\approx n = ${width}$，几乎所有单元都已饱和，但每层仍有 $\\chi = n\\,\\mathbb E[\\tanh'(z)^2] \\approx \\tfrac43\\sqrt{n/2\\pi} \\approx ${standardNormalChiTex(width)}$：梯度**爆炸**。`,
      ];
  const body = [before, ``, ...whichDisplay(s), ``, ...after];
  return [
    `对 $\\delta^{l-1}_j = f'(z^{l-1}_j)\\sum_i W_{ij}\\,\\delta^l_i$，若权重相互独立且均值为零，则 $\\operatorname{Var}(\\delta^{l-1}) = n\\operatorname{Var}(w)\\,\\mathbb E[f'(z)^2]\\operatorname{Var}(\\delta^l) = \\chi\\operatorname{Var}(\\delta^l)$。关键在于激活函数会让 $\\mathbb E[f'(z)^2]$ 变成多少。${
      s.byFormula ? `题中给出的函数就是 **${ACTIVATION_NAME[activation]}**。` : ""
    }`,
    ``,
    ...body,
    ``,
    `**答案：** $${s.expectedTex}$（${s.relu ? "He/Kaiming" : "Xavier/Glorot"}）。`,
  ].join("\n");
}

function layerPrompt(s: LayerSolution): string {
  const { nIn, nOut, draw: d } = s;
  const xavier = s.mode === "xavier";
  const unit = xavier ? "tanh" : "ReLU";
  const scheme = xavier
    ? "**Xavier/Glorot** 正态初始化"
    : "扇入（fan-in）模式的 **He/Kaiming** 正态初始化（它保持前向激活值的方差不变）";
  const layer =
    d.layer === "dense"
      ? `一个激活函数为 ${unit} 的全连接层把 $n_\\text{in} = ${nIn}$ 个输入映射为 $n_\\text{out} = ${nOut}$ 个输出。`
      : `一个 ${d.k}×${d.k} 卷积层（激活函数为 ${unit}）把 $C_\\text{in} = ${d.cIn}$ 个输入通道映射为 $C_\\text{out} = ${d.cOut}$ 个输出通道。`;
  return [
    layer,
    `它的权重采用${scheme}：$w \\sim \\mathcal N(0, \\operatorname{Var}(w))$。`,
    ``,
    `$\\operatorname{Var}(w)$ 是多少（问的是方差，不是标准差）？请填一个数（4 位有效数字即可）。`,
  ].join("\n");
}

function layerSolution(s: LayerSolution): string {
  const { fans, formula, std } = layerTex(s);
  const xavier = s.mode === "xavier";
  return [
    ...(fans.length ? [`$k\\times k$ 卷积的每个输出都要对每个输入通道上的一个 $k\\times k$ 窗口求和，所以扇入和扇出都要算上卷积核的面积：`, ``, ...fans, ``] : []),
    xavier
      ? `Xavier 取扇入与扇出的平均值，让前向条件 $n_\\text{in}\\operatorname{Var}(w) = 1$ 和反向条件 $n_\\text{out}\\operatorname{Var}(w) = 1$ 尽量同时成立：`
      : `对称分布的预激活值有一半为负，ReLU 把这一半置零，所以 $\\mathbb E[a^2] = \\tfrac12\\operatorname{Var}(z)$，$\\operatorname{Var}(z^{(l+1)}) = \\tfrac12 n_\\text{in}\\operatorname{Var}(w)\\operatorname{Var}(z^{(l)})$。要让它逐层保持不变，就需要因子 2：`,
    ``,
    ...formula,
    ``,
    xavier
      ? `对应的标准差为 $${std}$；题目问的是方差。`
      : `对应的标准差为 $${std}$；在扇入模式下，$n_\\text{out} = ${s.nOut}$ 不起作用。`,
    ``,
    `**答案：** $\\operatorname{Var}(w) = ${s.expectedTex}$`,
  ].join("\n");
}

function layerHint(s: LayerSolution): string {
  return (
    (s.draw.layer === "conv" ? `先算扇入扇出：卷积层的扇入扇出要算上卷积核面积，$n_\\text{in} = C_\\text{in}k^2 = ${s.nIn}$。` : "") +
    (s.mode === "xavier"
      ? `Xavier 同时用到扇入和扇出，即 $n_\\text{in} + n_\\text{out}$，分子是 2；另外，题目问的是方差，不是标准差。`
      : `He 初始化（扇入模式）只用 $n_\\text{in}$，针对 ReLU 分子取 2；另外，题目问的是方差，不是标准差。`)
  );
}

export const zh: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "初始化方差：Xavier 与 He",

  prompt: (_d, s) => (s.mode === "which" ? whichPrompt(s) : layerPrompt(s)),

  hint: (_d, s) =>
    s.mode === "which"
      ? `先想清楚激活函数的斜率会让 $\\mathbb E[f'(z)^2]$ 变成多少：对零均值的输入，斜率是在一半取值上为 0（像 ReLU），还是在 0 附近约为 1（像 tanh）？然后选出使 $\\chi = n\\operatorname{Var}(w)\\,\\mathbb E[f'(z)^2] = 1$ 的 $\\operatorname{Var}(w)$。`
      : layerHint(s),

  mistakes: {
    lecun: (_d, s) =>
      layerOf(s).mode === "xavier"
        ? `$1/n_\\text{in}$（LeCun 初始化）只保持前向方差；Xavier 取扇入与扇出的平均：$2/(n_\\text{in} + n_\\text{out})$。`
        : `$1/n_\\text{in}$ 忽略了 ReLU 会把一半输入置零，因而 $\\mathbb E[a^2] = \\tfrac12\\operatorname{Var}(z)$：激活值的方差会每层减半。He 初始化把它加倍：$2/n_\\text{in}$。`,
    "he-instead": () => `$2/n_\\text{in}$ 是 He/Kaiming 初始化，用于 ReLU 单元，其中的因子 2 是为了补偿 ReLU 把一半输入置零。`,
    "missing-two": () =>
      `漏掉了 2：Xavier 取的是前向与反向两个条件的*平均*，$\\operatorname{Var}(w) = 1/\\tfrac{n_\\text{in}+n_\\text{out}}{2} = 2/(n_\\text{in}+n_\\text{out})$。`,
    "std-not-variance": (_d, s) =>
      layerOf(s).mode === "xavier"
        ? `这是标准差 $\\sqrt{2/(n_\\text{in}+n_\\text{out})}$；题目问的是方差。`
        : `这是标准差 $\\sqrt{2/n_\\text{in}}$；题目问的是方差。`,
    "xavier-instead": () =>
      `$2/(n_\\text{in}+n_\\text{out})$ 是 Xavier/Glorot 初始化，是针对 tanh 这类单元推导的；扇入模式下的 He 初始化只用 $n_\\text{in}$：$2/n_\\text{in}$。`,
    "fan-out": () => `用了扇出：要保持*前向*激活值的方差（扇入模式），应除以每个单元求和的输入个数 $n_\\text{in}$。`,
    "forgot-kernel": () =>
      `只用了通道数；$k\\times k$ 卷积的每个输出要对 $C_\\text{in} k^2$ 个输入求和，所以扇入和扇出分别是 $n_\\text{in} = C_\\text{in}k^2$ 和 $n_\\text{out} = C_\\text{out}k^2$。`,
    "xavier-for-relu": (_d, s) => {
      const { activation, depth } = whichOf(s).draw;
      return `Xavier（对输入输出宽度相同的层，其方差 $= 1/n$）是针对在 0 附近斜率为 1 的单元推导的。${activation === "relu" ? "ReLU 在负半边输入上的斜率为 0" : "Leaky ReLU 在负半边输入上的斜率只有 0.01"}，所以 $\\mathbb E[f'(z)^2] \\approx \\tfrac12$，$\\chi = n\\operatorname{Var}(w)\\cdot\\tfrac12 \\approx \\tfrac12$：梯度的方差每层减半（经过 ${depth} 层后乘上因子 $2^{-${depth}}$），激活值的方差也一样。He 初始化把权重方差加倍：$2/n_\\text{in}$。`;
    },
    "standard-normal": (_d, s) => {
      const w = whichOf(s);
      const { width } = w.draw;
      return w.relu
        ? `取 $\\operatorname{Var}(w) = 1$ 时，$\\chi = n\\cdot\\tfrac12 = ${reluStandardNormalChi(width)}$：每一层都把梯度的方差（以及激活值的方差）放大约 ${reluStandardNormalChi(width)} 倍，两者都会爆炸。方差必须按 $1/n_\\text{in}$ 缩放。`
        : `取 $\\operatorname{Var}(w) = 1$ 时，预激活值的方差约为 $n = ${width}$，几乎所有单元都饱和在 $\\pm 1$。少数靠近 0 的单元仍能传递梯度，而每个梯度分量都是 ${width} 个方差为 1 的权重项之和：每层 $\\chi = n\\,\\mathbb E[\\tanh'(z)^2] \\approx \\tfrac43\\sqrt{n/2\\pi} \\approx ${standardNormalChiTex(width)}$，所以梯度**爆炸**。方差必须按 $1/n_\\text{in}$ 缩放。`;
    },
    "he-for-tanh": (_d, s) => {
      const { depth } = whichOf(s).draw;
      return `He 初始化中的因子 2 是为了补偿 ReLU 关掉一半单元；tanh 不会关掉任何单元。取 $\\operatorname{Var}(w) = 2/n$ 时，前向方差不可能一直翻倍（tanh 有界）：它稳定在 $\\operatorname{Var}(z) \\approx ${HE_TANH_SETTLED_VAR}$ 附近，此时 $2\\,\\mathbb E[\\tanh'(z)^2] = \\chi \\approx ${HE_TANH_CHI}$。所以梯度不会消失，反而每层**增大**约 ${HE_TANH_CHI} 倍，经过 ${depth} 层累计 $\\approx ${heTanhGrowthTex(depth)}$ 倍。Xavier 的 $2/(n_\\text{in}+n_\\text{out})$ 才使 $\\chi \\to 1$。`;
    },
  },

  solution: (_d, s) => (s.mode === "which" ? whichSolution(s) : layerSolution(s)),
};
