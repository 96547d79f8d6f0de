import { sigmoid, sigmoidPrime, tanh, tanhPrime } from "@/lib/engine/activations";
import { EngineError } from "@/lib/engine/errors";
import { type Matrix, singularValues, spectralRadius } from "@/lib/engine/linalg";
import { createRng, type Rng } from "@/lib/engine/rng";
import { drawUntil, roundedUniform } from "../kit/draw";
import { echoesAnswer } from "../kit/echo";
import { REL_TOL, resolveMistakes } from "../kit/mistakes";
import { difficultyParam, stringParam } from "../kit/params";
import { texMat, texNum, texParen, texTerm } from "../kit/tex";
import type { ExerciseInstance, AnswerSpec, ExerciseParams, KnownMistake } from "../types";
import type { LegacyGenerator, LegacyMistakeCandidate } from "../legacy";

/** How answers are compared: a number within 0.5 %. */
const NUMBER_SPEC: AnswerSpec = { kind: "number", tolerance: { rel: REL_TOL } };

/**
 * BPTT's repeated factor. scalar: for h_t = f(z_t), z_t = w h_{t-1} + u x_t + b,
 * the chain rule through time gives
 *   \frac{\partial h_T}{\partial h_0} = \prod_{t=1}^{T} \frac{\partial h_t}{\partial h_{t-1}}
 *     = \prod_{t=1}^{T} f'(z_t)\,\frac{\partial z_t}{\partial h_{t-1}} = \prod_{t=1}^{T} w\, f'(z_t),
 * with \tanh'(z) = 1 - \tanh^2(z) = 1 - h_t^2 and \sigma'(z) = \sigma(z)(1-\sigma(z)) = h_t(1-h_t).
 * eigen: for a 2×2 recurrent matrix W, the long-run growth of W^k is set by the
 * spectral radius \rho(W) = \max_i |\lambda_i|, with
 *   \lambda_{1,2} = \tfrac12\big(\operatorname{tr} W \pm \sqrt{(\operatorname{tr} W)^2 - 4\det W}\big)
 * and |\lambda| = \sqrt{\det W} for a complex-conjugate pair.
 */

const MODES = ["scalar", "eigen"] as const;
type Mode = (typeof MODES)[number];

const STEPS = [3, 5, 8] as const;

export type RnnActivation = "tanh" | "sigmoid";

export interface RnnScalarDraw {
  mode: "scalar";
  activation: RnnActivation;
  w: number;
  u: number;
  b: number;
  h0: number;
  /** x_1 … x_T. */
  x: number[];
}

export interface RnnEigenDraw {
  mode: "eigen";
  W: Matrix;
}

export type RnnBpttFactorDraw = RnnScalarDraw | RnnEigenDraw;

interface Built {
  draw: RnnBpttFactorDraw;
  expected: number;
  mistakes: KnownMistake[];
}

const fmt = (x: number): string => texNum(x, 6);

const ACT: Record<RnnActivation, { f: (z: number) => number; fp: (z: number) => number; tex: string; fpTex: string }> = {
  tanh: { f: tanh, fp: tanhPrime, tex: "\\tanh", fpTex: "1-h_t^2" },
  sigmoid: { f: sigmoid, fp: sigmoidPrime, tex: "\\sigma", fpTex: "h_t(1-h_t)" },
};

/** Forward pass of the scalar RNN: z_1..z_T and h_0..h_T. */
function scalarForward(d: RnnScalarDraw): { z: number[]; h: number[] } {
  const z: number[] = [];
  const h: number[] = [d.h0];
  d.x.forEach((xt, i) => {
    const zt = d.w * (h[i] as number) + d.u * xt + d.b;
    z.push(zt);
    h.push(ACT[d.activation].f(zt));
  });
  return { z, h };
}

