import { sigmoid, sigmoidPrime } from "@/lib/engine/activations";
import { explodingWindow } from "@/lib/engine/closed-forms";
import { createRng, type Rng } from "@/lib/engine/rng";
import { drawUntil, round, roundedUniform } from "../kit/draw";
import { promptShowsAnswer } from "../kit/echo";
import { REL_TOL, resolveAllMistakes } from "../kit/mistakes";
import { difficultyParam, stringParam } from "../kit/params";
import { texDrawn, texNum } from "../kit/tex";
import type { ExerciseInstance, ExerciseParams, KnownMistake } from "../types";
import type { LegacyGenerator, LegacyMistakeCandidate } from "../legacy";

/**
 * The exploding window of a sigmoid neuron: the inputs x where the backprop
 * factor |w σ′(wx + b)| is at least 1. With s = σ(z), z = wx + b,
 *   |w|\,s(1-s) \ge 1 \iff s \in [s_-, s_+],\quad s_\pm = \tfrac12\bigl(1 \pm r\bigr),\quad r = \sqrt{1 - 4/|w|},
 * (non-empty only for |w| ≥ 4), i.e. |z| ≤ \ln\frac{s_+}{1-s_+} = \ln\frac{1+r}{1-r} = \ln\Bigl(\frac{|w|(1+r)}{2} - 1\Bigr),
 * and x = (z − b)/w divides lengths by |w|, so the window's width is
 *   \Delta x = \frac{2}{|w|}\,\ln\Bigl(\frac{|w|\,(1 + \sqrt{1 - 4/|w|})}{2} - 1\Bigr).
 */

const MODES = ["width", "inside"] as const;
type Mode = (typeof MODES)[number];

export type ExplodingWindowDraw = { mode: "width"; w: number; b: number } | { mode: "inside"; w: number; b: number; x: number };

interface Built {
  draw: ExplodingWindowDraw;
  expected: number | string;
  mistakes: KnownMistake[];
  prompt: string;
}

const n5 = (v: number) => texNum(v, 5);

/** The pieces of the width formula, for the solution and the mistakes. */
function parts(w: number) {
  const aw = Math.abs(w);
  const r = Math.sqrt(1 - 4 / aw);
  const arg = (aw * (1 + r)) / 2 - 1;
  const lnArg = Math.log(arg);
  return { aw, r, arg, lnArg, width: (2 / aw) * lnArg };
}

function neuronLine(w: number, b: number): string {
  return `$$\na = \\sigma(w\\,x + b), \\qquad w = ${texDrawn(w)}, \\qquad b = ${texDrawn(b)}.\n$$`;
}

