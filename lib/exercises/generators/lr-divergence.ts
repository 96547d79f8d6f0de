import { EngineError } from "@/lib/engine/errors";
import { createRng, type Rng } from "@/lib/engine/rng";
import { drawUntil, roundedUniform } from "../kit/draw";
import { echoesAnswer } from "../kit/echo";
import { REL_TOL, resolveMistakes } from "../kit/mistakes";
import { difficultyParam, stringParam } from "../kit/params";
import { texNum } from "../kit/tex";
import type { ExerciseInstance, AnswerSpec, ExerciseParams, KnownMistake } from "../types";
import type { LegacyGenerator } from "../legacy";

/** How answers are compared: a number within 0.5 %. */
const NUMBER_SPEC: AnswerSpec = { kind: "number", tolerance: { rel: REL_TOL } };

/**
 * Gradient descent on the quadratic f(w) = ½ a w², the one-dimensional model of
 * a loss near a minimum with curvature a = f''(w). One step is
 *   w_{t+1} = w_t - \eta f'(w_t) = w_t - \eta a w_t = (1 - \eta a)\, w_t,
 * so w_k = (1 - \eta a)^k w_0: GD converges iff |1 - ηa| < 1, i.e. 0 < η < 2/a.
 * The same "|factor| < 1" test as for backpropagated gradients, applied to the
 * parameter iterates instead: a too-large step size is the optimisation-side
 * cousin of exploding gradients.
 * Two questions: "diverges" (yes/no for a given η; difficulty 1: ½aw², 2: cw² whose
 * curvature is 2c, 3: a diagonal 2-D quadratic where the largest curvature
 * decides) and "threshold" (the limit η* = 2/a_max, same three forms).
 */

const MODES = ["diverges", "threshold"] as const;
type Mode = (typeof MODES)[number];

export type LrDivergenceDraw =
  /** diverges, difficulty 1: f = ½ a w², step size η. */
  | { mode: "diverges"; form: "half"; a: number; eta: number }
  /** diverges, difficulty 2: f = c w² (curvature a = 2c). */
  | { mode: "diverges"; form: "plain"; c: number; eta: number }
  /** diverges, difficulty 3: f = ½ (a_1 w_1² + a_2 w_2²). */
  | { mode: "diverges"; form: "diag"; a1: number; a2: number; eta: number }
  /** threshold, difficulty 1: f = ½ a w² given with a. */
  | { mode: "threshold"; form: "half"; a: number }
  /** threshold, difficulty 2: f = c w² (curvature a = 2c). */
  | { mode: "threshold"; form: "plain"; c: number }
  /** threshold, difficulty 3: f = ½ (a_1 w_1² + a_2 w_2²). */
  | { mode: "threshold"; form: "diag"; a1: number; a2: number };

type DivergesDraw = Extract<LrDivergenceDraw, { mode: "diverges" }>;

interface Built {
  draw: LrDivergenceDraw;
  expected: number | boolean;
  mistakes: KnownMistake[];
}

const fmt = (x: number): string => texNum(x, 6);

/** |1 − ηa| within this distance of 1 is too close to call: redraw. */
const MARGIN = 0.07;

type Regime = "monotone" | "oscillating" | "diverging";

function regimeOf(r: number): Regime {
  if (Math.abs(r) >= 1) return "diverging";
  return r < 0 ? "oscillating" : "monotone";
}

/** The curvatures of a diverges-mode draw (one per coordinate). */
function curvatures(d: DivergesDraw): number[] {
  return d.form === "half" ? [d.a] : d.form === "plain" ? [2 * d.c] : [d.a1, d.a2];
}

/** A step size that puts 1 − η·a near a target factor for the chosen regime, rounded to 2 decimals. */
function etaFor(rng: Rng, a: number, regime: Regime): number {
  const target =
    regime === "monotone" ? rng.uniform(0.2, 0.9) : regime === "oscillating" ? rng.uniform(-0.9, -0.2) : rng.uniform(-1.8, -1.1);
  return Math.round(((1 - target) / a) * 1000) / 1000;
}