function buildScalar(rng: Rng, T: number, d: 1 | 2 | 3): Built | null {
  // Difficulty 1 stays with tanh; later, sigmoid too, whose σ' ≤ 1/4 needs |w| > 4 to avoid vanishing.
  const activation: RnnActivation = d === 1 ? "tanh" : rng.pick(["tanh", "sigmoid"] as const);
  const w = activation === "tanh" ? roundedUniform(rng, -2.5, 2.5, 2, 0.4) : roundedUniform(rng, -6, 6, 2, 1);
  const u = roundedUniform(rng, -1.5, 1.5, 2, 0.1);
  const b = roundedUniform(rng, -0.5, 0.5, 2);
  const h0 = activation === "tanh" ? roundedUniform(rng, -1, 1, 1) : roundedUniform(rng, 0, 1, 1);
  const x = Array.from({ length: T }, () => roundedUniform(rng, -2, 2, 1));
  const draw: RnnScalarDraw = { mode: "scalar", activation, w, u, b, h0, x };
  const act = ACT[activation];
  const { z } = scalarForward(draw);
  const fp = z.map(act.fp);
  // A unit deep in saturation (f' < 0.05) makes the product ≈ 0 for a boring reason.
  if (fp.some((v) => v < 0.05)) return null;
  const factors = fp.map((v) => w * v);
  const expected = factors.reduce((p, f) => p * f, 1);
  if (!(Math.abs(expected) >= 1e-4 && Math.abs(expected) < 1e4)) return null;
  // Difficulty 1 also shows the forward pass (z_t, h_t); no shown number may already be the answer.
  if (echoesAnswer([w, u, b, h0, ...x, ...z, ...z.map(act.f)], expected)) return null;
  const fTex = act.tex;
  const cands: LegacyMistakeCandidate[] = [
    {
      id: "forgot-f-prime",
      value: w ** T,
      explanation: `Forgot $${fTex}'$: $w^{${T}}$ is the factor of a *linear* RNN; each step also multiplies by $${fTex}'(z_t) = ${act.fpTex}$.`,
    },
    {
      id: "forgot-w",
      value: fp.reduce((p, v) => p * v, 1),
      explanation: `Forgot $w$: $\\prod_t ${fTex}'(z_t)$ misses $\\partial z_t/\\partial h_{t-1} = w$, one factor $w$ per step.`,
    },
    {
      id: "f-instead-of-derivative",
      value: z.reduce((p, zt) => p * w * act.f(zt), 1),
      optional: true,
      explanation: `Used $${fTex}(z_t)$ (the state $h_t$) instead of its derivative $${fTex}'(z_t) = ${act.fpTex}$.`,
    },
    {
      id: "one-factor-short",
      value: factors.slice(1).reduce((p, f) => p * f, 1),
      explanation: `One step missing: $\\prod_{t=2}^{${T}}$ is $\\partial h_{${T}}/\\partial h_1$; going back to $h_0$ takes ${T} factors, including $w\\,${fTex}'(z_1)$.`,
    },
    {
      id: "sign-error",
      value: -expected,
      explanation: `Sign error: $${fTex}' > 0$, so every factor has the sign of $w = ${fmt(w)}$ and the product has the sign of $w^{${T}}$.`,
    },
  ];
  const mistakes = resolveMistakes(expected, cands, NUMBER_SPEC, true);
  return mistakes ? { draw, expected, mistakes } : null;
}

interface EigenInfo {
  tr: number;
  det: number;
  disc: number;
  complex: boolean;
  /** Real case: λ₁ ≥ λ₂; complex case: real part and |imaginary part|. */
  l1: number;
  l2: number;
  rho: number;
}

function eigenInfo(W: Matrix): EigenInfo {
  const [[a, b], [c, d]] = W as [[number, number], [number, number]];
  const tr = a + d;
  const det = a * d - b * c;
  const disc = tr * tr - 4 * det;
  if (disc >= 0) {
    const s = Math.sqrt(disc);
    const l1 = (tr + s) / 2;
    const l2 = (tr - s) / 2;
    return { tr, det, disc, complex: false, l1, l2, rho: Math.max(Math.abs(l1), Math.abs(l2)) };
  }
  return { tr, det, disc, complex: true, l1: tr / 2, l2: Math.sqrt(-disc) / 2, rho: Math.sqrt(det) };
}