function buildWidth(rng: Rng, d: 1 | 2 | 3): Built | null {
  // |w| range by difficulty: comfortably above 4, the usual range, and just above 4 where the window is narrow.
  const [lo, hi] = d === 1 ? [6, 12] : d === 2 ? [4.5, 12] : [4.2, 5];
  const aw = roundedUniform(rng, lo, hi, 1);
  const w = d === 1 ? aw : rng.next() < 0.5 ? -aw : aw;
  const b = roundedUniform(rng, -2, 2, d === 1 ? 1 : 2);
  const draw: ExplodingWindowDraw = { mode: "width", w, b };
  const p = parts(w);
  const expected = p.width;
  const engine = explodingWindow(w, b);
  if (!engine || !(expected > 0) || Math.abs(engine.width - expected) > 1e-12 * expected) return null;
  const rMinusArg = (p.aw * (1 - p.r)) / 2 - 1;
  const cands: LegacyMistakeCandidate[] = [
    {
      id: "no-prefactor",
      value: p.lnArg,
      explanation: `Forgot the prefactor $2/|w|$: $\\ln(\\dots)$ is only the half-width in $z$; the full width in $z$ is twice that, and in $x$ it is divided by $|w|$.`,
    },
    {
      id: "one-over-w",
      value: p.lnArg / p.aw,
      explanation: `Used $1/|w|$ instead of $2/|w|$: that is the half-width; the window runs from $z = -\\ln(\\dots)$ to $z = +\\ln(\\dots)$.`,
    },
    {
      id: "minus-root",
      value: (2 / p.aw) * Math.log(rMinusArg),
      optional: true,
      explanation: `Took the other root $1 - \\sqrt{1 - 4/|w|}$ inside the logarithm; its argument is the reciprocal of the right one, so the sign flips (a width is positive)${w < 0 ? ". Using $w$ instead of $|w|$ in $2/|w|$ flips it the same way" : ""}.`,
    },
    {
      id: "in-z-units",
      value: p.width * p.aw,
      explanation: `That is the width in $z = w\\,x + b$; the question asks about $x$, and $x = (z - b)/w$ divides every length by $|w| = ${texDrawn(p.aw)}$.`,
    },
  ];
  const mistakes = resolveAllMistakes(expected, cands);
  if (!mistakes) return null;
  const prompt = [
    `A sigmoid neuron`,
    ``,
    neuronLine(w, b),
    ``,
    `passes a gradient back to its input $x$ multiplied by $\\partial a/\\partial x = w\\,\\sigma'(w\\,x + b)$. The inputs where this factor is at least 1 in size, $\\{x : |w\\,\\sigma'(w\\,x + b)| \\ge 1\\}$, form an interval.`,
    ``,
    `What is the **width** of this interval (measured in $x$)? Give a number (4 significant digits are enough).`,
  ].join("\n");
  if (promptShowsAnswer(prompt, expected)) return null;
  return { draw, expected, mistakes, prompt };
}

function factorAt(w: number, b: number, x: number): number {
  return Math.abs(w * sigmoidPrime(w * x + b));
}

function buildInside(rng: Rng, d: 1 | 2 | 3): Built | null {
  const wantInside = rng.next() < 0.5;
  const aw = roundedUniform(rng, 4.5, 12, 1);
  const w = d === 1 ? aw : rng.next() < 0.5 ? -aw : aw;
  const b = d === 1 ? 0 : roundedUniform(rng, -2, 2, d === 2 ? 1 : 2);
  const win = explodingWindow(w, b);
  if (!win) return null;
  const centre = -b / w;
  const half = win.width / 2;
  let x: number;
  if (wantInside) {
    // Difficulty 3 puts x near an edge, where guessing from "close to the centre" fails.
    const u = d === 3 ? roundedUniform(rng, 0.6, 1, 3) : rng.uniform(0, 1);
    x = centre + (rng.next() < 0.5 ? -1 : 1) * u * half;
  } else {
    const v = d === 3 ? rng.uniform(0, 0.08) : rng.uniform(0.02, 0.8);
    x = centre + (rng.next() < 0.5 ? -1 : 1) * (half + v);
  }
  x = round(x, 2);
  if (x === 0) x = 0; // no −0 in the prompt
  const f = factorAt(w, b, x);
  const inside = f >= 1;
  // Equally likely outcomes, and never a factor within 2 % of 1 (a rounding question, not an understanding one).
  if (inside !== wantInside || Math.abs(f - 1) <= 0.02) return null;
  if (d === 3 && Math.abs(f - 1) > 0.5) return null;
  const draw: ExplodingWindowDraw = { mode: "inside", w, b, x };
  const expected = inside ? "A" : "B";
  const z = w * x + b;
  const mistakes: KnownMistake[] = inside
    ? [
        {
          id: "forgot-w",
          value: "B",
          explanation: `Forgot the factor $w$: $\\sigma'(z) \\le \\tfrac14 < 1$ always, but the gradient factor is $|w|\\,\\sigma'(z)$, which can reach $|w|/4 = ${n5(aw / 4)}$.`,
        },
      ]
    : [
        {
          id: "max-not-value",
          value: "A",
          explanation: `$|w|/4 = ${n5(aw / 4)} > 1$ is only the factor's *largest* value, at $z = 0$; here $z = w\\,x + b = ${n5(z)}$ is far enough from 0 that $\\sigma'(z)$ has dropped below $1/|w|$.`,
        },
      ];
  const prompt = [
    `A sigmoid neuron`,
    ``,
    `$$`,
    `a = \\sigma(w\\,x + b), \\qquad w = ${texDrawn(w)}, \\qquad b = ${texDrawn(b)},`,
    `$$`,
    ``,
    `receives the input $x = ${texDrawn(x)}$. Backpropagation multiplies the gradient on $a$ by $w\\,\\sigma'(w\\,x + b)$ to get the gradient on $x$. Is this input inside the exploding window, where that factor is at least 1 in size?`,
    ``,
    `**A.** Inside: $|w\\,\\sigma'(w\\,x + b)| \\ge 1$, the gradient can grow through this neuron.`,
    ``,
    `**B.** Outside: $|w\\,\\sigma'(w\\,x + b)| < 1$, the gradient shrinks.`,
    ``,
    `Answer with a letter.`,
  ].join("\n");
  return { draw, expected, mistakes, prompt };
}

