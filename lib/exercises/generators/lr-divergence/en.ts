import type { ExerciseText } from "../../define";
import { divergesOf, divergesPair, type DivergesDraw, type DivergesSolution, type Drawn, type MistakeId, type Solution, thresholdForm, thresholdOf, type ThresholdDraw, type ThresholdSolution } from "./model";
import { absRSteepTex, aTex, coordinateRows, display, divergesLossTex, etaStarTex, etaVsLimitTex, type FactorCase, factorCase, factorTex, flatLimitTex, fmt, GD_TEX, growthTex, iteratesTex, limitTex, limitValueTex, oneFactorTex, oneStepTex, plainCurvatureTex, rSteepTex, STABLE_1D_TEX, STABLE_2D_TEX, thresholdLossTex } from "./tex";

/** What one factor r = 1 − ηa does to the iterates, in words. */
const BEHAVIOUR: Record<FactorCase, (r: number) => string> = {
  monotone: () => `shrinks towards the minimum without changing sign (converges)`,
  oscillating: () => `overshoots, so the sign flips every step, but the magnitude shrinks (oscillates and converges)`,
  flipping: (r) => `the sign flips and the magnitude grows by $${factorTex(Math.abs(r))}$ every step (diverges)`,
  growing: () => `grows every step (diverges)`,
};

function describe(r: number): string {
  const c = factorCase(r);
  return `$${c.tex}$: ${BEHAVIOUR[c.kind](r)}`;
}

function divergesPrompt(d: DivergesDraw): string {
  const start = d.form === "diag" ? `any starting point with $w_1 \\ne 0$ and $w_2 \\ne 0$` : `any starting point $w_0 \\ne 0$`;
  return [
    `Gradient descent $${GD_TEX}$ with the constant step size $\\eta = ${fmt(d.eta)}$ minimises`,
    ``,
    ...display(`${divergesLossTex(d)}.`),
    ``,
    `Does it diverge (the iterates grow without bound) from ${start}? Answer yes or no.`,
  ].join("\n");
}

function divergesSolution(d: DivergesDraw, s: DivergesSolution): string {
  const setup =
    d.form === "diag"
      ? [
          `The gradient is $(a_1 w_1,\\ a_2 w_2)$, so the coordinates decouple: $w_{i,t+1} = (1-\\eta a_i)\\,w_{i,t}$.`,
          ``,
          `| coordinate | $a_i$ | $1-\\eta a_i$ | behaviour |`,
          `|---|---|---|---|`,
          ...coordinateRows(s, describe),
          ``,
          `The iterates diverge as soon as **one** coordinate does: the steep direction (largest curvature) decides.`,
        ]
      : [
          d.form === "half"
            ? `The gradient is $f'(w) = a\\,w$, so one step is $w_{t+1} = (1-\\eta a)\\,w_t$ and $w_t = (1-\\eta a)^t\\,w_0$, with`
            : `The curvature is $${plainCurvatureTex(d.c)}$ (the gradient is $f'(w) = 2c\\,w$, not $c\\,w$). One step is $w_{t+1} = (1-\\eta a)\\,w_t$, with`,
          ``,
          ...display(oneFactorTex(d, s)),
          ``,
          `The factor is ${describe(s.factors[0] as number)}.`,
        ];
  const { expected } = s;
  return [
    ...setup,
    ``,
    `The rule: GD on a quadratic is stable iff $|1-\\eta a| < 1$ for every curvature $a$, i.e. $${limitTex(d, s)}$. Here $${etaVsLimitTex(d, s)}$. Starting from 1 along the ${d.form === "diag" ? "steep direction" : "only direction"}, the first iterates are $${iteratesTex(s)}$, and $${growthTex(s)}$ ${expected ? "grows without bound" : "goes to 0"}.`,
    ``,
    `**Answer:** $${s.expectedTex}$ — it ${expected ? "diverges" : "converges"}.`,
  ].join("\n");
}

