import { getActivation } from "@/lib/engine/activations";
import { createRng, type Rng } from "@/lib/engine/rng";
import { actTex, type ChainActivation, type ChainDraw, chainForward, type ChainTrace, drawChainCandidate, primeRuleTex } from "../kit/chain";
import { drawUntil } from "../kit/draw";
import { promptShowsAnswer } from "../kit/echo";
import { type MistakeCandidate, REL_TOL, resolveAllMistakes } from "../kit/mistakes";
import { difficultyParam, stringParam } from "../kit/params";
import { texDrawn, texNum } from "../kit/tex";
import type { ExerciseGenerator, ExerciseInstance, ExerciseParams, KnownMistake } from "../types";

/**
 * ∂C/∂b_1 in a one-neuron-per-layer chain a_0 = x, z_j = w_j a_{j-1} + b_j,
 * a_j = f(z_j), C = ½(a_L − y)². By the chain rule along the only path from b_1
 * to C (∂z_1/∂b_1 = 1, ∂a_j/∂z_j = f′(z_j), ∂z_{j+1}/∂a_j = w_{j+1}, ∂C/∂a_L = a_L − y):
 *   \frac{\partial C}{\partial b_1} = f'(z_1)\,\prod_{j=2}^{L} w_j\,f'(z_j)\,(a_L - y),
 * with
 *   \sigma'(z) = \sigma(z)(1-\sigma(z)),\quad \tanh'(z) = 1-\tanh^2(z),\quad \operatorname{relu}'(z) = [z > 0].
 */

const ACTIVATIONS = ["sigmoid", "tanh", "relu"] as const satisfies readonly ChainActivation[];
const DEPTHS = [3, 4, 6] as const;

/** Below this f′ a unit is saturated and the exercise degenerates into "≈ 0". */
const MIN_FPRIME = 0.03;
/** |a_L − y| below this makes the gradient ≈ 0 because the output happens to be right. */
const MIN_RESIDUAL = 0.05;
/** Smallest |∂C/∂b_1| we ask for: tiny is the point, but not beyond what anyone would type. */
const MIN_ANSWER = 1e-8;

interface Built {
  draw: ChainDraw;
  trace: ChainTrace;
  expected: number;
  mistakes: KnownMistake[];
  prompt: string;
}

const prod = (xs: readonly number[]): number => xs.reduce((p, v) => p * v, 1);

function promptText(d: ChainDraw): string {
  const L = d.w.length;
  const F = actTex(d.activation);
  const idx = d.w.map((_, i) => `${i + 1}`);
  return [
    `A chain of $L = ${L}$ neurons, one per layer, with activation $f = ${F}$:`,
    ``,
    `$$`,
    `a_0 = x, \\qquad z_j = w_j\\,a_{j-1} + b_j, \\qquad a_j = ${F}(z_j) \\quad (j = 1, \\dots, ${L}), \\qquad C = \\tfrac12\\,(a_{${L}} - y)^2.`,
    `$$`,
    ``,
    `| $j$ | ${idx.join(" | ")} |`,
    `|---|${idx.map(() => "---").join("|")}|`,
    `| $w_j$ | ${d.w.map((v) => `$${texDrawn(v)}$`).join(" | ")} |`,
    `| $b_j$ | ${d.b.map((v) => `$${texDrawn(v)}$`).join(" | ")} |`,
    ``,
    `Input $x = ${texDrawn(d.x)}$, target $y = ${texDrawn(d.y)}$.`,
    ``,
    `What is $\\dfrac{\\partial C}{\\partial b_1}$, the gradient of the cost with respect to the **first** bias? Give it as a number (4 significant digits are enough; scientific notation such as \`1.234e-5\` is fine).`,
  ].join("\n");
}