function buildDiverges(rng: Rng, d: 1 | 2 | 3): Built | null {
  // Choose the regime first so converging, oscillating and diverging runs are equally common.
  const regime = rng.pick(["monotone", "oscillating", "diverging"] as const);
  let draw: DivergesDraw;
  if (d === 1) {
    const a = roundedUniform(rng, 0.5, 10, 1, 0.5);
    draw = { mode: "diverges", form: "half", a, eta: etaFor(rng, a, regime) };
  } else if (d === 2) {
    const c = roundedUniform(rng, 0.25, 5, 2, 0.25);
    draw = { mode: "diverges", form: "plain", c, eta: etaFor(rng, 2 * c, regime) };
  } else {
    const a1 = roundedUniform(rng, 0.5, 10, 1, 0.5);
    const a2 = roundedUniform(rng, 0.5, 10, 1, 0.5);
    // The steep direction decides; a clear gap makes "only checked the flat one" a real trap.
    if (Math.max(a1, a2) < 2.2 * Math.min(a1, a2)) return null;
    draw = { mode: "diverges", form: "diag", a1, a2, eta: etaFor(rng, Math.max(a1, a2), regime) };
  }
  const { eta } = draw;
  if (!(eta > 0)) return null;
  const factors = curvatures(draw).map((a) => 1 - eta * a);
  if (factors.some((r) => Math.abs(Math.abs(r) - 1) < MARGIN)) return null;
  const rSteep = factors.reduce((m, r) => (Math.abs(r) > Math.abs(m) ? r : m), 0);
  if (regimeOf(rSteep) !== regime) return null;
  const expected = Math.abs(rSteep) > 1;
  const mistakes: KnownMistake[] = [{ id: "", value: !expected, explanation: "" }];
  const m = mistakes[0] as KnownMistake;
  const aTex = draw.form === "diag" ? "a_{\\max}" : "a";
  const limit = 2 / Math.max(...curvatures(draw));
  if (expected) {
    if (draw.form === "plain" && Math.abs(1 - eta * draw.c) < 1) {
      m.id = "coefficient-as-curvature";
      m.explanation = `Took the coefficient $c = ${fmt(draw.c)}$ as the curvature. For $f = c\\,w^2$, $f'(w) = 2c\\,w$, so each step multiplies by $1 - 2c\\,\\eta = ${texNum(rSteep, 4)}$, and $|${texNum(rSteep, 4)}| > 1$.`;
    } else if (draw.form === "diag" && factors.some((r) => Math.abs(r) < 1)) {
      m.id = "flat-direction-only";
      m.explanation = `Checked only the flat direction. Every coordinate needs $|1-\\eta a_i| < 1$; along the steep one $1 - \\eta a_{\\max} = ${texNum(rSteep, 4)}$, so that coordinate blows up.`;
    } else {
      m.id = "said-converges";
      m.explanation = `The factor per step is $1-\\eta ${aTex} = ${texNum(rSteep, 4)}$ and $|${texNum(rSteep, 4)}| > 1$: $|w_t|$ grows every step. Stability needs $\\eta < 2/${aTex} = ${texNum(limit, 4)}$.`;
    }
  } else if (regime === "oscillating") {
    m.id = "overshoot-is-not-divergence";
    m.explanation = `$\\eta > 1/${aTex}$ makes every step overshoot the minimum (the sign of $w$ flips), but $|1-\\eta ${aTex}| = ${texNum(Math.abs(rSteep), 4)} < 1$, so $|w_t|$ still shrinks: it oscillates and converges.`;
  } else {
    m.id = "said-diverges";
    m.explanation = `The factor per step is $1-\\eta ${aTex} = ${texNum(rSteep, 4)}$, between 0 and 1: $w_t$ shrinks steadily to the minimum. Divergence needs $\\eta > 2/${aTex} = ${texNum(limit, 4)}$.`;
  }
  return { draw, expected, mistakes };
}

