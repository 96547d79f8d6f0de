import { sigmoid, sigmoidPrime, tanhPrime } from "@/lib/engine/activations";
import { createRng, type Rng } from "@/lib/engine/rng";
import { drawUntil, round, roundedUniform } from "../kit/draw";
import { promptShowsAnswer } from "../kit/echo";
import { REL_TOL, resolveAllMistakes } from "../kit/mistakes";
import { difficultyParam, stringParam } from "../kit/params";
import { texDrawn, texNum } from "../kit/tex";
import type { ExerciseInstance, ExerciseParams, KnownMistake } from "../types";
import type { LegacyGenerator, LegacyMistakeCandidate } from "../legacy";

/**
 * The sigmoid's derivative and its bound.
 * value:  \sigma'(z) = \frac{e^{-z}}{(1+e^{-z})^2} = \sigma(z)\,\bigl(1 - \sigma(z)\bigr), at z (or z = wx + b).
 * bound:  \max_x |w\,\sigma'(wx+b)| = |w| \max_z \sigma'(z) = \frac{|w|}{4},
 *         since \sigma(1-\sigma) \le \tfrac14 with equality at \sigma = \tfrac12, i.e. z = 0, x = -b/w
 *         (z = wx + b sweeps all of ℝ when w ≠ 0).
 */

const MODES = ["value", "bound"] as const;
type Mode = (typeof MODES)[number];

export type SigmoidDerivativeDraw =
  | { mode: "value"; z: number; w?: number; x?: number; b?: number }
  | { mode: "bound"; w: number; b?: number };

interface Built {
  draw: SigmoidDerivativeDraw;
  expected: number;
  mistakes: KnownMistake[];
  prompt: string;
}

const n5 = (v: number) => texNum(v, 5);

function valuePrompt(d: Extract<SigmoidDerivativeDraw, { mode: "value" }>): string {
  const def = `$\\sigma(z) = \\dfrac{1}{1 + e^{-z}}$`;
  if (d.w === undefined) {
    return [
      `The sigmoid is ${def}.`,
      ``,
      `Compute its derivative $\\sigma'(z)$ at $z = ${texDrawn(d.z)}$. Give a number (4 significant digits are enough).`,
    ].join("\n");
  }
  return [
    `A sigmoid neuron computes $a = \\sigma(z)$ with $z = w\\,x + b$, where ${def}, and`,
    ``,
    `$$`,
    `w = ${texDrawn(d.w)}, \\qquad x = ${texDrawn(d.x as number)}, \\qquad b = ${texDrawn(d.b as number)}.`,
    `$$`,
    ``,
    `What is $\\sigma'(z) = \\dfrac{\\partial a}{\\partial z}$ at this neuron's pre-activation $z$? Give a number (4 significant digits are enough).`,
  ].join("\n");
}

function boundPrompt(d: Extract<SigmoidDerivativeDraw, { mode: "bound" }>): string {
  const pre = d.b === undefined ? "w\\,x" : "w\\,x + b";
  const given = d.b === undefined ? `$w = ${texDrawn(d.w)}$` : `$w = ${texDrawn(d.w)}$ and bias $b = ${texDrawn(d.b)}$`;
  return [
    `A sigmoid neuron $a = \\sigma(${pre})$ has weight ${given}. When backpropagation passes a gradient from $a$ to the input $x$, it multiplies it by`,
    ``,
    `$$`,
    `\\frac{\\partial a}{\\partial x} = w\\,\\sigma'(${pre}).`,
    `$$`,
    ``,
    `What is the largest value of $\\bigl|w\\,\\sigma'(${pre})\\bigr|$ over all real inputs $x$? Give a number (4 significant digits are enough).`,
  ].join("\n");
}

