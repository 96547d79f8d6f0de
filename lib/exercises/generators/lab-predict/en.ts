import type { ExerciseText } from "../../define";
import { letterOf } from "../../kit/choices";
import { SWEEP } from "@/lib/lab/experiments/rnn";
import type { Drawn, MistakeId, Solution } from "./model";
import { actTex, n3, optionLines, setting } from "./tex";

const TAB: Record<Drawn["question"], string> = {
  "ratio-init": "Depth and learning speed",
  "slowest-trained": "Depth and learning speed",
  "rnn-scale": "RNN through time",
  "window-width": "Exploding window",
  "init-spread": "Initialisation",
  "jacobian-top": "Jacobian spectra",
  "remedy-ratio": "Remedies",
  "activations-compare": "Activations side by side",
};

function setup(d: Drawn): string {
  const s = (k: string) => setting(d, k);
  switch (d.question) {
    case "ratio-init":
      return `a sigmoid net on the 8×8 digits with ${s("hidden")} hidden layers of ${s("width")} units, Nielsen's initialisation ($W \\sim N(0, 1/n_{\\text{in}})$, $b \\sim N(0, 1)$), seed ${s("seed")}, at initialisation (no training)`;
    case "slowest-trained":
      return `a sigmoid net on the 8×8 digits with ${s("hidden")} hidden layers of ${s("width")} units, Nielsen's initialisation, seed ${s("seed")}, trained for ${s("epochs")} epochs of minibatch SGD (batch ${s("batch")}, the tab's default learning rate for this depth)`;
    case "rnn-scale":
      return `a vanilla RNN with ${s("hidden")} hidden units and activation $${actTex(s("activation"))}$, run for $T = ${s("steps")}$ steps, recurrent weights $W = \\text{scale}\\cdot W_0$ with $W_0 \\sim N(0, 1/${s("hidden")})$, seed ${s("seed")}`;
    case "window-width":
      return `one sigmoid unit with weight $w = ${s("w")}$ and bias $b = 0$`;
    case "init-spread":
      return `a net on the digits with ${s("depth")} hidden layers of ${s("width")} units, activation $${actTex(s("activation"))}$, every weight drawn by the **${d.focus}** scheme, biases 0, measured on ${s("batch")} training images, seed ${s("seed")}`;
    case "jacobian-top":
      return `a net on the digits with ${s("depth")} hidden layers of ${s("width")} units, activation $${actTex(s("activation"))}$, Xavier weights times a gain of ${s("gain")}, at training image ${s("image")}, seed ${s("seed")}`;
    case "remedy-ratio":
      return `the **${d.focus}** variant of a ${s("depth")}-layer net of width ${s("width")} with activation $${actTex(s("activation"))}$ on the digits, $W \\sim N(0, 1/n_{\\text{in}})$, at initialisation, seed ${s("seed")}`;
    case "activations-compare":
      return `the same ${s("hidden")}-hidden-layer net of width ${s("width")} on the digits (${s("init")} initialisation, seed ${s("seed")}) with each of four activations, at initialisation`;
  }
}

function ask(d: Drawn): string {
  switch (d.question) {
    case "ratio-init":
      return `How many times larger is the last hidden layer's learning speed $\\lVert \\partial C/\\partial b^{${setting(d, "hidden")}} \\rVert$ than the first's, $\\lVert \\partial C/\\partial b^1 \\rVert$ (averaged over the first 1,000 training images)?`;
    case "slowest-trained":
      return `After training, which hidden layer learns slowest (smallest $\\lVert \\partial C/\\partial b^l \\rVert$ over the first 1,000 training images)?`;
    case "rnn-scale":
      return `As the scale grows from ${SWEEP[0]} to ${SWEEP[SWEEP.length - 1]}, from which scale on does $\\lVert \\partial C/\\partial h_0 \\rVert$ exceed 100?`;
    case "window-width":
      return `How wide is the interval of inputs $x$ where $|w\\,\\sigma'(wx + b)| \\ge 1$?`;
    case "init-spread":
    case "remedy-ratio":
      return `What is $\\log_{10}$ of the ratio of the first hidden layer's gradient norm to the last one's${d.question === "remedy-ratio" ? ", $\\lVert \\partial C/\\partial W^1 \\rVert \\,/\\, \\lVert \\partial C/\\partial W^{L} \\rVert$" : ", $\\lVert \\partial C/\\partial b^1 \\rVert \\,/\\, \\lVert \\partial C/\\partial b^{L} \\rVert$"}?`;
    case "jacobian-top":
      return `What is $\\log_{10}$ of the largest singular value of the product $J^{${setting(d, "depth")}} \\cdots J^1$ of the hidden layers' Jacobians $J^l = \\operatorname{diag}(f'(z^l))\\,W^l$?`;
    case "activations-compare":
      return `With which activation is the ratio $\\lVert \\partial C/\\partial b^{${setting(d, "hidden")}} \\rVert \\,/\\, \\lVert \\partial C/\\partial b^1 \\rVert$ (last hidden layer over first) the largest?`;
  }
}

