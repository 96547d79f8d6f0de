import { reluPrime } from "@/lib/engine/activations";
import { createRng, type Rng } from "@/lib/engine/rng";
import { indicesWhere, texIndexSet } from "../kit/choices";
import { drawMatrix, drawUntil, drawVector, round, roundedUniform } from "../kit/draw";
import { REL_TOL, resolveMistakes } from "../kit/mistakes";
import { difficultyParam, stringParam } from "../kit/params";
import { texDrawn, texDrawnMat, texDrawnVec } from "../kit/tex";
import type { ExerciseInstance, AnswerSpec, ExerciseParams, KnownMistake } from "../types";
import type { LegacyGenerator, LegacyMistakeCandidate } from "../legacy";

/**
 * Inactive ReLU units of one layer h = relu(z), z = W x + b, for ONE given input x.
 * "Inactive for this input" is not "dead": a dead unit has z_i ≤ 0 for every
 * input, so it never learns again; one input only shows which units are off now.
 * The text says inactive and teaches the difference (the mode keeps its old name).
 *
 *   \operatorname{relu}'(z) = \begin{cases} 1 & z > 0 \\ 0 & z \le 0 \end{cases}
 * (the engine's convention at the kink), and by the chain rule through z_i = Σ_j W_ij x_j + b_i,
 *   \frac{\partial C}{\partial W_{ij}} = \frac{\partial C}{\partial h_i}\,\operatorname{relu}'(z_i)\,x_j,
 * so a unit with z_i ≤ 0 outputs 0 AND zeroes its whole row of d weight gradients
 * (and its bias gradient): for this input it does not learn at all.
 *
 * mode "dead": which units are inactive (output 0) for x (a set of 1-based indices).
 * mode "zero-grads": how many of the n·d entries of ∂C/∂W are exactly 0 — with
 * every ∂C/∂h_i ≠ 0 and every x_j ≠ 0 that is (#inactive)·d.
 */

const MODES = ["dead", "zero-grads"] as const;
type Mode = (typeof MODES)[number];

/** (units n, input dimension d) by difficulty. */
const SIZES: Record<1 | 2 | 3, { n: number; d: number }> = {
  1: { n: 3, d: 2 },
  2: { n: 4, d: 3 },
  3: { n: 6, d: 3 },
};

/** No z_i closer to 0 than this, so which side of the kink a unit is on is never a rounding question. */
const Z_MARGIN = 0.05;

export interface ReluLayerDraw {
  W: number[][];
  b: number[];
  x: number[];
  /** ∂C/∂h, every entry nonzero (mode zero-grads only; empty otherwise). */
  g: number[];
}

interface Built {
  draw: ReluLayerDraw;
  z: number[];
  /** 1-based indices of the units inactive for this input (z_i ≤ 0). */
  dead: number[];
  expected: number[] | number;
  mistakes: KnownMistake[];
}

function buildOnce(rng: Rng, n: number, d: number, mode: Mode): Built | null {
  const e = () => roundedUniform(rng, -2, 2, 1, 0.1);
  const W = drawMatrix(n, d, e);
  // Nonzero biases, so "looked at the bias only" always means something.
  const b = drawVector(n, () => roundedUniform(rng, -1.5, 1.5, 1, 0.1));
  // No x_j = 0: a zero input would zero a whole column of ∂C/∂W even for live units.
  const x = drawVector(d, e);
  const g = mode === "zero-grads" ? drawVector(n, () => roundedUniform(rng, -1.5, 1.5, 1, 0.1)) : [];
  // Products of 1-decimal numbers are exact to 2 decimals; rounding removes the float noise.
  const wx = W.map((row) => round(row.reduce((s, w, j) => s + w * (x[j] as number), 0), 2));
  const z = wx.map((v, i) => round(v + (b[i] as number), 2));
  if (z.some((v) => Math.abs(v) < Z_MARGIN)) return null;
  const dead = indicesWhere(n, (i) => reluPrime(z[i] as number) === 0);
  if (dead.length === 0 || dead.length === n) return null;
  const alive = indicesWhere(n, (i) => reluPrime(z[i] as number) === 1);
  const negBias = indicesWhere(n, (i) => (b[i] as number) < 0);
  const noBias = indicesWhere(n, (i) => (wx[i] as number) <= 0);
  let expected: number[] | number;
  let cands: LegacyMistakeCandidate[];
  if (mode === "dead") {
    expected = dead;
    cands = [
      {
        id: "listed-active",
        value: alive,
        explanation: `Listed the **active** units (those with $z_i > 0$, $\\operatorname{relu}(z_i) = z_i > 0$); the inactive ones are those with $z_i \\le 0$, which output exactly 0.`,
      },
      {
        id: "bias-only",
        value: negBias,
        optional: true,
        explanation: `Looked at the bias only (units with $b_i < 0$): whether a unit is inactive depends on the whole pre-activation $z_i = \\sum_j W_{ij} x_j + b_i$.`,
      },
      {
        id: "forgot-bias",
        value: noBias,
        optional: true,
        explanation: `Forgot the bias: used $\\sum_j W_{ij} x_j$ instead of $z_i = \\sum_j W_{ij} x_j + b_i$.`,
      },
    ];
  } else {
    expected = dead.length * d;
    cands = [
      {
        id: "dead-count-only",
        value: dead.length,
        explanation: `Counted inactive units, not weight gradients: each unit inactive for this input zeroes its whole row $\\partial C/\\partial W_{i1}, \\dots, \\partial C/\\partial W_{i${d}}$, i.e. ${d} entries.`,
      },
      {
        id: "counted-nonzero",
        value: alive.length * d,
        optional: true,
        explanation: `Counted the **nonzero** entries (the rows of the ${alive.length} active units) instead of the zero ones.`,
      },
      {
        id: "forgot-bias",
        value: noBias.length * d,
        optional: true,
        explanation: `Forgot the bias when deciding which units are inactive: $z_i = \\sum_j W_{ij} x_j + b_i$, not $\\sum_j W_{ij} x_j$.`,
      },
    ];
  }
  const mistakes = resolveMistakes(expected, cands, answerSpec(mode, n));
  if (!mistakes) return null;
  return { draw: { W, b, x, g }, z, dead, expected, mistakes };
}