function build(seed: number, params: ExerciseParams): { built: Built; mode: Mode; d: 1 | 2 | 3 } {
  const mode = stringParam(params, "mode", MODES);
  const d = difficultyParam(params);
  const rng = createRng(seed);
  const built = drawUntil(rng, (r) => (mode === "width" ? buildWidth(r, d) : buildInside(r, d)), (x) => x !== null, 2000) as Built;
  return { built, mode, d };
}

/** The raw drawn numbers of an instance (for tests that recompute the answer independently). */
export function drawExplodingWindow(seed: number, params: ExerciseParams): ExplodingWindowDraw {
  return build(seed, params).built.draw;
}

function widthSolution(w: number, b: number, expectedTex: string): string {
  const p = parts(w);
  const win = explodingWindow(w, b);
  const sPlus = (1 + p.r) / 2;
  return [
    `With $s = \\sigma(z)$ and $z = w\\,x + b$, the factor is $|w|\\,\\sigma'(z) = |w|\\,s(1 - s)$, so the window is where`,
    ``,
    `$$`,
    `s(1 - s) \\ge \\frac{1}{|w|} = ${n5(1 / p.aw)} \\iff s_- \\le s \\le s_+, \\qquad s_\\pm = \\frac{1 \\pm r}{2}, \\quad r = \\sqrt{1 - \\frac{4}{|w|}} = ${n5(p.r)}.`,
    `$$`,
    ``,
    `So $s_+ = ${n5(sPlus)}$ and $s_- = ${n5(1 - sPlus)}$. Converting back with $z = \\ln\\frac{s}{1-s}$, the window in $z$ is symmetric, $|z| \\le z_+$ with`,
    ``,
    `$$`,
    `z_+ = \\ln\\frac{1 + r}{1 - r} = \\ln\\Bigl(\\frac{|w|\\,(1 + r)}{2} - 1\\Bigr) = \\ln ${n5(p.arg)} = ${n5(p.lnArg)}.`,
    `$$`,
    ``,
    `Its width in $z$ is $2z_+ = ${n5(2 * p.lnArg)}$. Since $x = (z - b)/w$, widths in $x$ are divided by $|w| = ${texDrawn(p.aw)}$ (the bias only shifts the window):`,
    ``,
    `$$`,
    `\\Delta x = \\frac{2}{|w|}\\,\\ln\\Bigl(\\frac{|w|\\,(1 + \\sqrt{1 - 4/|w|})}{2} - 1\\Bigr) = \\frac{2 \\times ${n5(p.lnArg)}}{${texDrawn(p.aw)}} = ${expectedTex}`,
    `$$`,
    ``,
    win
      ? `The window is $x \\in [${n5(win.lo)},\\ ${n5(win.hi)}]$, centred on $x = -b/w = ${n5(-b / w)}$. Even for large $|w|$ it stays narrow (its width peaks near 0.45 at $|w| \\approx 6.9$), and outside it the neuron shrinks the gradient — one reason sigmoid nets rarely explode.`
      : ``,
    ``,
    `**Answer:** $\\Delta x = ${expectedTex}$`,
  ].join("\n");
}