function measuredText(d: Drawn, s: Solution): string {
  const m = s.measured;
  switch (d.question) {
    case "ratio-init":
      return `The lab measures the speeds ${m.map((v, i) => `$\\lVert \\partial C/\\partial b^{${i + 1}} \\rVert = ${n3(v)}$`).join(", ")}, so the ratio is $${n3((m[m.length - 1] as number) / (m[0] as number))}$: each step back multiplies by $(W^{l+1})^\\top$ and by $\\sigma'(z^l) \\le \\tfrac14$.`;
    case "slowest-trained":
      return `After training the lab measures ${m.map((v, i) => `$\\lVert \\partial C/\\partial b^{${i + 1}} \\rVert = ${n3(v)}$`).join(", ")}; the smallest is layer ${s.right + 1}.`;
    case "rnn-scale": {
      const at = SWEEP.findIndex((_, i) => (m[i] as number) > 100);
      return at < 0
        ? `Up to scale ${SWEEP[SWEEP.length - 1]} the lab measures at most $${n3(Math.max(...m))}$: the gradient never exceeds 100 here.`
        : `The lab's sweep (steps of 0.05) first exceeds 100 at scale ${SWEEP[at]}, where $\\lVert \\partial C/\\partial h_0 \\rVert = ${n3(m[at] as number)}$. Backpropagation multiplies by $W^\\top \\operatorname{diag}(f'(z_t))$ at each of the ${setting(d, "steps")} steps, so the growth needs the largest $|\\lambda|$ of $W$, times typical $f'$, above 1.`;
    }
    case "window-width":
      return (m[0] as number) === 0
        ? `Here $|w| < 4$: the largest value of $|w\\,\\sigma'(wx)|$ is $|w|/4 < 1$, so there is no window at all.`
        : `The window is $|wx + b| \\le \\ln\\!\\big(\\tfrac{|w|(1 + r)}{2} - 1\\big)$ with $r = \\sqrt{1 - 4/|w|}$, of width $${n3(m[0] as number)}$; it is widest (about 0.45) near $|w| \\approx 6.9$ and narrows again for larger $|w|$.`;
    case "init-spread":
    case "remedy-ratio":
      return `The lab measures $${n3(m[0] as number)}$ at the first hidden layer and $${n3(m[1] as number)}$ at the last, so $\\log_{10}$ of the ratio is $${n3(Math.log10((m[0] as number) / (m[1] as number)))}$.`;
    case "jacobian-top":
      return `The lab measures a largest singular value of $${n3(m[0] as number)}$, i.e. $\\log_{10} = ${n3(Math.log10(m[0] as number))}$.`;
    case "activations-compare":
      return `The lab measures the ratios ${["\\text{sigmoid}", "\\tanh", "\\text{ReLU}", "\\text{leaky ReLU}"].map((a, i) => `$${a}: ${n3(m[i] as number)}$`).join(", ")}. Sigmoid's $\\sigma' \\le \\tfrac14$ shrinks the gradient at every layer.`;
  }
}

export const en: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "Predict what the gradient lab will show",

  prompt: (d, s) =>
    [`**Predict, then check in the lab** (tab: *${TAB[d.question]}*). The setup: ${setup(d)}.`, ``, ask(d), ``, ...optionLines(s), `Answer with a letter, then open this setup in the lab to see the measured value.`].join("\n"),

  hint: (d) =>
    d.question === "window-width"
      ? `The factor $|w\\,\\sigma'(wx)|$ is at most $|w|/4$: first ask whether it can reach 1 at all, then how fast $\\sigma'$ falls off as $|wx|$ grows.`
      : d.question === "rnn-scale"
        ? `Through $T$ steps the gradient is multiplied $T$ times by $W^\\top \\operatorname{diag}(f'(z_t))$: compare the scale (about the largest $|\\lambda|$ of $W$) times a typical $f'$ with 1.`
        : `Backpropagation multiplies by $(W^{l+1})^\\top$ and by $f'(z^l)$ at every layer: estimate the typical size of that product per layer, then raise it to the number of layers.`,

  mistakes: {
    "assumed-steady": () => `Predicted that the gradient keeps its size from layer to layer; the product of per-layer factors drifts away from 1 exponentially in depth unless the initialisation and activation are matched.`,
    "assumed-last": () => `Picked the last hidden layer: the gradient reaches it first, with the fewest factors $\\sigma' \\le \\tfrac14$ on the way, so it usually learns fastest, not slowest.`,
    "assumed-at-one": () => `Predicted the explosion right above scale 1: the activation's derivative $f' \\le 1$ (and saturation) takes away part of the growth, and the inputs and readout set where 100 is crossed.`,
    "assumed-widening": () => `Assumed a larger $|w|$ always gives a wider window: the peak $|w|/4$ grows, but $\\sigma'(wx)$ falls off $|w|$ times faster in $x$, so the width peaks (about 0.45 near $|w| \\approx 6.9$) and then shrinks.`,
    "assumed-relu": () => `Picked ReLU: its derivative is 1 where it is active, so it does not shrink the gradient layer by layer the way $\\sigma' \\le \\tfrac14$ does.`,
  },

  solution: (d, s) => [measuredText(d, s), ``, `**Answer:** $${s.expectedTex}$ ($${s.options[s.right]}$; option ${letterOf(s.right)})`].join("\n"),
};