function buildEigen(rng: Rng, d: 1 | 2 | 3): Built | null {
  // d1: real eigenvalues only; d2: real or complex; d3: mostly complex and clearly non-normal.
  const wantComplex = d === 1 ? false : d === 2 ? rng.next() < 0.5 : rng.next() < 2 / 3;
  const lim = d === 3 ? 1.5 : 1.2;
  const W: Matrix = [
    [roundedUniform(rng, -lim, lim, 1), roundedUniform(rng, -lim, lim, 1)],
    [roundedUniform(rng, -lim, lim, 1), roundedUniform(rng, -lim, lim, 1)],
  ];
  const info = eigenInfo(W);
  // Keep real and complex cases apart from the repeated-eigenvalue boundary.
  if (wantComplex ? !(info.disc < -0.04) : !(info.disc > 0.04)) return null;
  const rho = spectralRadius(W);
  if (Math.abs(rho - 1) <= 0.02 || rho < 0.2 || rho > 2.5) return null;
  // ρ equal to one of the shown entries (e.g. a triangular W) would put the answer in the prompt.
  if (W.flat().some((v) => Math.abs(Math.abs(v) - rho) <= 0.02 * rho)) return null;
  // The hint shows tr W and det W; ρ = |tr W| (a singular W) or ρ = |det W| would give it away.
  if ([info.tr, info.det].some((v) => Math.abs(Math.abs(v) - rho) <= 0.02 * rho)) return null;
  const sMax = singularValues(W)[0] as number;
  if (d === 3 && sMax < 1.1 * rho) return null;
  const dominant = Math.abs(info.l1) >= Math.abs(info.l2) ? info.l1 : info.l2;
  const cands: LegacyMistakeCandidate[] = [
    {
      id: "largest-entry",
      value: Math.max(...W.flat().map(Math.abs)),
      explanation: `That is the largest $|W_{ij}|$; the entries alone do not decide growth, the eigenvalues of $W$ do (they mix all four entries through $\\operatorname{tr} W$ and $\\det W$).`,
    },
    {
      id: "singular-value",
      value: sMax,
      optional: true,
      explanation: `That is the largest *singular value* $\\sigma_{\\max}(W)$ (the most one multiplication can stretch a vector), not the largest $|\\lambda|$ that governs $W^k$ for large $k$.`,
    },
  ];
  if (!info.complex) {
    cands.push(
      {
        id: "signed-largest",
        value: info.l1,
        optional: true,
        explanation: `Took the largest eigenvalue by *sign*; growth is governed by the largest *modulus*, and here $|\\lambda_2| = ${texNum(Math.abs(info.l2), 4)} > |\\lambda_1|$.`,
      },
      {
        id: "dropped-absolute-value",
        value: dominant,
        optional: true,
        explanation: `Dropped the absolute value: the spectral radius is $|\\lambda|$, a nonnegative number.`,
      },
    );
  }
  cands.push(
    {
      id: "trace-half",
      value: info.tr / 2,
      explanation: `$\\operatorname{tr} W / 2$ is only the midpoint of the two eigenvalues (their real part when complex), not the largest $|\\lambda|$.`,
    },
    {
      id: "determinant",
      value: info.det,
      explanation: info.complex
        ? `$\\det W = |\\lambda|^2$ for a complex pair; take the square root.`
        : `$\\det W = \\lambda_1\\lambda_2$ is the *product* of the eigenvalues, not the largest modulus.`,
    },
  );
  const mistakes = resolveMistakes(rho, cands, NUMBER_SPEC, true);
  return mistakes ? { draw: { mode: "eigen", W }, expected: rho, mistakes } : null;
}

function build(seed: number, params: ExerciseParams): { built: Built; mode: Mode; d: 1 | 2 | 3 } {
  const mode = stringParam(params, "mode", MODES);
  const d = difficultyParam(params);
  const rng = createRng(seed);
  const built = drawUntil(rng, (r) => (mode === "scalar" ? buildScalar(r, STEPS[d - 1] as number, d) : buildEigen(r, d)), (x) => x !== null, 2000);
  if (!built) throw new EngineError("seed", "no acceptable instance");
  return { built, mode, d };
}

/** The raw drawn data of an instance (for tests that recompute the answer independently). */
export function drawRnnBpttFactor(seed: number, params: ExerciseParams): RnnBpttFactorDraw {
  return build(seed, params).built.draw;
}

