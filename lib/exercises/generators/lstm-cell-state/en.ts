import type { ExerciseText } from "../../define";
import { texDrawn } from "../../kit/tex";
import { type Drawn, lstmOf, type MistakeId, rnnOf, type Solution, thresholdOf } from "./model";
import { cellChainLines, cellLines, cellRows, cellTargetTex, factorRows, fmt, fmt4, gateRows, gateTex, geoMeanTex, leaveCellLines, lstmPathLines, memoryTex, powersLines, ratioLines, rnnChainLines, rnnLines, rnnProductLines, rnnRows, rnnTargetTex, sigmoidGateLines, tauTex } from "./tex";

function prompt(s: Solution): string {
  if (s.mode === "lstm") {
    return [
      `An LSTM unit runs for $T = ${s.T}$ steps from the cell state $c_0 = ${texDrawn(s.draw.c0)}$, with`,
      ``,
      ...cellLines(),
      ``,
      `and these gate values (forget $f_t$, input $i_t$, candidate $g_t$, output $o_t$):`,
      ``,
      ...gateRows(s),
      ``,
      `Holding the gates fixed, what is $${cellTargetTex(s.T)}$, the factor by which the gradient on $c_{${s.T}}$ is multiplied along the cell state on its way back to $c_0$? Give a number (4 significant digits are enough).`,
    ].join("\n");
  }
  if (s.mode === "rnn") {
    return [
      `Compare two recurrent units over the same $T = ${s.T}$ steps. Along an LSTM's cell state each step multiplies the gradient by its forget gate $f_t$ (given below). A vanilla RNN with one tanh unit,`,
      ``,
      ...rnnLines(s),
      ``,
      `had these pre-activations $z_t$ on the same run:`,
      ``,
      ...rnnRows(s),
      ``,
      `What is $${rnnTargetTex(s.T)}$ for the **vanilla RNN**, the factor its gradient is multiplied by on the way back to $h_0$? Give a number (4 significant digits are enough).`,
    ].join("\n");
  }
  const bias = s.draw.source === "bias";
  return [
    bias
      ? `An LSTM's forget gate starts from its bias $b_f = ${texDrawn(s.draw.value)}$ with everything else feeding the gate near 0, so on every step $f = \\sigma(b_f)$ (the "initialise the forget bias to a positive value" trick). Keep at least 6 significant digits of $f$.`
      : `An LSTM's forget gate stays at $f = ${texDrawn(s.draw.value)}$ on every step.`,
    ``,
    `Going back from $c_T$ along the cell state (gates held fixed), the gradient is multiplied by $f$ once per step: $\\partial c_T/\\partial c_{T-k} = f^k$. Call the gradient vanished once it has fallen below the fraction $\\tau = ${tauTex(s.draw.tau)}$ of its value at $c_T$. After how many steps $k$ does that first happen, i.e. what is the smallest whole $k$ with $f^k < \\tau$?`,
  ].join("\n");
}

function solution(s: Solution): string {
  if (s.mode === "lstm") {
    const T = s.T;
    return [
      `With the gates held fixed, $c_t = f_t\\,c_{t-1} + i_t\\,g_t$ is linear in $c_{t-1}$ and $i_t g_t$ does not depend on it, so each step contributes only its forget gate:`,
      ``,
      ...cellChainLines(s),
      ``,
      `Forward along the cell and the running product:`,
      ``,
      ...cellRows(s),
      ``,
      `No weight and no squashing derivative sit on this path. The output gate and $\\tanh$ enter only when the gradient leaves the cell for the hidden state:`,
      ``,
      ...leaveCellLines(s),
      ``,
      `That factor belongs to $\\partial h_{${T}}/\\partial c_0$, not to $${cellTargetTex(T)}$.`,
      ``,
      `Every $f_t < 1$, so the product shrinks with each step, like $\\bar f^{\\,t}$ with the geometric mean $\\bar f = ${fmt4(s.meanGate)}$: the closer the forget gates stay to 1, the further back the gradient survives.`,
      ``,
      `**Answer:** $${cellTargetTex(T)} = ${s.expectedTex}$`,
    ].join("\n");
  }
  if (s.mode === "rnn") {
    const g = geoMeanTex(s);
    return [
      `Each step depends on the previous state only through $z_t$, so by the chain rule`,
      ``,
      ...rnnChainLines(s),
      ``,
      ...factorRows(s),
      ``,
      ...rnnProductLines(s),
      ``,
      `**Comparison.** Along the LSTM's cell state the same steps multiply the gradient by the forget gates alone:`,
      ``,
      ...lstmPathLines(s),
      ``,
      `Per step, the vanilla RNN keeps a factor of $${g.rnn}$ in size on average (geometric mean of $|w\\,\\tanh'(z_t)|$), the LSTM's cell state $${g.lstm}$. The RNN's factor carries $w$ and $\\tanh' \\le 1$ at every step, and $\\tanh'$ is small wherever a unit saturates; the forget gate is one learned number that the network can hold near 1.`,
      ``,
      `**Answer:** $${rnnTargetTex(s.T)} = ${s.expectedTex}$`,
    ].join("\n");
  }
  const m = memoryTex(s);
  return [
    ...(s.draw.source === "bias" ? [`**1. The forget gate:**`, ``, ...sigmoidGateLines(s), ``] : []),
    `**${s.draw.source === "bias" ? 2 : 1}. Take logarithms.** Both $\\ln f$ and $\\ln\\tau$ are negative, so dividing by $\\ln f$ flips the inequality:`,
    ``,
    ...ratioLines(s),
    ``,
    `The smallest whole $k$ above that is $${s.expectedTex}$. Check:`,
    ``,
    ...powersLines(s),
    ``,
    `The decay is geometric: the gradient falls to $1/e$ of its size every $-1/\\ln f = ${m.efold}$ steps${s.gate >= 0.9 ? `, close to the rule of thumb $1/(1-f) = ${m.rough}$ for a gate near 1` : ""}.`,
    ``,
    `**Answer:** $k = ${s.expectedTex}$ steps.`,
  ].join("\n");
}