/** A set of unit indices, or an integer count (0.5 % cannot confuse two counts up to n·d = 18). */
function answerSpec(mode: Mode, n: number): AnswerSpec {
  return mode === "dead" ? { kind: "set", max: n } : { kind: "number", tolerance: { rel: REL_TOL } };
}

function build(seed: number, params: ExerciseParams): { built: Built; mode: Mode; d: 1 | 2 | 3 } {
  const mode = stringParam(params, "mode", MODES);
  const d = difficultyParam(params);
  const { n, d: dim } = SIZES[d];
  const rng = createRng(seed);
  const built = drawUntil(rng, (r) => buildOnce(r, n, dim, mode), (x) => x !== null, 2000) as Built;
  return { built, mode, d };
}

/** The raw draw of an instance (for tests that recompute the answer independently). */
export function drawReluDeadUnits(seed: number, params: ExerciseParams): ReluLayerDraw {
  return build(seed, params).built.draw;
}

function promptText(b: Built, mode: Mode): string {
  const { W, b: bias, x, g } = b.draw;
  const n = W.length;
  const d = x.length;
  const lines = [
    `A layer of ${n} ReLU units with input $x \\in \\mathbb{R}^{${d}}$:`,
    ``,
    `$$`,
    `h = \\operatorname{relu}(z), \\qquad z = W x + b, \\qquad \\operatorname{relu}(z) = \\max(0, z),`,
    `$$`,
    ``,
    `$$`,
    `W = ${texDrawnMat(W)}, \\qquad b = ${texDrawnVec(bias)}, \\qquad x = ${texDrawnVec(x)}.`,
    `$$`,
    ``,
  ];
  if (mode === "dead") {
    lines.push(
      `Which units are **inactive for this input**, i.e. output $h_i = 0$? Answer with the set of their indices $i \\in \\{1, \\dots, ${n}\\}$, comma-separated (e.g. \`1, 3\`).`,
    );
  } else {
    lines.push(
      `The gradient arriving from the next layer is`,
      ``,
      `$$`,
      `\\frac{\\partial C}{\\partial h} = ${texDrawnVec(g)}.`,
      `$$`,
      ``,
      `Take $\\operatorname{relu}'(0) = 0$. How many of the ${n * d} entries of $\\partial C / \\partial W$ (a ${n}×${d} matrix) are **exactly zero**? Answer with an integer.`,
    );
  }
  return lines.join("\n");
}

function zTable(b: Built): string[] {
  const { W, b: bias, x } = b.draw;
  return [
    `| $i$ | $z_i = \\sum_j W_{ij} x_j + b_i$ | $h_i$ | $\\operatorname{relu}'(z_i)$ |`,
    `|---|---|---|---|`,
    ...W.map((row, i) => {
      const zi = b.z[i] as number;
      const terms = row.map((w, j) => `(${texDrawn(w)})(${texDrawn(x[j] as number)})`).join(" + ");
      return `| ${i + 1} | $${terms} + (${texDrawn(bias[i] as number)}) = ${texDrawn(zi)}$ | $${zi > 0 ? texDrawn(zi) : "0"}$ | $${reluPrime(zi)}$${zi > 0 ? "" : " (inactive)"} |`;
    }),
  ];
}

