import { clipByGlobalNorm } from "@/lib/engine/closed-forms";
import { createRng, type Rng } from "@/lib/engine/rng";
import { drawUntil, roundedUniform } from "../kit/draw";
import { REL_TOL, resolveMistakes } from "../kit/mistakes";
import { difficultyParam } from "../kit/params";
import { texList, texNum } from "../kit/tex";
import type { ExerciseInstance, ExerciseParams, KnownMistake } from "../types";
import type { LegacyGenerator, LegacyMistakeCandidate } from "../legacy";

/**
 * Clipping by (global) norm:
 *   \lVert g\rVert = \sqrt{\textstyle\sum_i g_i^2},\qquad
 *   g \leftarrow g \cdot \min\!\Big(1, \frac{c}{\lVert g\rVert}\Big)
 * — one common factor for every entry, so the update direction is kept and the
 * clipped gradient has norm exactly c. Clipping each entry to [−c, c] instead
 * ("clipping by value") bends the direction.
 */

/** Length of g by difficulty. */
const SIZES = [3, 4, 6] as const;

/**
 * Thresholds to pick from. 1 is left out on purpose: with c = 1 the
 * "normalised to unit length" mistake gives exactly the right answer.
 */
const THRESHOLDS = [0.5, 1.5, 2, 2.5, 3, 4, 5] as const;

/** ‖g‖ must exceed c by at least this factor, so "clip or not" is never a rounding question. */
const MIN_EXCESS = 1.05;

export interface GradientClippingDraw {
  g: number[];
  c: number;
}

interface Built {
  draw: GradientClippingDraw;
  expected: number[];
  mistakes: KnownMistake[];
}

const fmt = (x: number): string => texNum(x, 6);

function buildOnce(rng: Rng, n: number): Built | null {
  const g = Array.from({ length: n }, () => roundedUniform(rng, -4, 4, 1, 0.1));
  const sq = g.reduce((s, v) => s + v * v, 0);
  const gNorm = Math.sqrt(sq);
  // Only thresholds the gradient clearly exceeds: this exercise is about the case where clipping acts.
  const usable = THRESHOLDS.filter((c) => gNorm >= MIN_EXCESS * c);
  if (usable.length === 0) return null;
  const c = rng.pick(usable);
  // Value clipping must change something, otherwise it coincides with "no clipping".
  if (!g.some((v) => Math.abs(v) > MIN_EXCESS * c)) return null;
  const { clipped, scale } = clipByGlobalNorm([g], c);
  const expected = clipped[0] as number[];
  if (expected.some((v) => Math.abs(v) < 0.01)) return null;
  const cands: LegacyMistakeCandidate[] = [
    {
      id: "clip-by-value",
      value: g.map((v) => Math.max(-c, Math.min(c, v))),
      explanation: `Clipped each entry to $[-c, c]$ (clipping by value); that bends the direction. Norm clipping multiplies the whole vector by one factor $c/\\lVert g\\rVert$.`,
    },
    {
      id: "unit-vector",
      value: g.map((v) => v / gNorm),
      explanation: `Divided by $\\lVert g\\rVert$ only: $g/\\lVert g\\rVert$ has length 1, but the clipped gradient must have length $c = ${fmt(c)}$, so also multiply by $c$.`,
    },
    {
      id: "squared-norm",
      value: g.map((v) => (v * c) / sq),
      explanation: `Used the squared norm $\\lVert g\\rVert^2 = ${texNum(sq, 6)}$ in the factor; it is $c/\\lVert g\\rVert$ with $\\lVert g\\rVert = \\sqrt{\\textstyle\\sum_i g_i^2}$.`,
    },
    {
      id: "no-clipping",
      value: g.slice(),
      explanation: `Returned $g$ unchanged, but $\\lVert g\\rVert = ${texNum(gNorm, 4)} > c = ${fmt(c)}$, so it must be scaled down.`,
    },
    {
      id: "inverted-ratio",
      value: g.map((v) => (v * gNorm) / c),
      optional: true,
      explanation: `Scaled by $\\lVert g\\rVert / c$, the ratio upside down; the factor is $c/\\lVert g\\rVert < 1$, clipping only ever shrinks.`,
    },
    {
      id: "divided-by-c",
      value: g.map((v) => v / c),
      optional: true,
      explanation: `Divided by $c$; the factor is $c/\\lVert g\\rVert$, the threshold over the current norm.`,
    },
  ];
  if (!(scale < 1)) return null;
  const mistakes = resolveMistakes(expected, cands, { kind: "vector", length: expected.length, tolerance: { rel: REL_TOL } }, true);
  return mistakes ? { draw: { g, c }, expected, mistakes } : null;
}

