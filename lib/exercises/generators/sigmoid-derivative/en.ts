import type { ExerciseText } from "../../define";
import { texDrawn } from "../../kit/tex";
import { boundDrawn, byMode, type Drawn, type MistakeId, type Solution, valueDrawn } from "./model";
import * as T from "./tex";

export const en: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "The sigmoid derivative and its bound",

  prompt: (d, s) =>
    byMode(d, s, {
      value: (d) =>
        d.w === undefined
          ? [`The sigmoid is ${T.SIGMA_DEF}.`, ``, `Compute its derivative $\\sigma'(z)$ at $z = ${texDrawn(d.z)}$. Give a number (4 significant digits are enough).`].join("\n")
          : [
              `A sigmoid neuron computes $a = \\sigma(z)$ with $z = w\\,x + b$, where ${T.SIGMA_DEF}, and`,
              ``,
              ...T.neuronTex(d),
              ``,
              `What is $\\sigma'(z) = \\dfrac{\\partial a}{\\partial z}$ at this neuron's pre-activation $z$? Give a number (4 significant digits are enough).`,
            ].join("\n"),
      bound: (d) => {
        const given = d.b === undefined ? `$w = ${texDrawn(d.w)}$` : `$w = ${texDrawn(d.w)}$ and bias $b = ${texDrawn(d.b)}$`;
        return [
          `A sigmoid neuron $a = \\sigma(${T.preTex(d)})$ has weight ${given}. When backpropagation passes a gradient from $a$ to the input $x$, it multiplies it by`,
          ``,
          ...T.boundFactorTex(d),
          ``,
          `What is the largest value of $\\bigl|w\\,\\sigma'(${T.preTex(d)})\\bigr|$ over all real inputs $x$? Give a number (4 significant digits are enough).`,
        ].join("\n");
      },
    }),

  hint: (d, s) =>
    byMode(d, s, {
      value: (d, s) =>
        d.w === undefined
          ? `Use $\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))$. Check $\\sigma(${texDrawn(d.z)}) = ${T.sigmaTex(s)}$ first.`
          : `First compute $z = w\\,x + b$ (check: is it $${texDrawn(d.z)}$?), then use $\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))$ with $\\sigma(z) = ${T.sigmaTex(s)}$.`,
      bound: (d) =>
        `Where is $\\sigma'(z)$ largest, and what is its value there? Write $\\sigma'(z) = s(1 - s)$ with $s = \\sigma(z) \\in (0, 1)$ and maximise over $s$; then remember the factor $${T.absWTex(d)}$.`,
    }),

  mistakes: {
    "sigma-not-prime": () => `That is $\\sigma(z)$ itself; the derivative is $\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))$.`,
    "one-minus-only": () => `That is only the factor $1 - \\sigma(z)$; multiply it by $\\sigma(z)$: $\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))$.`,
    "tanh-derivative": () => `That is the *tanh* derivative $1 - \\tanh^2(z)$; for the sigmoid, $\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))$.`,
    "forgot-chain-z": (d) =>
      `Evaluated $\\sigma'$ at the input $x$; it must be evaluated at the pre-activation $z = w\\,x + b = ${texDrawn(valueDrawn(d).z)}$.`,
    "times-w": () => `Multiplied by $w$: $w\\,\\sigma'(z)$ is $\\partial a/\\partial x$; the question asks for $\\sigma'(z) = \\partial a/\\partial z$.`,
    "quarter-only": (d) => `$\\tfrac14$ is the maximum of $\\sigma'$ alone; the factor also carries $${T.absWTex(boundDrawn(d))}$.`,
    half: () => `$\\max \\sigma' = \\tfrac14$, not $\\tfrac12$: $\\sigma(1-\\sigma)$ peaks at $\\sigma = \\tfrac12$, where it is $\\tfrac12 \\cdot \\tfrac12$.`,
    "sigma-max": () => `Used the largest value of $\\sigma$ (which approaches 1) instead of the largest value of $\\sigma'$ ($\\tfrac14$).`,
    signed: () => `Dropped the absolute value: the question asks for the largest $|w\\,\\sigma'|$, a nonnegative number.`,
    "at-x-zero": () => `Evaluated the factor at $x = 0$; the maximum is where $w\\,x + b = 0$, i.e. at $x = -b/w$, where $\\sigma' = \\tfrac14$.`,
  },

  solution: (d, s) =>
    byMode(d, s, {
      value: (d, s) =>
        [
          ...(d.w === undefined ? [] : [`First the pre-activation:`, ``, ...T.preActivationTex(d), ``]),
          `Differentiating $\\sigma(z) = (1 + e^{-z})^{-1}$ gives`,
          ``,
          ...T.DERIVATIVE_TEX,
          ``,
          `At $z = ${texDrawn(d.z)}$: $e^{-z} = ${T.n5(s.expNegZ)}$, so $\\sigma(z) = ${T.sigmaTex(s)}$ and $1 - \\sigma(z) = ${T.complementTex(s)}$:`,
          ``,
          ...T.valueProductTex(d, s),
          ``,
          `(At most $\\tfrac14$, reached at $z = 0$; the further $z$ is from 0, the smaller.)`,
          ``,
          `**Answer:** $\\sigma'(z) = ${s.expectedTex}$`,
        ].join("\n"),
      bound: (d, s) => {
        const pre = T.preTex(d);
        return [
          `Write $s = \\sigma(z)$ with $z = ${pre}$. Since $\\sigma'(z) = s(1 - s)$ and`,
          ``,
          ...T.SQUARE_TEX,
          ``,
          `$\\sigma'$ is at most $\\tfrac14$, with equality exactly when $s = \\tfrac12$, i.e. $z = 0$. As $x$ runs over all reals, $z = ${pre}$ takes every real value (because $w \\ne 0$), so the maximum is attained at $x = ${T.argmaxTex(d)}$${d.b === undefined ? "" : " — the bias only shifts where the peak is, not its height"}:`,
          ``,
          ...T.boundMaxTex(d, s.expectedTex),
          ``,
          `**Why this means vanishing gradients.** For any $|w| \\le 1$ the factor $|w\\,\\sigma'| \\le |w|/4 \\le \\tfrac14$: every sigmoid layer shrinks the backpropagated gradient by at least a factor of 4, so $n$ layers shrink it by at least $4^n$. To exceed 1 at all you would need $|w| > 4$.`,
          ``,
          `**Answer:** $\\max_x |w\\,\\sigma'(${pre})| = ${s.expectedTex}$`,
        ].join("\n");
      },
    }),
};