function buildThreshold(rng: Rng, d: 1 | 2 | 3): Built | null {
  const decimals = rng.int(1, 2);
  if (d === 1) {
    const a = roundedUniform(rng, 0.5, 20, decimals, 0.5);
    const expected = 2 / a;
    const mistakes = resolveMistakes(expected, [
      {
        id: "optimal-rate",
        value: 1 / a,
        explanation: `$1/a$ is the rate that jumps to the minimum in one step; GD stays stable up to twice that, $\\eta < 2/a$.`,
      },
      { id: "half-curvature", value: a / 2, explanation: `$a/2$ has the curvature upside down: the limit is $2/a$, not $a/2$.` },
      { id: "double-curvature", value: 2 * a, explanation: `$2a$ multiplies by the curvature; a sharper minimum needs a *smaller* step, $2/a$.` },
    ], NUMBER_SPEC, true);
    return mistakes ? { draw: { mode: "threshold", form: "half", a }, expected, mistakes } : null;
  }
  if (d === 2) {
    const c = roundedUniform(rng, 0.25, 10, decimals, 0.25);
    const a = 2 * c;
    const expected = 2 / a;
    const mistakes = resolveMistakes(expected, [
      {
        id: "coefficient-as-curvature",
        value: 2 / c,
        explanation: `Took the coefficient $c$ as the curvature; $f''(w) = 2c$, so the limit is $2/(2c) = 1/c$.`,
      },
      {
        id: "optimal-rate",
        value: 1 / a,
        explanation: `$1/f'' = 1/(2c)$ is the one-step-to-the-minimum rate; stability allows twice that.`,
      },
      { id: "half-curvature", value: a / 2, explanation: `$f''/2$ has the curvature upside down: the limit is $2/f''$.` },
      { id: "double-curvature", value: 2 * a, explanation: `$2f''$ multiplies by the curvature; a sharper minimum needs a *smaller* step.` },
    ], NUMBER_SPEC, true);
    return mistakes ? { draw: { mode: "threshold", form: "plain", c }, expected, mistakes } : null;
  }
  const a1 = roundedUniform(rng, 0.5, 20, decimals, 0.5);
  const a2 = roundedUniform(rng, 0.5, 20, decimals, 0.5);
  const hi = Math.max(a1, a2);
  const lo = Math.min(a1, a2);
  // A real gap between the two curvatures, otherwise "used the flat direction" is not a distinct mistake.
  if (hi < 1.5 * lo) return null;
  const expected = 2 / hi;
  const mistakes = resolveMistakes(expected, [
    {
      id: "flat-direction",
      value: 2 / lo,
      explanation: `$2/a_{\\min}$ only keeps the *flat* direction stable; the steep one ($a_{\\max}$) diverges first.`,
    },
    {
      id: "optimal-rate",
      value: 1 / hi,
      explanation: `$1/a_{\\max}$ is the rate that solves the steep direction in one step; stability allows twice that.`,
    },
    {
      id: "mean-curvature",
      value: 2 / ((a1 + a2) / 2),
      explanation: `Used the average curvature; every direction must satisfy $|1-\\eta a_i| < 1$, so the largest $a_i$ decides.`,
    },
    { id: "half-curvature", value: hi / 2, explanation: `$a_{\\max}/2$ has the curvature upside down: the limit is $2/a_{\\max}$.` },
    { id: "double-curvature", value: 2 * hi, explanation: `$2a_{\\max}$ multiplies by the curvature; a sharper minimum needs a *smaller* step.` },
  ], NUMBER_SPEC, true);
  return mistakes ? { draw: { mode: "threshold", form: "diag", a1, a2 }, expected, mistakes } : null;
}

/** The numbers a draw shows in its prompt. */
function shownNumbers(d: LrDivergenceDraw): number[] {
  return Object.values(d).filter((v): v is number => typeof v === "number");
}

function build(seed: number, params: ExerciseParams): { built: Built; mode: Mode; d: 1 | 2 | 3 } {
  const mode = stringParam(params, "mode", MODES);
  const d = difficultyParam(params);
  const rng = createRng(seed);
  const built = drawUntil(
    rng,
    (r) => (mode === "diverges" ? buildDiverges(r, d) : buildThreshold(r, d)),
    // No number shown in the prompt may already be accepted as the answer.
    (x) => x !== null && !(typeof x.expected === "number" && echoesAnswer(shownNumbers(x.draw), x.expected)),
    1000,
  );
  if (!built) throw new EngineError("seed", "no acceptable instance");
  return { built, mode, d };
}