function insideSolution(w: number, b: number, x: number, expected: string): string {
  const z = w * x + b;
  const s = sigmoid(z);
  const sp = sigmoidPrime(z);
  const f = Math.abs(w * sp);
  const win = explodingWindow(w, b);
  const inside = expected === "A";
  return [
    `Compute the factor at this input:`,
    ``,
    `$$`,
    `z = w\\,x + b = (${texDrawn(w)})(${texDrawn(x)}) + (${texDrawn(b)}) = ${n5(z)}, \\qquad \\sigma(z) = ${n5(s)}, \\qquad \\sigma'(z) = \\sigma(z)\\bigl(1 - \\sigma(z)\\bigr) = ${n5(sp)},`,
    `$$`,
    ``,
    `$$`,
    `|w\\,\\sigma'(z)| = ${texDrawn(Math.abs(w))} \\times ${n5(sp)} = ${n5(f)} ${inside ? "\\ge" : "<"} 1.`,
    `$$`,
    ``,
    win
      ? `Check with the window: $|w|\\,\\sigma'(z) \\ge 1$ holds for $|z| \\le \\ln\\bigl(\\tfrac{|w|(1 + \\sqrt{1 - 4/|w|})}{2} - 1\\bigr) = ${n5((win.width * Math.abs(w)) / 2)}$, i.e. for $x \\in [${n5(win.lo)},\\ ${n5(win.hi)}]$ (centred on $-b/w = ${n5(-b / w)}$). The input $x = ${texDrawn(x)}$ is ${inside ? "inside" : "outside"} it.`
      : ``,
    ``,
    inside
      ? `So the gradient is multiplied by more than 1 here: this neuron can contribute to an explosion — but only for inputs in this narrow window.`
      : `So the gradient shrinks through this neuron even though $|w| > 4$: the factor only exceeds 1 in a narrow window around $z = 0$.`,
    ``,
    `**Answer:** ${expected}`,
  ].join("\n");
}

export const explodingWindowExercise: LegacyGenerator = {
  id: "exploding-window",
  title: "The exploding-gradient window of a sigmoid neuron",
  params: { mode: MODES },
  generate(seed: number, params: ExerciseParams): ExerciseInstance {
    const { built, mode, d } = build(seed, params);
    const { draw } = built;
    if (draw.mode === "width") {
      const expected = built.expected as number;
      const expectedTex = texNum(expected, 4);
      const p = parts(draw.w);
      return {
        generator: "exploding-window",
        seed,
        locale: "en" as const,
        params: { ...params, mode, difficulty: d },
        prompt: built.prompt,
        answer: { kind: "number", tolerance: { rel: REL_TOL } },
        expected,
        expectedTex,
        mistakes: built.mistakes,
        hint: `Solve $|w|\\,\\sigma(z)(1 - \\sigma(z)) = 1$ for $\\sigma(z)$ first (a quadratic; with $r = \\sqrt{1 - 4/|w|} = ${n5(p.r)}$), turn the two roots into $z = \\pm\\ln\\frac{s}{1-s}$, and only then convert from $z$ to $x$: lengths in $x$ are lengths in $z$ divided by $|w|$.`,
        solution: widthSolution(draw.w, draw.b, expectedTex),
      };
    }
    const expected = built.expected as string;
    return {
      generator: "exploding-window",
      seed,
      locale: "en" as const,
      params: { ...params, mode, difficulty: d },
      prompt: built.prompt,
      answer: { kind: "choice", options: ["A", "B"] },
      expected,
      expectedTex: `\\text{${expected}}`,
      mistakes: built.mistakes,
      hint: `Evaluate the factor directly: $z = w\\,x + b = ${n5(draw.w * draw.x + draw.b)}$, then $|w|\\,\\sigma(z)(1 - \\sigma(z))$, and compare with 1.`,
      solution: insideSolution(draw.w, draw.b, draw.x, expected),
    };
  },
};