function divergesHint(d: DivergesDraw): string {
  return d.form === "plain"
    ? `First find the curvature $a = f''(w)$: for $f = c\\,w^2$ it is $2c$, not $c$. Then check whether $|1-\\eta a| < 1$ — both ends of that inequality matter.`
    : d.form === "diag"
      ? `Each coordinate is its own 1-D problem $w_i \\leftarrow (1-\\eta a_i)\\,w_i$. Check $|1-\\eta a_i| < 1$ for *both*, especially the larger $a_i$.`
      : `Write one step as $w_{t+1} = (1-\\eta a)\\,w_t$ and check whether $|1-\\eta a| < 1$. A negative factor alone (overshooting) is not divergence.`;
}

const ASK = `Give $\\eta^*$ as a number (4 significant digits are enough).`;
const TAIL = `Gradient descent $${GD_TEX}$ with a constant step size converges to the minimum from every starting point exactly when $0 < \\eta < \\eta^*$. What is the stability limit $\\eta^*$?`;

function thresholdPrompt(d: ThresholdDraw): string {
  const intro = d.form === "diag" ? `Consider the two-parameter quadratic loss` : `Consider the quadratic loss`;
  return [intro, ``, ...display(thresholdLossTex(d)), ``, TAIL, ASK].join("\n");
}

function thresholdSolution(d: ThresholdDraw, s: ThresholdSolution): string {
  const { a } = s;
  const tail = [``, `**Answer:** $${etaStarTex(d.form, a, s.expected)}$`];
  if (d.form === "half") {
    return [
      `One GD step is $w_{t+1} = w_t - \\eta a\\, w_t = (1-\\eta a)\\, w_t$, so $w_k = (1-\\eta a)^k w_0$. This shrinks to 0 for every $w_0$ iff`,
      ``,
      ...display(STABLE_1D_TEX),
      ``,
      `Between $${oneStepTex(a)}$ (one step lands exactly on the minimum) and $2/a$ the iterates overshoot and oscillate but still shrink; at $\\eta = 2/a$ they bounce forever; above it they grow.`,
      ...tail,
    ].join("\n");
  }
  if (d.form === "plain") {
    return [
      `The curvature is $${plainCurvatureTex(d.c)}$ (write $f = \\tfrac12 a w^2$). One GD step is $w_{t+1} = (1-\\eta a)\\, w_t$, which shrinks for every $w_0$ iff`,
      ``,
      ...display(STABLE_1D_TEX),
      ``,
      `($${oneStepTex(a)}$ would reach the minimum in one step; up to $2/a$ the iterates oscillate but still converge.)`,
      ...tail,
    ].join("\n");
  }
  return [
    `The gradient is $(a_1 w_1,\\ a_2 w_2)$, so the coordinates decouple: $w_{i,t+1} = (1-\\eta a_i)\\, w_{i,t}$. Both must shrink, so`,
    ``,
    ...display(STABLE_2D_TEX),
    ``,
    `The steepest direction (largest curvature, the largest Hessian eigenvalue) sets the limit; the flat direction would tolerate $${flatLimitTex(d)}$ but then the steep one diverges. This is why ill-conditioned losses force small steps and make progress along flat directions slow.`,
    ...tail,
  ].join("\n");
}

function thresholdHint(d: ThresholdDraw, s: ThresholdSolution): string {
  return d.form === "half"
    ? `Write one step as $w_{t+1} = (1-\\eta a)\\,w_t$ and ask when the factor satisfies $|1-\\eta a| < 1$ — both ends of that inequality matter.`
    : d.form === "plain"
      ? `First find the curvature $a = f''(w)$: with $f = c\\,w^2$ it is $2c = ${fmt(s.a)}$, not $c$. Then require $|1-\\eta a| < 1$.`
      : `The coordinates do not interact: each one is a 1-D problem $w_i \\leftarrow (1-\\eta a_i)\\,w_i$. Which of the two conditions $|1-\\eta a_i| < 1$ is harder to meet?`;
}