/** The raw drawn data of an instance (for tests that recompute the answer independently). */
export function drawLrDivergence(seed: number, params: ExerciseParams): LrDivergenceDraw {
  return build(seed, params).built.draw;
}

function divergesText(draw: DivergesDraw, expected: boolean) {
  const { eta } = draw;
  const curv = curvatures(draw);
  const factors = curv.map((a) => 1 - eta * a);
  const loss =
    draw.form === "half"
      ? `f(w) = \\tfrac12\\, a\\, w^2, \\qquad a = ${fmt(draw.a)}`
      : draw.form === "plain"
        ? `f(w) = ${fmt(draw.c)}\\, w^2`
        : `f(w_1, w_2) = \\tfrac12\\left(a_1 w_1^2 + a_2 w_2^2\\right), \\qquad a_1 = ${fmt(draw.a1)},\\quad a_2 = ${fmt(draw.a2)}`;
  const start = draw.form === "diag" ? `any starting point with $w_1 \\ne 0$ and $w_2 \\ne 0$` : `any starting point $w_0 \\ne 0$`;
  const prompt = [
    `Gradient descent $w \\leftarrow w - \\eta\\, \\nabla f(w)$ with the constant step size $\\eta = ${fmt(eta)}$ minimises`,
    ``,
    `$$`,
    `${loss}.`,
    `$$`,
    ``,
    `Does it diverge (the iterates grow without bound) from ${start}? Answer yes or no.`,
  ].join("\n");
  const describe = (r: number): string => {
    const regime = regimeOf(r);
    return regime === "monotone"
      ? `$0 < ${texNum(r, 5)} < 1$: shrinks towards the minimum without changing sign (converges)`
      : regime === "oscillating"
        ? `$-1 < ${texNum(r, 5)} < 0$: overshoots, so the sign flips every step, but the magnitude shrinks (oscillates and converges)`
        : r < 0
          ? `$${texNum(r, 5)} < -1$: the sign flips and the magnitude grows by $${texNum(Math.abs(r), 5)}$ every step (diverges)`
          : `$${texNum(r, 5)} > 1$: grows every step (diverges)`;
  };
  const setup =
    draw.form === "half"
      ? [
          `The gradient is $f'(w) = a\\,w$, so one step is $w_{t+1} = (1-\\eta a)\\,w_t$ and $w_t = (1-\\eta a)^t\\,w_0$, with`,
          ``,
          `$$`,
          `1-\\eta a = 1 - ${fmt(eta)}\\cdot ${fmt(draw.a)} = ${texNum(factors[0] as number, 6)}.`,
          `$$`,
          ``,
          `The factor is ${describe(factors[0] as number)}.`,
        ]
      : draw.form === "plain"
        ? [
            `The curvature is $a = f''(w) = 2\\cdot ${fmt(draw.c)} = ${fmt(2 * draw.c)}$ (the gradient is $f'(w) = 2c\\,w$, not $c\\,w$). One step is $w_{t+1} = (1-\\eta a)\\,w_t$, with`,
            ``,
            `$$`,
            `1-\\eta a = 1 - ${fmt(eta)}\\cdot ${fmt(2 * draw.c)} = ${texNum(factors[0] as number, 6)}.`,
            `$$`,
            ``,
            `The factor is ${describe(factors[0] as number)}.`,
          ]
        : [
            `The gradient is $(a_1 w_1,\\ a_2 w_2)$, so the coordinates decouple: $w_{i,t+1} = (1-\\eta a_i)\\,w_{i,t}$.`,
            ``,
            `| coordinate | $a_i$ | $1-\\eta a_i$ | behaviour |`,
            `|---|---|---|---|`,
            ...curv.map((a, i) => `| $w_${i + 1}$ | $${fmt(a)}$ | $${texNum(factors[i] as number, 5)}$ | ${describe(factors[i] as number)} |`),
            ``,
            `The iterates diverge as soon as **one** coordinate does: the steep direction (largest curvature) decides.`,
          ];
  const limit = 2 / Math.max(...curv);
  const show = Math.max(...factors.map(Math.abs));
  const rSteep = factors.reduce((m, r) => (Math.abs(r) > Math.abs(m) ? r : m), 0);
  const iterates = Array.from({ length: 6 }, (_, t) => texNum(rSteep ** t, 4));
  const solution = [
    ...setup,
    ``,
    `The rule: GD on a quadratic is stable iff $|1-\\eta a| < 1$ for every curvature $a$, i.e. $0 < \\eta < ${draw.form === "diag" ? "2/a_{\\max}" : "2/a"} = ${texNum(limit, 4)}$. Here $\\eta = ${fmt(eta)} ${expected ? ">" : "<"} ${texNum(limit, 4)}$. Starting from 1 along the ${draw.form === "diag" ? "steep direction" : "only direction"}, the first iterates are $${iterates.join(",\\ ")}$, and $|w_t| = ${texNum(show, 4)}^t\\,|w_0|$ ${expected ? "grows without bound" : "goes to 0"}.`,
    ``,
    `**Answer: ${expected ? "yes" : "no"}** — it ${expected ? "diverges" : "converges"}.`,
  ].join("\n");
  const hint =
    draw.form === "plain"
      ? `First find the curvature $a = f''(w)$: for $f = c\\,w^2$ it is $2c$, not $c$. Then check whether $|1-\\eta a| < 1$ — both ends of that inequality matter.`
      : draw.form === "diag"
        ? `Each coordinate is its own 1-D problem $w_i \\leftarrow (1-\\eta a_i)\\,w_i$. Check $|1-\\eta a_i| < 1$ for *both*, especially the larger $a_i$.`
        : `Write one step as $w_{t+1} = (1-\\eta a)\\,w_t$ and check whether $|1-\\eta a| < 1$. A negative factor alone (overshooting) is not divergence.`;
  return { prompt, solution, hint };
}