/** Why one input cannot show a dead unit: the difference the ReLU note teaches. */
const DEAD_VS_INACTIVE = `**Inactive is not dead.** These units are off for *this* input only; another input can give $z_i > 0$, and then they pass gradient and learn again. A unit is **dead** only when $z_i \\le 0$ for *every* input (typically after a large step drives $b_i$ far negative): its weights and bias then never receive gradient and it cannot recover. Deciding that takes all the inputs, not one.`;

function solutionText(b: Built, mode: Mode, expectedTex: string): string {
  const { W, x, g } = b.draw;
  const n = W.length;
  const d = x.length;
  const k = b.dead.length;
  const lines = [
    `A unit is inactive for this input when $z_i \\le 0$: then $h_i = \\max(0, z_i) = 0$ and $\\operatorname{relu}'(z_i) = 0$. Compute every pre-activation:`,
    ``,
    ...zTable(b),
    ``,
  ];
  if (mode === "dead") {
    lines.push(
      `Units with $z_i \\le 0$: ${b.dead.map((i) => `$z_{${i}} = ${texDrawn(b.z[i - 1] as number)}$`).join(", ")}. ${k === 1 ? "It outputs 0 and, for this input, passes no gradient back to its weights." : "They output 0 and, for this input, pass no gradient back to their weights."}`,
      ``,
      ``,
      DEAD_VS_INACTIVE,
      ``,
      `**Answer:** $${expectedTex}$`,
    );
  } else {
    lines.push(
      `By the chain rule through $z_i$,`,
      ``,
      `$$`,
      `\\frac{\\partial C}{\\partial W_{ij}} = \\frac{\\partial C}{\\partial h_i}\\,\\operatorname{relu}'(z_i)\\,x_j .`,
      `$$`,
      ``,
      `Every $\\partial C/\\partial h_i$ is nonzero here (${g.map((v) => `$${texDrawn(v)}$`).join(", ")}) and every $x_j$ is nonzero, so an entry is zero exactly when $\\operatorname{relu}'(z_i) = 0$, i.e. for the whole row of an inactive unit. The inactive units are $${texIndexSet(b.dead)}$: ${k === 1 ? `1 row of ${d} entries` : `${k} rows of ${d} entries each`} (the other ${n - k} rows are all nonzero):`,
      ``,
      `$$`,
      `${k} \\times ${d} = ${expectedTex}`,
      `$$`,
      ``,
      DEAD_VS_INACTIVE,
      ``,
      `**Answer:** $${expectedTex}$`,
    );
  }
  return lines.join("\n");
}

function hintText(b: Built, mode: Mode): string {
  const { W, b: bias, x } = b.draw;
  // The first row written out, without its value: how to compute, not which units are inactive.
  const z1 = `${(W[0] as number[]).map((w, j) => `(${texDrawn(w)})(${texDrawn(x[j] as number)})`).join(" + ")} + (${texDrawn(bias[0] as number)})`;
  const first = `Compute each pre-activation in full, bias included, e.g. $z_1 = \\sum_j W_{1j} x_j + b_1 = ${z1}$. A unit is inactive for this input when $z_i \\le 0$ (then $h_i = 0$).`;
  return mode === "dead"
    ? `${first} List the inactive ones, not the active ones.`
    : `${first} Then use $\\partial C/\\partial W_{ij} = (\\partial C/\\partial h_i)\\,\\operatorname{relu}'(z_i)\\,x_j$: an inactive unit zeroes its whole **row**, ${b.draw.x.length} entries.`;
}

export const reluDeadUnits: LegacyGenerator = {
  id: "relu-dead-units",
  title: "Inactive ReLU units and their zero gradients",
  params: { mode: MODES },
  generate(seed: number, params: ExerciseParams): ExerciseInstance {
    const { built, mode, d } = build(seed, params);
    const n = built.draw.W.length;
    const base = {
      generator: "relu-dead-units",
      seed,
      locale: "en" as const,
      params: { ...params, mode, difficulty: d },
      prompt: promptText(built, mode),
      mistakes: built.mistakes,
      hint: hintText(built, mode),
    };
    if (mode === "dead") {
      const expected = built.expected as number[];
      const expectedTex = texIndexSet(expected);
      return { ...base, answer: answerSpec(mode, n), expected, expectedTex, solution: solutionText(built, mode, expectedTex) };
    }
    const expected = built.expected as number;
    const expectedTex = String(expected);
    return {
      ...base,
      answer: answerSpec(mode, n),
      expected,
      expectedTex,
      solution: solutionText(built, mode, expectedTex),
    };
  },
};