export const en: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "LSTM: the gradient along the cell state",

  prompt: (_d, s) => prompt(s),

  hint: (_d, s) => {
    if (s.mode === "lstm") return `Differentiate $c_t = f_t\\,c_{t-1} + i_t\\,g_t$ with respect to $c_{t-1}$ with the gates fixed: one factor per step, from $t = 1$ to $t = ${s.T}$. The hidden state $h_t$ is not on this path.`;
    if (s.mode === "rnn") return `Each step contributes $w\\,\\tanh'(z_t) = w\\,(1 - \\tanh^2 z_t)$; check the first one: $w\\,\\tanh'(z_1) = ${fmt(s.factors[0] as number)}$. The forget gates are for the comparison only.`;
    return `The factors multiply, so the gradient after $k$ steps is $f^k$ with $f = ${gateTex(s)}$. Solve $f^k < \\tau$ with logarithms and round up to the next whole step.`;
  },

  mistakes: {
    summed: (_d, s) => `Added the forget gates. The chain rule multiplies the per-step factors: $${cellTargetTex(lstmOf(s).T)} = \\prod_t f_t$, which stays below 1.`,
    "output-gate": (_d, s) =>
      `Multiplied in $o_{${lstmOf(s).T}}\\,\\tanh'(c_{${lstmOf(s).T}}) = ${fmt(lstmOf(s).hFromC)}$. That factor takes the gradient from $c_{${lstmOf(s).T}}$ to $h_{${lstmOf(s).T}}$; it belongs to $\\partial h/\\partial c$, not to the cell-state path $${cellTargetTex(lstmOf(s).T)}$.`,
    "off-by-one": (_d, s) =>
      s.mode === "rnn"
        ? `One step short: that product starts at $t = 2$, which is $\\partial h_{${s.T}}/\\partial h_1$. Going back to $h_0$ takes all ${s.T} factors, including $w\\,\\tanh'(z_1)$.`
        : `One step short: $\\prod_{t=2}^{${lstmOf(s).T}} f_t$ is $\\partial c_{${lstmOf(s).T}}/\\partial c_1$. Going back to $c_0$ takes all ${lstmOf(s).T} forget gates, including $f_1 = ${texDrawn(lstmOf(s).draw.f[0] as number)}$.`,
    "tanh-each-step": () => `Put $\\tanh'(c_t)$ into every step, as if the cell state were squashed like a vanilla RNN's. $c_t$ is updated additively with no nonlinearity; $\\tanh$ is applied only on the way out to $h_t$.`,
    "forget-complement": () => `Used $1 - f_t$. The forget gate is the fraction of the cell state that is **kept**: $f_t$ near 1 means remember, and $\\partial c_t/\\partial c_{t-1} = f_t$.`,
    "forgot-tanh-prime": (_d, s) => `That is $w^{${rnnOf(s).T}}$, the factor of a linear RNN; each step also multiplies by $\\tanh'(z_t) = 1 - \\tanh^2 z_t$.`,
    "forgot-w": () => `Left out $w$: $\\partial z_t/\\partial h_{t-1} = w$, one factor $w$ per step.`,
    "tanh-instead-of-derivative": () => `Used $\\tanh(z_t)$, the state itself, instead of its derivative $\\tanh'(z_t) = 1 - \\tanh^2 z_t$.`,
    "answered-lstm": (_d, s) => `That is $\\prod_t f_t = ${fmt4(rnnOf(s).lstmPath)}$, the LSTM's cell-state factor, given for comparison; the question asks for the vanilla RNN's $\\prod_t w\\,\\tanh'(z_t)$.`,
    "sign-error": (_d, s) => `Sign: $\\tanh' > 0$, so every factor has the sign of $w = ${texDrawn(rnnOf(s).draw.w)}$ and the product has the sign of $w^{${rnnOf(s).T}}$.`,
    "last-above": (_d, s) =>
      `After $${thresholdOf(s).expected - 1}$ steps the gradient is still $f^{${thresholdOf(s).expected - 1}} = ${fmt4(thresholdOf(s).before)}$, not below $\\tau$; it takes one more step.`,
    "linear-decay": () => `That takes $1 - f$ away once per step, $1 - k(1-f) < \\tau$, as if the steps added up. They multiply: $f^k$ decays geometrically and takes longer to reach $\\tau$.`,
    "linearised-log": (_d, s) =>
      `Used $\\ln f \\approx -(1 - f) = ${fmt(thresholdOf(s).gate - 1)}$, which holds only for $f$ very close to 1; here $\\ln f = ${fmt(Math.log(thresholdOf(s).gate))}$.`,
  },

  solution: (_d, s) => solution(s),
};
