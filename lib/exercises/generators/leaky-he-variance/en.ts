import type { ExerciseText } from "../../define";
import type { Drawn, MistakeId, Solution } from "./model";
import { factorTex, fanInTex, fmt, FORMULA_TEX, layerTex, stdTex, varianceTex } from "./tex";

export const en: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "He initialisation for leaky ReLU",

  prompt: (d, s) =>
    [
      d.layer === "dense"
        ? `A fully connected layer is followed by a leaky ReLU with negative slope $\\alpha$:`
        : `A ${d.k}×${d.k} convolution is followed by a leaky ReLU with negative slope $\\alpha$:`,
      ``,
      `$$`,
      `${layerTex(d)}.`,
      `$$`,
      ``,
      `Its weights are drawn from $\\mathcal{N}(0, \\sigma_w^2)$ with He (Kaiming) initialisation adapted to the leaky slope, so that the variance of the signal stays constant in the forward pass.`,
      ``,
      s.askStd
        ? `What **standard deviation** $\\sigma_w$ should the weights have? Give a number (4 significant digits).`
        : `What **variance** $\\sigma_w^2 = \\operatorname{Var}(w)$ should the weights have? Give a number (4 significant digits; scientific notation is fine).`,
    ].join("\n"),

  hint: (d) =>
    `Plain He, $2/n_{\\text{in}}$, assumes ReLU drops the negative half of its inputs. Leaky ReLU keeps that half scaled by $\\alpha$, i.e. $\\alpha^2$ of its power, so the factor 2 becomes $2/(1+\\alpha^2)$. ${d.layer === "conv" ? "For a convolution the fan-in counts every weight feeding one output: $k_h k_w C_{\\text{in}}$." : "The fan-in is the number of inputs of a unit."}`,

  mistakes: {
    "plain-he": () => `Used plain He, $2/n_{\\text{in}}$, which is for ReLU ($\\alpha = 0$); the leaky slope keeps part of the negative half, giving $${FORMULA_TEX}$.`,
    "alpha-not-squared": () => `Used $1+\\alpha$ instead of $1+\\alpha^2$: the negative half contributes $\\alpha^2$ of its **power** (variance), not $\\alpha$.`,
    "no-factor-2": () => `Dropped the factor 2 of $${FORMULA_TEX}$ (that gives LeCun's $1/n_{\\text{in}}$, shrunk by $1+\\alpha^2$).`,
    "fan-out": (_d, s) => `Used the fan-out, ${s.fanOut}, instead of the fan-in, ${s.fanIn}: the forward pass sums over a unit's inputs.`,
    "channels-only": (d) => `Used $C_{\\text{in}} = ${d.layer === "conv" ? d.cIn : 0}$ as the fan-in; each output of a convolution sums over $k_h k_w C_{\\text{in}}$ inputs.`,
    "variance-vs-std": (_d, s) =>
      s.askStd ? `Gave the variance $${fmt(s.variance)}$; the question asks for the standard deviation, its square root.` : `Gave the standard deviation $${fmt(s.std)}$; the question asks for the variance.`,
  },

  solution: (d, s) =>
    [
      `For $z$ symmetric about 0, leaky ReLU gives $E[f(z)^2] = \\tfrac{1+\\alpha^2}{2}\\,E[z^2]$, so keeping the variance constant needs $n_{\\text{in}}\\operatorname{Var}(w)\\,\\tfrac{1+\\alpha^2}{2} = 1$:`,
      ``,
      `$$`,
      `${FORMULA_TEX}.`,
      `$$`,
      ``,
      `Fan-in: $${fanInTex(d, s)}$. The factor is $2/(1+\\alpha^2) = ${factorTex(d)}$ instead of ReLU's 2.`,
      ``,
      `$$`,
      `${varianceTex(d, s)}.`,
      `$$`,
      ...(s.askStd ? [``, `$$`, `${stdTex(s)}.`, `$$`] : []),
      ``,
      `**Answer:** $${s.askStd ? "\\sigma_w" : "\\operatorname{Var}(w)"} = ${s.expectedTex}$`,
    ].join("\n"),
};