function build(seed: number, params: ExerciseParams): { built: Built; d: 1 | 2 | 3 } {
  const d = difficultyParam(params);
  const rng = createRng(seed);
  const built = drawUntil(rng, (r) => buildOnce(r, SIZES[d - 1] as number), (x): x is Built => x !== null, 1000) as Built;
  return { built, d };
}

/** The raw drawn data of an instance (for tests that recompute the answer independently). */
export function drawGradientClipping(seed: number, params: ExerciseParams): GradientClippingDraw {
  return build(seed, params).built.draw;
}

export const gradientClipping: LegacyGenerator = {
  id: "gradient-clipping",
  title: "Clip a gradient by its norm",
  params: {},
  generate(seed: number, params: ExerciseParams): ExerciseInstance {
    const { built, d } = build(seed, params);
    const { draw, expected, mistakes } = built;
    const { g, c } = draw;
    const n = g.length;
    const sq = g.reduce((s, v) => s + v * v, 0);
    const gNorm = Math.sqrt(sq);
    const scale = c / gNorm;
    const rule =
      d === 1
        ? `It is clipped **by norm** with threshold $c = ${fmt(c)}$: $g \\leftarrow g\\cdot\\min\\bigl(1,\\ c/\\lVert g\\rVert\\bigr)$, with $\\lVert g\\rVert$ the Euclidean norm.`
        : `It is clipped **by norm** (as \`clip_grad_norm_\` does) with threshold $c = ${fmt(c)}$.`;
    const prompt = [
      `After a backward pass, the gradient of a model's ${n} parameters is`,
      ``,
      `$$`,
      `g = ${texList(g, 6)}.`,
      `$$`,
      ``,
      rule,
      ``,
      `What is the gradient after clipping? Enter all ${n} entries, comma-separated, in the order shown (4 significant digits are enough).`,
    ].join("\n");
    const sqTerms = g.map((v) => (v < 0 ? `(${fmt(v)})^2` : `${fmt(v)}^2`)).join(" + ");
    const rows = g.map((v, i) => `| $g_{${i + 1}}$ | $${fmt(v)}$ | $${texNum(expected[i] as number, 4)}$ |`);
    const solution = [
      `**1. Norm** of the whole gradient:`,
      ``,
      `$$`,
      `\\lVert g\\rVert = \\sqrt{${sqTerms}} = \\sqrt{${texNum(sq, 6)}} = ${texNum(gNorm, 6)}.`,
      `$$`,
      ``,
      `**2. Compare:** $\\lVert g\\rVert = ${texNum(gNorm, 6)} > c = ${fmt(c)}$, so the gradient is clipped. Every entry is multiplied by the same factor`,
      ``,
      `$$`,
      `s = \\min\\Bigl(1, \\frac{c}{\\lVert g\\rVert}\\Bigr) = \\frac{${fmt(c)}}{${texNum(gNorm, 6)}} = ${texNum(scale, 6)}.`,
      `$$`,
      ``,
      `**3. Scale:**`,
      ``,
      `| entry | before | after ($\\times s$) |`,
      `|---|---|---|`,
      ...rows,
      ``,
      `The clipped gradient has norm exactly $c = ${fmt(c)}$ and points in the same direction as before (all ratios between entries are unchanged); clipping each entry to $[-c, c]$ instead would change the direction.`,
      ``,
      `**Answer:** $${texList(expected, 4)}$`,
    ].join("\n");
    const hint = `First compute one norm over all ${n} entries: $\\lVert g\\rVert^2 = ${texNum(sq, 6)}$. Then compare $\\lVert g\\rVert$ with $c = ${fmt(c)}$; if it is larger, multiply *every* entry by the same factor $c/\\lVert g\\rVert$.`;
    return {
      generator: "gradient-clipping",
      seed,
      locale: "en" as const,
      params: { ...params, difficulty: d },
      prompt,
      answer: { kind: "vector", length: n, tolerance: { rel: REL_TOL } },
      expected,
      expectedTex: texList(expected, 4),
      mistakes,
      hint,
      solution,
    };
  },
};
