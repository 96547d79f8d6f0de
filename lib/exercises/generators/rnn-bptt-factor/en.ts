import type { ExerciseText } from "../../define";
import { type Drawn, eigenOf, type EigenSolution, type MistakeId, scalarOf, type ScalarSolution, type Solution } from "./model";
import { absL2Tex, ACT_TEX, CHAR_POLY_TEX, chainRuleLines, eigenWorking, factorTable, firstStepTex, fmt, forwardRuleTex, forwardTable, fpFactorTex, inputsTex, matrixLines, NORM_BOUND_TEX, recurrenceLines, sMaxTex, targetTex, transientKind, trDetTex } from "./tex";

function scalarPrompt(s: ScalarSolution): string {
  const { T } = s;
  const lines = [
    `A scalar RNN with a ${s.draw.activation === "tanh" ? "tanh" : "sigmoid"} unit runs for $T = ${T}$ steps:`,
    ``,
    ...recurrenceLines(s),
    ``,
    `Inputs: $${inputsTex(s)}$.`,
  ];
  if (s.showForward) lines.push(``, `For convenience, the forward pass gives:`, ``, ...forwardTable(s));
  lines.push(
    ``,
    `What is $\\dfrac{\\partial h_{${T}}}{\\partial h_0}$, the factor by which BPTT scales a gradient on $h_{${T}}$ on its way back to $h_0$? Give a number (4 significant digits are enough).`,
  );
  return lines.join("\n");
}

function scalarSolution(s: ScalarSolution): string {
  const { T } = s;
  return [
    `Each step depends on the previous state only through $z_t$, so by the chain rule`,
    ``,
    ...chainRuleLines(s),
    ``,
    `Forward pass ($${forwardRuleTex(s)}$), then one factor per step:`,
    ``,
    ...factorTable(s, "running product"),
    ``,
    Math.abs(s.expected) < 1
      ? `The factors have magnitude below 1 on average, so the gradient reaching $h_0$ is smaller than the one on $h_{${T}}$: this is vanishing in time, and longer sequences make it exponentially worse.`
      : `The factors have magnitude above 1 on average, so the gradient reaching $h_0$ is larger than the one on $h_{${T}}$: this is exploding in time, and longer sequences make it exponentially worse.`,
    ``,
    `**Answer:** $${targetTex(T)} = ${s.expectedTex}$`,
  ].join("\n");
}

function scalarHint(s: ScalarSolution): string {
  const { f } = ACT_TEX[s.draw.activation];
  const first = firstStepTex(s);
  return `Each step contributes one factor $w\\,${f}'(z_t) = w\\,${fpFactorTex(s.draw.activation)}$. Check the first one: $z_1 = ${first.z1}$, so $w\\,${f}'(z_1) = ${first.factor1}$. You need ${s.T} such factors.`;
}

function eigenPrompt(s: EigenSolution): string {
  return [
    `A linearised RNN multiplies the backpropagated gradient by the recurrent matrix at every step (ignoring $f'$ for now), with`,
    ``,
    ...matrixLines(s),
    ``,
    `What is the spectral radius $\\rho(W) = \\max_i |\\lambda_i|$, the largest eigenvalue modulus of $W$? Give a number (4 significant digits are enough).`,
  ].join("\n");
}

function eigenSolution(s: EigenSolution): string {
  const { expected, sMax, expectedTex } = s;
  // With tanh each step multiplies by D_t W, D_t = diag(tanh'(z_t)), 0 < entries ≤ 1. That does NOT mean the
  // product can only shrink: for a non-normal W, ρ(D W) can exceed ρ(W) (W = [[−1.5, −1.4], [0.6, 0]]: ρ = 0.92,
  // D = diag(1, 0.035): ρ(DW) = 1.47). What holds for every draw is the norm bound ‖∏ D_t W‖ ≤ σ_max(W)^T.
  const tanhBound = `With tanh, each step multiplies by $D_t W$ with $D_t = \\operatorname{diag}(\\tanh'(z_t))$, entries in $(0, 1]$. That does not guarantee that the product shrinks: for a non-normal $W$, $\\rho(D_t W)$ can exceed $\\rho(W)$, so $\\rho$ alone bounds nothing here. What does hold is the norm bound $${NORM_BOUND_TEX}$, since $\\lVert D_t\\rVert \\le 1$.`;
  const boundHere =
    sMax < 1
      ? ` Here $\\sigma_{\\max}(W) = ${sMaxTex(s)} < 1$, so these gradients vanish at least like $${sMaxTex(s)}^T$ whatever the $D_t$ are.`
      : ` Here $\\sigma_{\\max}(W) = ${sMaxTex(s)} \\ge 1$, so that bound does not rule out growth.`;
  const meaning =
    expected > 1
      ? `**What it implies.** $\\rho(W) = ${expectedTex} > 1$: repeated multiplication by $W$ (a linear RNN, or tanh units in their linear range) grows along the leading eigenvector like $\\rho^k$ — gradients over long spans **explode**. ${tanhBound} Saturation ($\\tanh' \\ll 1$) often tames the growth, but that is not guaranteed.`
      : `**What it implies.** $\\rho(W) = ${expectedTex} < 1$: repeated multiplication by $W$ alone shrinks every direction eventually, like $\\rho^k$ — gradients over long spans **vanish** in a linear RNN. ${tanhBound}${boundHere}`;
  // The transient-growth remark only where it applies: a step can stretch a gradient only if σ_max > 1.
  const transient = {
    stretch: `, larger than $\\rho$ and than 1, so a single step can stretch a gradient by up to $\\sigma_{\\max}$ and a few steps can amplify it more than $\\rho^k$ suggests (transient growth of a non-normal matrix)`,
    bounded: `, at most 1, so no step can stretch a gradient: $\\lVert W^k\\rVert \\le \\sigma_{\\max}^k \\le 1$ for every $k$`,
    none: "",
  }[transientKind(s)];
  const complex = s.info.complex;
  return [
    ...eigenWorking(s, {
      intro: `For a $2\\times 2$ matrix the eigenvalues solve $${CHAR_POLY_TEX}$:`,
      pair: complex ? `The discriminant is negative, so the eigenvalues are a complex-conjugate pair` : `The discriminant is positive, so the eigenvalues are real:`,
      rho: complex
        ? `and both have the same modulus, $|\\lambda|^2 = \\lambda\\bar\\lambda = \\lambda_1\\lambda_2 = \\det W$:`
        : `The spectral radius is the larger *modulus*:`,
    }),
    ``,
    meaning,
    ``,
    `**Caveat.** The eigenvalues describe the long run, $\\lVert W^k\\rVert \\approx \\rho^k$ for large $k$. For a finite number of steps the norm of $W^k$ is also governed by the singular values: here $\\sigma_{\\max}(W) = ${sMaxTex(s)}$${transient}. In a real RNN the $\\operatorname{diag}(f')$ factors change every step, so $\\rho(W) > 1$ is a heuristic for explosion and $\\rho(W) < 1$ one for vanishing, not guarantees; only $\\sigma_{\\max}(W) < 1$ guarantees vanishing.`,
    ``,
    `**Answer:** $\\rho(W) = ${expectedTex}$.`,
  ].join("\n");
}