function thresholdText(draw: Exclude<LrDivergenceDraw, { mode: "diverges" }>, expected: number) {
  const ask = `Give $\\eta^*$ as a number (4 significant digits are enough).`;
  const tail = `Gradient descent $w \\leftarrow w - \\eta\\, \\nabla f(w)$ with a constant step size converges to the minimum from every starting point exactly when $0 < \\eta < \\eta^*$. What is the stability limit $\\eta^*$?`;
  if (draw.form === "half") {
    const { a } = draw;
    const prompt = [`Consider the quadratic loss`, ``, `$$`, `f(w) = \\tfrac12\\, a\\, w^2, \\qquad a = ${fmt(a)}.`, `$$`, ``, tail, ask].join("\n");
    const solution = [
      `One GD step is $w_{t+1} = w_t - \\eta a\\, w_t = (1-\\eta a)\\, w_t$, so $w_k = (1-\\eta a)^k w_0$. This shrinks to 0 for every $w_0$ iff`,
      ``,
      `$$`,
      `|1-\\eta a| < 1 \\iff 0 < \\eta < \\frac{2}{a}.`,
      `$$`,
      ``,
      `Between $1/a = ${texNum(1 / a, 4)}$ (one step lands exactly on the minimum) and $2/a$ the iterates overshoot and oscillate but still shrink; at $\\eta = 2/a$ they bounce forever; above it they grow.`,
      ``,
      `$$`,
      `\\eta^* = \\frac{2}{a} = \\frac{2}{${fmt(a)}} = ${texNum(expected, 4)}`,
      `$$`,
    ].join("\n");
    const hint = `Write one step as $w_{t+1} = (1-\\eta a)\\,w_t$ and ask when the factor satisfies $|1-\\eta a| < 1$ — both ends of that inequality matter.`;
    return { prompt, solution, hint };
  }
  if (draw.form === "plain") {
    const { c } = draw;
    const a = 2 * c;
    const prompt = [`Consider the quadratic loss`, ``, `$$`, `f(w) = ${fmt(c)}\\, w^2.`, `$$`, ``, tail, ask].join("\n");
    const solution = [
      `The curvature is $a = f''(w) = 2\\cdot ${fmt(c)} = ${fmt(a)}$ (write $f = \\tfrac12 a w^2$). One GD step is $w_{t+1} = (1-\\eta a)\\, w_t$, which shrinks for every $w_0$ iff`,
      ``,
      `$$`,
      `|1-\\eta a| < 1 \\iff 0 < \\eta < \\frac{2}{a}.`,
      `$$`,
      ``,
      `($1/a = ${texNum(1 / a, 4)}$ would reach the minimum in one step; up to $2/a$ the iterates oscillate but still converge.)`,
      ``,
      `$$`,
      `\\eta^* = \\frac{2}{a} = \\frac{2}{${fmt(a)}} = ${texNum(expected, 4)}`,
      `$$`,
    ].join("\n");
    const hint = `First find the curvature $a = f''(w)$: with $f = c\\,w^2$ it is $2c = ${fmt(a)}$, not $c$. Then require $|1-\\eta a| < 1$.`;
    return { prompt, solution, hint };
  }
  const { a1, a2 } = draw;
  const hi = Math.max(a1, a2);
  const prompt = [
    `Consider the two-parameter quadratic loss`,
    ``,
    `$$`,
    `f(w_1, w_2) = \\tfrac12\\left(a_1 w_1^2 + a_2 w_2^2\\right), \\qquad a_1 = ${fmt(a1)},\\quad a_2 = ${fmt(a2)}.`,
    `$$`,
    ``,
    tail,
    ask,
  ].join("\n");
  const solution = [
    `The gradient is $(a_1 w_1,\\ a_2 w_2)$, so the coordinates decouple: $w_{i,t+1} = (1-\\eta a_i)\\, w_{i,t}$. Both must shrink, so`,
    ``,
    `$$`,
    `|1-\\eta a_1| < 1 \\text{ and } |1-\\eta a_2| < 1 \\iff 0 < \\eta < \\frac{2}{\\max(a_1, a_2)}.`,
    `$$`,
    ``,
    `The steepest direction (largest curvature, the largest Hessian eigenvalue) sets the limit; the flat direction would tolerate $2/${fmt(Math.min(a1, a2))} = ${texNum(2 / Math.min(a1, a2), 4)}$ but then the steep one diverges. This is why ill-conditioned losses force small steps and make progress along flat directions slow.`,
    ``,
    `$$`,
    `\\eta^* = \\frac{2}{a_{\\max}} = \\frac{2}{${fmt(hi)}} = ${texNum(expected, 4)}`,
    `$$`,
  ].join("\n");
  const hint = `The coordinates do not interact: each one is a 1-D problem $w_i \\leftarrow (1-\\eta a_i)\\,w_i$. Which of the two conditions $|1-\\eta a_i| < 1$ is harder to meet?`;
  return { prompt, solution, hint };
}

export const lrDivergence: LegacyGenerator = {
  id: "lr-divergence",
  title: "Gradient descent on a quadratic: stable or divergent step size",
  params: { mode: MODES },
  generate(seed: number, params: ExerciseParams): ExerciseInstance {
    const { built, mode, d } = build(seed, params);
    const { draw, expected, mistakes } = built;
    const text =
      draw.mode === "diverges" ? divergesText(draw, expected as boolean) : thresholdText(draw, expected as number);
    const answer: AnswerSpec = draw.mode === "diverges" ? { kind: "boolean" } : { kind: "number", tolerance: { rel: REL_TOL } };
    return {
      generator: "lr-divergence",
      seed,
      locale: "en" as const,
      params: { ...params, mode, difficulty: d },
      prompt: text.prompt,
      answer,
      expected,
      expectedTex: typeof expected === "boolean" ? `\\text{${expected ? "yes" : "no"}}` : texNum(expected, 4),
      mistakes,
      hint: text.hint,
      solution: text.solution,
    };
  },
};