function scalarText(draw: RnnScalarDraw, expected: number, d: 1 | 2 | 3) {
  const { w, u, b, h0, x } = draw;
  const act = ACT[draw.activation];
  const f = act.tex;
  const T = x.length;
  const { z, h } = scalarForward(draw);
  const xs = x.map((v, i) => `x_{${i + 1}} = ${fmt(v)}`).join(",\\ ");
  const lines = [
    `A scalar RNN with a ${draw.activation === "tanh" ? "tanh" : "sigmoid"} unit runs for $T = ${T}$ steps:`,
    ``,
    `$$`,
    `z_t = w\\,h_{t-1} + u\\,x_t + b, \\qquad h_t = ${f}(z_t), \\qquad w = ${fmt(w)},\\ u = ${fmt(u)},\\ b = ${fmt(b)},\\ h_0 = ${fmt(h0)}.`,
    `$$`,
    ``,
    `Inputs: $${xs}$.`,
  ];
  if (d === 1) {
    lines.push(
      ``,
      `For convenience, the forward pass gives:`,
      ``,
      `| $t$ | ${z.map((_, i) => `${i + 1}`).join(" | ")} |`,
      `|---|${z.map(() => "---").join("|")}|`,
      `| $z_t$ | ${z.map((v) => `$${fmt(v)}$`).join(" | ")} |`,
      `| $h_t$ | ${h.slice(1).map((v) => `$${fmt(v)}$`).join(" | ")} |`,
    );
  }
  lines.push(
    ``,
    `What is $\\dfrac{\\partial h_{${T}}}{\\partial h_0}$, the factor by which BPTT scales a gradient on $h_{${T}}$ on its way back to $h_0$? Give a number (4 significant digits are enough).`,
  );
  const prompt = lines.join("\n");
  const fp = z.map(act.fp);
  let run = 1;
  const rows = z.map((zt, i) => {
    const factor = w * (fp[i] as number);
    run *= factor;
    return `| ${i + 1} | $${texNum(zt, 5)}$ | $${texNum(h[i + 1] as number, 5)}$ | $${texNum(fp[i] as number, 5)}$ | $${texNum(factor, 5)}$ | $${texNum(run, 5)}$ |`;
  });
  const solution = [
    `Each step depends on the previous state only through $z_t$, so by the chain rule`,
    ``,
    `$$`,
    `\\frac{\\partial h_t}{\\partial h_{t-1}} = ${f}'(z_t)\\,\\frac{\\partial z_t}{\\partial h_{t-1}} = w\\,\\bigl(${act.fpTex}\\bigr), \\qquad \\frac{\\partial h_{${T}}}{\\partial h_0} = \\prod_{t=1}^{${T}} w\\,${f}'(z_t).`,
    `$$`,
    ``,
    `Forward pass ($z_t = ${fmt(w)}\\,h_{t-1} ${texTerm(u, fmt)}\\,x_t ${texTerm(b, fmt)}$), then one factor per step:`,
    ``,
    `| $t$ | $z_t$ | $h_t$ | $${f}'(z_t) = ${act.fpTex}$ | $w\\,${f}'(z_t)$ | running product |`,
    `|---|---|---|---|---|---|`,
    ...rows,
    ``,
    Math.abs(expected) < 1
      ? `The factors have magnitude below 1 on average, so the gradient reaching $h_0$ is smaller than the one on $h_{${T}}$: this is vanishing in time, and longer sequences make it exponentially worse.`
      : `The factors have magnitude above 1 on average, so the gradient reaching $h_0$ is larger than the one on $h_{${T}}$: this is exploding in time, and longer sequences make it exponentially worse.`,
    ``,
    `$$`,
    `\\frac{\\partial h_{${T}}}{\\partial h_0} = ${texNum(expected, 4)}`,
    `$$`,
  ].join("\n");
  const hint = `Each step contributes one factor $w\\,${f}'(z_t) = w\\,${act.fpTex === "1-h_t^2" ? "(1-h_t^2)" : "h_t(1-h_t)"}$. Check the first one: $z_1 = ${texNum(z[0] as number, 5)}$, so $w\\,${f}'(z_1) = ${texNum(w * (fp[0] as number), 5)}$. You need ${T} such factors.`;
  return { prompt, solution, hint };
}