function buildOnce(rng: Rng, activation: ChainActivation, L: number): Built | null {
  const draw = drawChainCandidate(rng, { activation, L, wMax: 1.5, wMin: 0.3 });
  if (!draw) return null;
  const trace = chainForward(draw);
  const { z, a, fp } = trace;
  if (activation !== "relu" && fp.some((v) => v < MIN_FPRIME)) return null;
  // ReLU: every unit must be active, else the answer is exactly 0 (drawChainCandidate already ensures z_j ≥ 0.1).
  if (activation === "relu" && z.some((v) => !(v > 0))) return null;
  const residual = (a[L] as number) - draw.y;
  if (Math.abs(residual) < MIN_RESIDUAL) return null;
  const factors = fp.map((v, i) => (i === 0 ? v : (draw.w[i] as number) * v));
  const expected = prod(factors) * residual;
  if (!Number.isFinite(expected) || Math.abs(expected) < MIN_ANSWER) return null;

  const act = getActivation(activation);
  const F = actTex(activation);
  const fz = z.map((v) => act.f(v));
  const fmt = (v: number) => texNum(v, 4);
  const cands: MistakeCandidate[] = [
    {
      id: "sigma-not-prime",
      value: prod(fz.map((v, i) => (i === 0 ? v : (draw.w[i] as number) * v))) * residual,
      explanation:
        activation === "relu"
          ? `Used $\\operatorname{relu}(z_j) = z_j$ instead of its derivative $\\operatorname{relu}'(z_j) = 1$ (every $z_j > 0$ here).`
          : `Used $${F}(z_j)$ instead of its derivative: the chain rule needs $${primeRuleTex(activation)}$.`,
    },
    {
      id: "dropped-cost-factor",
      value: prod(factors),
      explanation: `Dropped the output factor $\\partial C/\\partial a_{${L}} = a_{${L}} - y = ${fmt(residual)}$.`,
    },
    {
      id: "included-w1",
      value: (draw.w[0] as number) * expected,
      explanation: `Included $w_1$: $\\partial z_1/\\partial b_1 = 1$, not $w_1$ ($w_1$ multiplies the input $x$, not the bias).`,
    },
    {
      id: "missing-factor",
      value: prod(factors.slice(0, L - 1)) * residual,
      explanation: `Missed the factor $w_{${L}}\\,${F}'(z_{${L}}) = ${fmt(factors[L - 1] as number)}$: from $b_1$ to $C$ the path crosses ${L - 1} weights $w_2, \\dots, w_{${L}}$, each with its unit's $${F}'$.`,
    },
    // ReLU's f′(z_1) is 1, so dropping it changes nothing there.
    ...(activation === "relu"
      ? []
      : [
          {
            id: "dropped-fprime1",
            value: expected / (fp[0] as number),
            explanation: `Dropped $${F}'(z_1) = ${fmt(fp[0] as number)}$: $b_1$ reaches the rest of the chain through its own unit, so the product starts with $\\partial a_1/\\partial b_1 = ${F}'(z_1)$ before the first weight $w_2$.`,
          },
        ]),
    {
      id: "sign-error",
      value: -expected,
      explanation: `Sign error: $\\partial C/\\partial a_{${L}} = a_{${L}} - y$, not $y - a_{${L}}$.`,
    },
  ];
  const mistakes = resolveAllMistakes(expected, cands);
  if (!mistakes) return null;
  const prompt = promptText(draw);
  // Never print the answer among the drawn numbers.
  if (promptShowsAnswer(prompt, expected)) return null;
  return { draw, trace, expected, mistakes, prompt };
}

function build(seed: number, params: ExerciseParams) {
  const activation = stringParam(params, "activation", ACTIVATIONS);
  const d = difficultyParam(params);
  const rng = createRng(seed);
  const built = drawUntil(rng, (r) => buildOnce(r, activation, DEPTHS[d - 1] as number), (x) => x !== null, 2000) as Built;
  return { built, activation, d };
}

/** The raw drawn chain of an instance (for tests that recompute the answer independently). */
export function drawChainBiasGradient(seed: number, params: ExerciseParams): ChainDraw {
  return build(seed, params).built.draw;
}