export const en: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "BPTT: the repeated factor through time",

  prompt: (_d, s) => (s.mode === "scalar" ? scalarPrompt(s) : eigenPrompt(s)),

  hint: (_d, s) =>
    s.mode === "eigen"
      ? `Start from the characteristic polynomial $\\lambda^2 - (\\operatorname{tr} W)\\lambda + \\det W = 0$ with $\\operatorname{tr} W = ${trDetTex(s).tr}$ and $\\det W = ${trDetTex(s).det}$. Check the sign of the discriminant: for a complex pair, $|\\lambda| = \\sqrt{\\det W}$.`
      : scalarHint(s),

  mistakes: {
    "forgot-f-prime": (_d, s) => {
      const { draw: d, T } = scalarOf(s);
      const { f, fpTex } = ACT_TEX[d.activation];
      return `Forgot $${f}'$: $w^{${T}}$ is the factor of a *linear* RNN; each step also multiplies by $${f}'(z_t) = ${fpTex}$.`;
    },
    "forgot-w": (_d, s) =>
      `Forgot $w$: $\\prod_t ${ACT_TEX[scalarOf(s).draw.activation].f}'(z_t)$ misses $\\partial z_t/\\partial h_{t-1} = w$, one factor $w$ per step.`,
    "f-instead-of-derivative": (_d, s) => {
      const { f, fpTex } = ACT_TEX[scalarOf(s).draw.activation];
      return `Used $${f}(z_t)$ (the state $h_t$) instead of its derivative $${f}'(z_t) = ${fpTex}$.`;
    },
    "one-factor-short": (_d, s) => {
      const { draw: d, T } = scalarOf(s);
      return `One step missing: $\\prod_{t=2}^{${T}}$ is $\\partial h_{${T}}/\\partial h_1$; going back to $h_0$ takes ${T} factors, including $w\\,${ACT_TEX[d.activation].f}'(z_1)$.`;
    },
    "sign-error": (_d, s) => {
      const { draw: d, T } = scalarOf(s);
      return `Sign error: $${ACT_TEX[d.activation].f}' > 0$, so every factor has the sign of $w = ${fmt(d.w)}$ and the product has the sign of $w^{${T}}$.`;
    },
    "largest-entry": () =>
      `That is the largest $|W_{ij}|$; the entries alone do not decide growth, the eigenvalues of $W$ do (they mix all four entries through $\\operatorname{tr} W$ and $\\det W$).`,
    "singular-value": () =>
      `That is the largest *singular value* $\\sigma_{\\max}(W)$ (the most one multiplication can stretch a vector), not the largest $|\\lambda|$ that governs $W^k$ for large $k$.`,
    "signed-largest": (_d, s) =>
      `Took the largest eigenvalue by *sign*; growth is governed by the largest *modulus*, and here $|\\lambda_2| = ${absL2Tex(eigenOf(s))} > |\\lambda_1|$.`,
    "dropped-absolute-value": () => `Dropped the absolute value: the spectral radius is $|\\lambda|$, a nonnegative number.`,
    "trace-half": () =>
      `$\\operatorname{tr} W / 2$ is only the midpoint of the two eigenvalues (their real part when complex), not the largest $|\\lambda|$.`,
    determinant: (_d, s) =>
      eigenOf(s).info.complex
        ? `$\\det W = |\\lambda|^2$ for a complex pair; take the square root.`
        : `$\\det W = \\lambda_1\\lambda_2$ is the *product* of the eigenvalues, not the largest modulus.`,
  },

  solution: (_d, s) => (s.mode === "scalar" ? scalarSolution(s) : eigenSolution(s)),
};