export const en: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "Gradient descent on a quadratic: stable or divergent step size",

  prompt: (d) => (d.mode === "diverges" ? divergesPrompt(d) : thresholdPrompt(d)),

  hint: (d, s) => (d.mode === "diverges" ? divergesHint(d) : thresholdHint(d, thresholdOf(s))),

  mistakes: {
    "coefficient-as-curvature": (d0, s0) => {
      if (d0.mode === "threshold") return `Took the coefficient $c$ as the curvature; $f''(w) = 2c$, so the limit is $2/(2c) = 1/c$.`;
      const [d, s] = divergesPair(d0, s0);
      if (d.form !== "plain") throw new Error("lr-divergence: coefficient-as-curvature needs f = c w²");
      const r = rSteepTex(s);
      return `Took the coefficient $c = ${fmt(d.c)}$ as the curvature. For $f = c\\,w^2$, $f'(w) = 2c\\,w$, so each step multiplies by $1 - 2c\\,\\eta = ${r}$, and $|${r}| > 1$.`;
    },
    "flat-direction-only": (d0, s0) => {
      const [, s] = divergesPair(d0, s0);
      return `Checked only the flat direction. Every coordinate needs $|1-\\eta a_i| < 1$; along the steep one $1 - \\eta a_{\\max} = ${rSteepTex(s)}$, so that coordinate blows up.`;
    },
    "said-converges": (d0, s0) => {
      const [d, s] = divergesPair(d0, s0);
      const r = rSteepTex(s);
      return `The factor per step is $1-\\eta ${aTex(d)} = ${r}$ and $|${r}| > 1$: $|w_t|$ grows every step. Stability needs $\\eta < 2/${aTex(d)} = ${limitValueTex(s)}$.`;
    },
    "overshoot-is-not-divergence": (d0, s0) => {
      const [d, s] = divergesPair(d0, s0);
      return `$\\eta > 1/${aTex(d)}$ makes every step overshoot the minimum (the sign of $w$ flips), but $|1-\\eta ${aTex(d)}| = ${absRSteepTex(s)} < 1$, so $|w_t|$ still shrinks: it oscillates and converges.`;
    },
    "said-diverges": (d0, s0) => {
      const [d, s] = divergesPair(d0, s0);
      return `The factor per step is $1-\\eta ${aTex(d)} = ${rSteepTex(s)}$, between 0 and 1: $w_t$ shrinks steadily to the minimum. Divergence needs $\\eta > 2/${aTex(d)} = ${limitValueTex(s)}$.`;
    },
    "optimal-rate": (d) =>
      ({
        half: `$1/a$ is the rate that jumps to the minimum in one step; GD stays stable up to twice that, $\\eta < 2/a$.`,
        plain: `$1/f'' = 1/(2c)$ is the one-step-to-the-minimum rate; stability allows twice that.`,
        diag: `$1/a_{\\max}$ is the rate that solves the steep direction in one step; stability allows twice that.`,
      })[thresholdForm(d)],
    "half-curvature": (d) =>
      ({
        half: `$a/2$ has the curvature upside down: the limit is $2/a$, not $a/2$.`,
        plain: `$f''/2$ has the curvature upside down: the limit is $2/f''$.`,
        diag: `$a_{\\max}/2$ has the curvature upside down: the limit is $2/a_{\\max}$.`,
      })[thresholdForm(d)],
    "double-curvature": (d) =>
      ({
        half: `$2a$ multiplies by the curvature; a sharper minimum needs a *smaller* step, $2/a$.`,
        plain: `$2f''$ multiplies by the curvature; a sharper minimum needs a *smaller* step.`,
        diag: `$2a_{\\max}$ multiplies by the curvature; a sharper minimum needs a *smaller* step.`,
      })[thresholdForm(d)],
    "flat-direction": () => `$2/a_{\\min}$ only keeps the *flat* direction stable; the steep one ($a_{\\max}$) diverges first.`,
    "mean-curvature": () => `Used the average curvature; every direction must satisfy $|1-\\eta a_i| < 1$, so the largest $a_i$ decides.`,
  },

  solution: (d, s) => (d.mode === "diverges" ? divergesSolution(d, divergesOf(s)) : thresholdSolution(d, thresholdOf(s))),
};