function buildValue(rng: Rng, d: 1 | 2 | 3): Built | null {
  let draw: Extract<SigmoidDerivativeDraw, { mode: "value" }>;
  if (d === 1) {
    draw = { mode: "value", z: roundedUniform(rng, -4, 4, 2, 0.1) };
  } else {
    // Difficulty 2: one-decimal numbers; 3: two decimals and wider ranges (more arithmetic before σ′).
    const dec = d === 2 ? 1 : 2;
    const w = roundedUniform(rng, d === 2 ? -2 : -3, d === 2 ? 2 : 3, dec, 0.2);
    const x = roundedUniform(rng, -2, 2, dec, 0.1);
    const b = roundedUniform(rng, d === 2 ? -1 : -2, d === 2 ? 1 : 2, dec);
    // Rounded to the exact decimal the learner gets by hand (w·x + b has at most 2·dec decimals).
    const z = round(w * x + b, 2 * dec);
    draw = { mode: "value", z, w, x, b };
  }
  const { z } = draw;
  if (!(Math.abs(z) >= 0.1 && Math.abs(z) <= 4)) return null;
  const expected = sigmoidPrime(z);
  const cands: LegacyMistakeCandidate[] = [
    {
      id: "sigma-not-prime",
      value: sigmoid(z),
      explanation: `That is $\\sigma(z)$ itself; the derivative is $\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))$.`,
    },
    {
      id: "one-minus-only",
      value: 1 - sigmoid(z),
      explanation: `That is only the factor $1 - \\sigma(z)$; multiply it by $\\sigma(z)$: $\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))$.`,
    },
    {
      id: "tanh-derivative",
      value: tanhPrime(z),
      explanation: `That is the *tanh* derivative $1 - \\tanh^2(z)$; for the sigmoid, $\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))$.`,
    },
  ];
  if (draw.w !== undefined) {
    cands.push(
      {
        id: "forgot-chain-z",
        value: sigmoidPrime(draw.x as number),
        explanation: `Evaluated $\\sigma'$ at the input $x$; it must be evaluated at the pre-activation $z = w\\,x + b = ${texDrawn(z)}$.`,
      },
      {
        id: "times-w",
        value: draw.w * expected,
        explanation: `Multiplied by $w$: $w\\,\\sigma'(z)$ is $\\partial a/\\partial x$; the question asks for $\\sigma'(z) = \\partial a/\\partial z$.`,
      },
    );
  }
  const mistakes = resolveAllMistakes(expected, cands);
  if (!mistakes) return null;
  const prompt = valuePrompt(draw);
  if (promptShowsAnswer(prompt, expected)) return null;
  return { draw, expected, mistakes, prompt };
}

function buildBound(rng: Rng, d: 1 | 2 | 3): Built | null {
  // Difficulty 1: w > 0; 2: either sign; 3: either sign and a bias that does not change the answer.
  const w = d === 1 ? roundedUniform(rng, 0.1, 1, 2) : roundedUniform(rng, -1, 1, 2, 0.1);
  const b = d === 3 ? roundedUniform(rng, -2, 2, 2, 0.2) : undefined;
  const draw: Extract<SigmoidDerivativeDraw, { mode: "bound" }> = b === undefined ? { mode: "bound", w } : { mode: "bound", w, b };
  const aw = Math.abs(w);
  const expected = aw / 4;
  const cands: LegacyMistakeCandidate[] = [
    {
      id: "quarter-only",
      value: 0.25,
      explanation: `$\\tfrac14$ is the maximum of $\\sigma'$ alone; the factor also carries $|w| = ${texDrawn(aw)}$.`,
    },
    {
      id: "half",
      value: aw / 2,
      explanation: `$\\max \\sigma' = \\tfrac14$, not $\\tfrac12$: $\\sigma(1-\\sigma)$ peaks at $\\sigma = \\tfrac12$, where it is $\\tfrac12 \\cdot \\tfrac12$.`,
    },
    {
      id: "sigma-max",
      value: aw,
      explanation: `Used the largest value of $\\sigma$ (which approaches 1) instead of the largest value of $\\sigma'$ ($\\tfrac14$).`,
    },
  ];
  if (w < 0) {
    cands.push({
      id: "signed",
      value: w / 4,
      explanation: `Dropped the absolute value: the question asks for the largest $|w\\,\\sigma'|$, a nonnegative number.`,
    });
  }
  if (b !== undefined) {
    cands.push({
      id: "at-x-zero",
      value: aw * sigmoidPrime(b),
      optional: true,
      explanation: `Evaluated the factor at $x = 0$; the maximum is where $w\\,x + b = 0$, i.e. at $x = -b/w$, where $\\sigma' = \\tfrac14$.`,
    });
  }
  const mistakes = resolveAllMistakes(expected, cands);
  if (!mistakes) return null;
  const prompt = boundPrompt(draw);
  if (promptShowsAnswer(prompt, expected)) return null;
  return { draw, expected, mistakes, prompt };
}

function build(seed: number, params: ExerciseParams): { built: Built; mode: Mode; d: 1 | 2 | 3 } {
  const mode = stringParam(params, "mode", MODES);
  const d = difficultyParam(params);
  const rng = createRng(seed);
  const built = drawUntil(rng, (r) => (mode === "value" ? buildValue(r, d) : buildBound(r, d)), (x) => x !== null, 2000) as Built;
  return { built, mode, d };
}

/** The raw drawn numbers of an instance (for tests that recompute the answer independently). */
export function drawSigmoidDerivative(seed: number, params: ExerciseParams): SigmoidDerivativeDraw {
  return build(seed, params).built.draw;
}