function eigenText(draw: RnnEigenDraw, expected: number) {
  const { W } = draw;
  const info = eigenInfo(W);
  const sMax = singularValues(W)[0] as number;
  const prompt = [
    `A linearised RNN multiplies the backpropagated gradient by the recurrent matrix at every step (ignoring $f'$ for now), with`,
    ``,
    `$$`,
    `W = ${texMat(W, 6)}.`,
    `$$`,
    ``,
    `What is the spectral radius $\\rho(W) = \\max_i |\\lambda_i|$, the largest eigenvalue modulus of $W$? Give a number (4 significant digits are enough).`,
  ].join("\n");
  const [[a, b], [c, d]] = W as [[number, number], [number, number]];
  const eig = info.complex
    ? [
        `The discriminant is negative, so the eigenvalues are a complex-conjugate pair`,
        ``,
        `$$`,
        `\\lambda_{1,2} = \\frac{\\operatorname{tr} W}{2} \\pm i\\,\\frac{\\sqrt{-\\Delta}}{2} = ${texNum(info.l1, 5)} \\pm ${texNum(info.l2, 5)}\\,i,`,
        `$$`,
        ``,
        `and both have the same modulus, $|\\lambda|^2 = \\lambda\\bar\\lambda = \\lambda_1\\lambda_2 = \\det W$:`,
        ``,
        `$$`,
        `\\rho(W) = \\sqrt{\\det W} = \\sqrt{${texNum(info.det, 6)}} = ${texNum(expected, 4)}`,
        `$$`,
      ]
    : [
        `The discriminant is positive, so the eigenvalues are real:`,
        ``,
        `$$`,
        `\\lambda_{1,2} = \\frac{\\operatorname{tr} W \\pm \\sqrt{\\Delta}}{2} = \\frac{${texNum(info.tr, 6)} \\pm ${texNum(Math.sqrt(info.disc), 5)}}{2}: \\quad \\lambda_1 = ${texNum(info.l1, 5)},\\ \\lambda_2 = ${texNum(info.l2, 5)}.`,
        `$$`,
        ``,
        `The spectral radius is the larger *modulus*:`,
        ``,
        `$$`,
        `\\rho(W) = \\max(|${texNum(info.l1, 5)}|,\\ |${texNum(info.l2, 5)}|) = ${texNum(expected, 4)}`,
        `$$`,
      ];
  // With tanh each step multiplies by D_t W, D_t = diag(tanh'(z_t)), 0 < entries ≤ 1. That does NOT mean the
  // product can only shrink: for a non-normal W, ρ(D W) can exceed ρ(W) (W = [[−1.5, −1.4], [0.6, 0]]: ρ = 0.92,
  // D = diag(1, 0.035): ρ(DW) = 1.47). What holds for every draw is the norm bound ‖∏ D_t W‖ ≤ σ_max(W)^T.
  const tanhBound = `With tanh, each step multiplies by $D_t W$ with $D_t = \\operatorname{diag}(\\tanh'(z_t))$, entries in $(0, 1]$. That does not guarantee that the product shrinks: for a non-normal $W$, $\\rho(D_t W)$ can exceed $\\rho(W)$, so $\\rho$ alone bounds nothing here. What does hold is the norm bound $\\bigl\\lVert \\prod_{t=1}^{T} D_t W \\bigr\\rVert \\le \\prod_{t=1}^{T} \\lVert D_t\\rVert\\,\\lVert W\\rVert \\le \\sigma_{\\max}(W)^T$, since $\\lVert D_t\\rVert \\le 1$.`;
  const boundHere =
    sMax < 1
      ? ` Here $\\sigma_{\\max}(W) = ${texNum(sMax, 4)} < 1$, so these gradients vanish at least like $${texNum(sMax, 4)}^T$ whatever the $D_t$ are.`
      : ` Here $\\sigma_{\\max}(W) = ${texNum(sMax, 4)} \\ge 1$, so that bound does not rule out growth.`;
  const meaning =
    expected > 1
      ? `**What it implies.** $\\rho(W) = ${texNum(expected, 4)} > 1$: repeated multiplication by $W$ (a linear RNN, or tanh units in their linear range) grows along the leading eigenvector like $\\rho^k$ — gradients over long spans **explode**. ${tanhBound} Saturation ($\\tanh' \\ll 1$) often tames the growth, but that is not guaranteed.`
      : `**What it implies.** $\\rho(W) = ${texNum(expected, 4)} < 1$: repeated multiplication by $W$ alone shrinks every direction eventually, like $\\rho^k$ — gradients over long spans **vanish** in a linear RNN. ${tanhBound}${boundHere}`;
  // The transient-growth remark only where it applies: a step can stretch a gradient only if σ_max > 1.
  const transient =
    sMax > 1 && sMax > expected * 1.02
      ? `, larger than $\\rho$ and than 1, so a single step can stretch a gradient by up to $\\sigma_{\\max}$ and a few steps can amplify it more than $\\rho^k$ suggests (transient growth of a non-normal matrix)`
      : sMax <= 1
        ? `, at most 1, so no step can stretch a gradient: $\\lVert W^k\\rVert \\le \\sigma_{\\max}^k \\le 1$ for every $k$`
        : "";
  const solution = [
    `For a $2\\times 2$ matrix the eigenvalues solve $\\lambda^2 - (\\operatorname{tr} W)\\,\\lambda + \\det W = 0$:`,
    ``,
    `$$`,
    `\\operatorname{tr} W = ${fmt(a)} ${texTerm(d, fmt)} = ${texNum(info.tr, 6)}, \\qquad \\det W = ${texParen(a, fmt)}\\cdot ${texParen(d, fmt)} - ${texParen(b, fmt)}\\cdot ${texParen(c, fmt)} = ${texNum(info.det, 6)},`,
    `$$`,
    ``,
    `$$`,
    `\\Delta = (\\operatorname{tr} W)^2 - 4\\det W = ${texNum(info.disc, 6)}.`,
    `$$`,
    ``,
    ...eig,
    ``,
    meaning,
    ``,
    `**Caveat.** The eigenvalues describe the long run, $\\lVert W^k\\rVert \\approx \\rho^k$ for large $k$. For a finite number of steps the norm of $W^k$ is also governed by the singular values: here $\\sigma_{\\max}(W) = ${texNum(sMax, 4)}$${transient}. In a real RNN the $\\operatorname{diag}(f')$ factors change every step, so $\\rho(W) > 1$ is a heuristic for explosion and $\\rho(W) < 1$ one for vanishing, not guarantees; only $\\sigma_{\\max}(W) < 1$ guarantees vanishing.`,
    ``,
    `**Answer:** $\\rho(W) = ${texNum(expected, 4)}$.`,
  ].join("\n");
  const hint = `Start from the characteristic polynomial $\\lambda^2 - (\\operatorname{tr} W)\\lambda + \\det W = 0$ with $\\operatorname{tr} W = ${texNum(info.tr, 6)}$ and $\\det W = ${texNum(info.det, 6)}$. Check the sign of the discriminant: for a complex pair, $|\\lambda| = \\sqrt{\\det W}$.`;
  return { prompt, solution, hint };
}

export const rnnBpttFactor: LegacyGenerator = {
  id: "rnn-bptt-factor",
  title: "BPTT: the repeated factor through time",
  params: { mode: MODES },
  generate(seed: number, params: ExerciseParams): ExerciseInstance {
    const { built, mode, d } = build(seed, params);
    const { draw, expected, mistakes } = built;
    const text = draw.mode === "scalar" ? scalarText(draw, expected, d) : eigenText(draw, expected);
    return {
      generator: "rnn-bptt-factor",
      seed,
      locale: "en" as const,
      params: { ...params, mode, difficulty: d },
      prompt: text.prompt,
      answer: { kind: "number", tolerance: { rel: REL_TOL } },
      expected,
      expectedTex: texNum(expected, 4),
      mistakes,
      hint: text.hint,
      solution: text.solution,
    };
  },
};
