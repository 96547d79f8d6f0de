import type { ExerciseText } from "../../define";
import { texDrawn } from "../../kit/tex";
import { byMode, type Drawn, insideSolved, type MistakeId, type Solution } from "./model";
import * as T from "./tex";

export const en: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "The exploding-gradient window of a sigmoid neuron",

  prompt: (d, s) =>
    byMode(d, s, {
      width: (d) =>
        [
          `A sigmoid neuron`,
          ``,
          ...T.neuronTex(d, "."),
          ``,
          `passes a gradient back to its input $x$ multiplied by $\\partial a/\\partial x = w\\,\\sigma'(w\\,x + b)$. The inputs where this factor is at least 1 in size, $\\{x : ${T.FACTOR} \\ge 1\\}$, form an interval.`,
          ``,
          `What is the **width** of this interval (measured in $x$)? Give a number (4 significant digits are enough).`,
        ].join("\n"),
      inside: (d) =>
        [
          `A sigmoid neuron`,
          ``,
          ...T.neuronTex(d, ","),
          ``,
          `receives the input $x = ${texDrawn(d.x)}$. Backpropagation multiplies the gradient on $a$ by $w\\,\\sigma'(w\\,x + b)$ to get the gradient on $x$. Is this input inside the exploding window, where that factor is at least 1 in size?`,
          ``,
          `**A.** Inside: $${T.FACTOR} \\ge 1$, the gradient can grow through this neuron.`,
          ``,
          `**B.** Outside: $${T.FACTOR} < 1$, the gradient shrinks.`,
          ``,
          `Answer with a letter.`,
        ].join("\n"),
    }),

  hint: (d, s) =>
    byMode(d, s, {
      width: (_d, s) =>
        `Solve $|w|\\,\\sigma(z)(1 - \\sigma(z)) = 1$ for $\\sigma(z)$ first (a quadratic; with $r = \\sqrt{1 - 4/|w|} = ${T.n5(s.r)}$), turn the two roots into $z = \\pm\\ln\\frac{s}{1-s}$, and only then convert from $z$ to $x$: lengths in $x$ are lengths in $z$ divided by $|w|$.`,
      inside: (_d, s) =>
        `Evaluate the factor directly: $z = w\\,x + b = ${T.n5(s.z)}$, then $|w|\\,\\sigma(z)(1 - \\sigma(z))$, and compare with 1.`,
    }),

  mistakes: {
    "no-prefactor": () =>
      `Forgot the prefactor $2/|w|$: $\\ln(\\dots)$ is only the half-width in $z$; the full width in $z$ is twice that, and in $x$ it is divided by $|w|$.`,
    "one-over-w": () => `Used $1/|w|$ instead of $2/|w|$: that is the half-width; the window runs from $z = -\\ln(\\dots)$ to $z = +\\ln(\\dots)$.`,
    "minus-root": (d) =>
      `Took the other root $1 - \\sqrt{1 - 4/|w|}$ inside the logarithm; its argument is the reciprocal of the right one, so the sign flips (a width is positive)${d.w < 0 ? ". Using $w$ instead of $|w|$ in $2/|w|$ flips it the same way" : ""}.`,
    "in-z-units": (d) =>
      `That is the width in $z = w\\,x + b$; the question asks about $x$, and $x = (z - b)/w$ divides every length by $${T.absWTex(d)}$.`,
    "forgot-w": (d) =>
      `Forgot the factor $w$: $\\sigma'(z) \\le \\tfrac14 < 1$ always, but the gradient factor is $|w|\\,\\sigma'(z)$, which can reach $${T.peakTex(d)}$.`,
    "max-not-value": (d, s) =>
      `$${T.peakTex(d)} > 1$ is only the factor's *largest* value, at $z = 0$; here $z = w\\,x + b = ${T.n5(insideSolved(s).z)}$ is far enough from 0 that $\\sigma'(z)$ has dropped below $1/|w|$.`,
  },

  solution: (d, s) =>
    byMode(d, s, {
      width: (d, s) =>
        [
          `With $s = \\sigma(z)$ and $z = w\\,x + b$, the factor is $|w|\\,\\sigma'(z) = |w|\\,s(1 - s)$, so the window is where`,
          ``,
          ...T.rootsTex(s),
          ``,
          `So $${T.sPlusTex(s)}$ and $${T.sMinusTex(s)}$. Converting back with $z = \\ln\\frac{s}{1-s}$, the window in $z$ is symmetric, $|z| \\le z_+$ with`,
          ``,
          ...T.zPlusTex(s),
          ``,
          `Its width in $z$ is $${T.zWidthTex(s)}$. Since $x = (z - b)/w$, widths in $x$ are divided by $${T.absWTex(d)}$ (the bias only shifts the window):`,
          ``,
          ...T.widthTex(s),
          ``,
          s.win
            ? `The window is $${T.intervalTex(s.win)}$, centred on $x = ${T.centreTex(d)}$. Even for large $|w|$ it stays narrow (its width peaks near 0.45 at $|w| \\approx 6.9$), and outside it the neuron shrinks the gradient — one reason sigmoid nets rarely explode.`
            : ``,
          ``,
          `**Answer:** $\\Delta x = ${s.expectedTex}$`,
        ].join("\n"),
      inside: (d, s) =>
        [
          `Compute the factor at this input:`,
          ``,
          ...T.factorTex(d, s),
          ``,
          s.win
            ? `Check with the window: $|w|\\,\\sigma'(z) \\ge 1$ holds for $${T.zWindowTex(s.win, s.aw)}$, i.e. for $${T.intervalTex(s.win)}$ (centred on $${T.centreTex(d)}$). The input $x = ${texDrawn(d.x)}$ is ${s.inside ? "inside" : "outside"} it.`
            : ``,
          ``,
          s.inside
            ? `So the gradient is multiplied by more than 1 here: this neuron can contribute to an explosion — but only for inputs in this narrow window.`
            : `So the gradient shrinks through this neuron even though $|w| > 4$: the factor only exceeds 1 in a narrow window around $z = 0$.`,
          ``,
          `**Answer:** $${s.expectedTex}$ (${s.inside ? "inside" : "outside"} the window)`,
        ].join("\n"),
    }),
};