function solutionText(b: Built, expectedTex: string): string {
  const { draw, trace, expected } = b;
  const { z, a, fp } = trace;
  const L = draw.w.length;
  const F = actTex(draw.activation);
  const n5 = (v: number) => texNum(v, 5);
  const residual = (a[L] as number) - draw.y;
  const rows = z.map((zj, i) => {
    const factor = i === 0 ? `$${n5(fp[0] as number)}$ (no $w_1$)` : `$${n5((draw.w[i] as number) * (fp[i] as number))}$`;
    return `| ${i + 1} | $${n5(zj)}$ | $${n5(a[i + 1] as number)}$ | $${n5(fp[i] as number)}$ | ${factor} |`;
  });
  const factorTex = z.map((_, i) => (i === 0 ? `${F}'(z_1)` : `w_{${i + 1}}${F}'(z_{${i + 1}})`)).join("\\cdot ");
  const factorVals = fp.map((v, i) => `(${n5(i === 0 ? v : (draw.w[i] as number) * v)})`).join("\\cdot ");
  const gradL = (fp[L - 1] as number) * residual;
  const ratio = Math.abs(expected) / Math.abs(gradL);
  const comparison =
    ratio < 1
      ? `Compare with the last bias: $\\partial C/\\partial b_{${L}} = ${F}'(z_{${L}})\\,(a_{${L}} - y) = ${texNum(gradL, 4)}$. So $|\\partial C/\\partial b_1|$ is about $${texNum(1 / ratio, 3)}$ times smaller than $|\\partial C/\\partial b_{${L}}|$: the first layer learns that much more slowly — the gradient **vanishes** as it travels back through the factors $|w_j ${F}'(z_j)|${draw.activation === "sigmoid" ? " \\le \\tfrac14 |w_j|" : ""}$.`
      : `Compare with the last bias: $\\partial C/\\partial b_{${L}} = ${F}'(z_{${L}})\\,(a_{${L}} - y) = ${texNum(gradL, 4)}$. Here $|\\partial C/\\partial b_1|$ is about $${texNum(ratio, 3)}$ times **larger** than $|\\partial C/\\partial b_{${L}}|$: the factors $|w_j ${F}'(z_j)|$ are not all below 1 for this draw, so the gradient did not vanish${draw.activation === "relu" ? " (ReLU passes it back with factor $w_j$ alone)" : ""}.`;
  return [
    `There is only one path from $b_1$ to $C$, so the chain rule multiplies the local derivatives along it: $\\partial z_1/\\partial b_1 = 1$, $\\partial a_j/\\partial z_j = ${F}'(z_j)$, $\\partial z_{j+1}/\\partial a_j = w_{j+1}$ and $\\partial C/\\partial a_{${L}} = a_{${L}} - y$:`,
    ``,
    `$$`,
    `\\frac{\\partial C}{\\partial b_1} = ${F}'(z_1)\\,\\prod_{j=2}^{${L}} w_j\\,${F}'(z_j)\\,(a_{${L}} - y), \\qquad ${primeRuleTex(draw.activation)}.`,
    `$$`,
    ``,
    `Forward pass from $a_0 = x = ${texDrawn(draw.x)}$, then one factor per layer:`,
    ``,
    `| $j$ | $z_j$ | $a_j$ | $${F}'(z_j)$ | $w_j ${F}'(z_j)$ |`,
    `|---|---|---|---|---|`,
    ...rows,
    ``,
    `The output factor is $a_{${L}} - y = ${n5(a[L] as number)} - ${texDrawn(draw.y)} = ${n5(residual)}$. Multiplying:`,
    ``,
    `$$`,
    `\\frac{\\partial C}{\\partial b_1} = ${factorTex}\\cdot (a_{${L}} - y) = ${factorVals}\\cdot (${n5(residual)}) = ${expectedTex}`,
    `$$`,
    ``,
    comparison,
    ``,
    `**Answer:** $\\dfrac{\\partial C}{\\partial b_1} = ${expectedTex}$`,
  ].join("\n");
}

function hintText(b: Built): string {
  const { draw, trace } = b;
  const L = draw.w.length;
  const F = actTex(draw.activation);
  const n5 = (v: number) => texNum(v, 5);
  const residual = (trace.a[L] as number) - draw.y;
  return `Work backwards from the output: $\\partial C/\\partial a_{${L}} = a_{${L}} - y = ${n5(residual)}$, and each layer $j$ contributes $${F}'(z_j)$ times the weight $w_{j+1}$ that carries $a_j$ forward. Check layer 1 first: $z_1 = ${n5(trace.z[0] as number)}$, $${F}'(z_1) = ${n5(trace.fp[0] as number)}$, and $\\partial z_1/\\partial b_1 = 1$ (no $w_1$). You need exactly ${L - 1} weights, $w_2$ to $w_{${L}}$.`;
}

export const chainBiasGradient: ExerciseGenerator = {
  id: "chain-bias-gradient",
  title: "Gradient of the first bias in a one-neuron chain",
  params: { activation: ACTIVATIONS },
  generate(seed: number, params: ExerciseParams): ExerciseInstance {
    const { built, activation, d } = build(seed, params);
    const expectedTex = texNum(built.expected, 4);
    return {
      generator: "chain-bias-gradient",
      seed,
      params: { ...params, activation, difficulty: d },
      prompt: built.prompt,
      answer: { kind: "number", tolerance: { rel: REL_TOL } },
      expected: built.expected,
      expectedTex,
      mistakes: built.mistakes,
      hint: hintText(built),
      solution: solutionText(built, expectedTex),
    };
  },
};