function valueSolution(d: Extract<SigmoidDerivativeDraw, { mode: "value" }>, expectedTex: string): string {
  const { z } = d;
  const s = sigmoid(z);
  const pre =
    d.w === undefined
      ? []
      : [
          `First the pre-activation:`,
          ``,
          `$$`,
          `z = w\\,x + b = (${texDrawn(d.w)})(${texDrawn(d.x as number)}) + (${texDrawn(d.b as number)}) = ${texDrawn(z)}.`,
          `$$`,
          ``,
        ];
  return [
    ...pre,
    `Differentiating $\\sigma(z) = (1 + e^{-z})^{-1}$ gives`,
    ``,
    `$$`,
    `\\sigma'(z) = \\frac{e^{-z}}{(1 + e^{-z})^2} = \\frac{1}{1 + e^{-z}} \\cdot \\frac{e^{-z}}{1 + e^{-z}} = \\sigma(z)\\,\\bigl(1 - \\sigma(z)\\bigr).`,
    `$$`,
    ``,
    `At $z = ${texDrawn(z)}$: $e^{-z} = ${n5(Math.exp(-z))}$, so $\\sigma(z) = ${n5(s)}$ and $1 - \\sigma(z) = ${n5(1 - s)}$:`,
    ``,
    `$$`,
    `\\sigma'(${texDrawn(z)}) = ${n5(s)} \\times ${n5(1 - s)} = ${expectedTex}`,
    `$$`,
    ``,
    `(At most $\\tfrac14$, reached at $z = 0$; the further $z$ is from 0, the smaller.)`,
    ``,
    `**Answer:** $\\sigma'(z) = ${expectedTex}$`,
  ].join("\n");
}

function boundSolution(d: Extract<SigmoidDerivativeDraw, { mode: "bound" }>, expectedTex: string): string {
  const aw = Math.abs(d.w);
  const pre = d.b === undefined ? "w\\,x" : "w\\,x + b";
  const xStar = d.b === undefined ? 0 : -d.b / d.w;
  return [
    `Write $s = \\sigma(z)$ with $z = ${pre}$. Since $\\sigma'(z) = s(1 - s)$ and`,
    ``,
    `$$`,
    `s(1 - s) = \\tfrac14 - \\bigl(s - \\tfrac12\\bigr)^2 \\le \\tfrac14,`,
    `$$`,
    ``,
    `$\\sigma'$ is at most $\\tfrac14$, with equality exactly when $s = \\tfrac12$, i.e. $z = 0$. As $x$ runs over all reals, $z = ${pre}$ takes every real value (because $w \\ne 0$), so the maximum is attained at $x = ${d.b === undefined ? "0" : `-b/w = ${n5(xStar)}`}$${d.b === undefined ? "" : " — the bias only shifts where the peak is, not its height"}:`,
    ``,
    `$$`,
    `\\max_x \\bigl|w\\,\\sigma'(${pre})\\bigr| = |w| \\cdot \\tfrac14 = \\frac{${texDrawn(aw)}}{4} = ${expectedTex}`,
    `$$`,
    ``,
    `**Why this means vanishing gradients.** For any $|w| \\le 1$ the factor $|w\\,\\sigma'| \\le |w|/4 \\le \\tfrac14$: every sigmoid layer shrinks the backpropagated gradient by at least a factor of 4, so $n$ layers shrink it by at least $4^n$. To exceed 1 at all you would need $|w| > 4$.`,
    ``,
    `**Answer:** $\\max_x |w\\,\\sigma'(${pre})| = ${expectedTex}$`,
  ].join("\n");
}

export const sigmoidDerivative: LegacyGenerator = {
  id: "sigmoid-derivative",
  title: "The sigmoid derivative and its bound",
  params: { mode: MODES },
  generate(seed: number, params: ExerciseParams): ExerciseInstance {
    const { built, mode, d } = build(seed, params);
    const { draw, expected } = built;
    const expectedTex = texNum(expected, 4);
    let solution: string;
    let hint: string;
    if (draw.mode === "value") {
      solution = valueSolution(draw, expectedTex);
      hint =
        draw.w === undefined
          ? `Use $\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))$. Check $\\sigma(${texDrawn(draw.z)}) = ${n5(sigmoid(draw.z))}$ first.`
          : `First compute $z = w\\,x + b$ (check: is it $${texDrawn(draw.z)}$?), then use $\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))$ with $\\sigma(z) = ${n5(sigmoid(draw.z))}$.`;
    } else {
      solution = boundSolution(draw, expectedTex);
      hint = `Where is $\\sigma'(z)$ largest, and what is its value there? Write $\\sigma'(z) = s(1 - s)$ with $s = \\sigma(z) \\in (0, 1)$ and maximise over $s$; then remember the factor $|w| = ${texDrawn(Math.abs(draw.w))}$.`;
    }
    return {
      generator: "sigmoid-derivative",
      seed,
      locale: "en" as const,
      params: { ...params, mode, difficulty: d },
      prompt: built.prompt,
      answer: { kind: "number", tolerance: { rel: REL_TOL } },
      expected,
      expectedTex,
      mistakes: built.mistakes,
      hint,
      solution,
    };
  },
};
