import type { ExerciseText } from "../../define";
import { texNum } from "../../kit/tex";
import { type Drawn, type MistakeId, type Solution, TAU } from "./model";
import { fmt, gradientRows, normsTex, REL_FORMULA, relTex, TAU_TEX } from "./tex";

export const en: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "Gradient check: relative error and verdict",

  prompt: (d, s) =>
    [
      `You check backprop on ${d.A.length === 1 ? "one parameter" : `${d.A.length} parameters`}: $g_a$ is the analytic gradient from backprop, $g_n$ the numeric one from central differences, both in float64.`,
      ``,
      ...gradientRows(d, false),
      ``,
      `The check uses the relative error`,
      ``,
      `$$`,
      `${REL_FORMULA}.`,
      `$$`,
      ``,
      s.mode === "error"
        ? `What is $\\mathrm{rel}$? Give it as a number (4 significant digits are enough; scientific notation such as \`3.2e-7\` is fine).`
        : `The check passes when $\\mathrm{rel} < ${TAU_TEX}$. Does it pass? Answer yes or no.`,
    ].join("\n"),

  hint: () =>
    `Subtract entry by entry first: the two gradients agree in their leading digits, so the difference sits in the last ones. Then divide the norm of the difference by the **sum** of the two norms, which makes the error independent of the gradients' scale.`,

  mistakes: {
    "absolute-error": (_d, s) =>
      `Gave the absolute error $\\lVert g_a - g_n\\rVert_2 = ${fmt(s.diffNorm)}$ without dividing by the size of the gradients; it grows and shrinks with their scale, so no fixed threshold fits it.`,
    "analytic-norm-only": (_d, s) =>
      `Divided by $\\lVert g_a\\rVert_2 = ${fmt(s.aNorm)}$ alone; the formula divides by $\\lVert g_a\\rVert_2 + \\lVert g_n\\rVert_2$, about twice as much.`,
    "squared-norms": () => `Used squared norms (sums of squares without the square roots); the formula uses the norms themselves.`,
    "absolute-verdict": (_d, s) =>
      `Compared the absolute error $\\lVert g_a - g_n\\rVert_2 = ${fmt(s.diffNorm)}$ with $${TAU_TEX}$. The threshold applies to the relative error, $\\mathrm{rel} = ${texNum(s.rel, 4)}$: with gradients of size $\\lVert g_a\\rVert_2 = ${fmt(s.aNorm)}$ the absolute error is misleadingly ${s.diffNorm >= TAU ? "large" : "small"}.`,
  },

  solution: (d, s) =>
    [
      `**1. Differences**, entry by entry:`,
      ``,
      ...gradientRows(d, true),
      ``,
      `**2. Norms:**`,
      ``,
      `$$`,
      `${normsTex(s)}.`,
      `$$`,
      ``,
      `**3. Relative error:**`,
      ``,
      `$$`,
      `${relTex(s)}.`,
      `$$`,
      ``,
      s.mode === "verdict"
        ? `${s.rel < TAU ? "Below" : "Not below"} $${TAU_TEX}$, so the check ${s.rel < TAU ? "passes" : "fails"}, although the absolute error $${fmt(s.diffNorm)}$ is ${s.diffNorm < TAU ? "below" : "above"} $\\tau$: only the relative error is comparable across gradients of different scales.`
        : `Because the error is divided by the gradients' size, the same threshold works for gradients of any scale.`,
      ``,
      `**Answer:** $${s.mode === "error" ? `\\mathrm{rel} = ${s.expectedTex}` : s.expectedTex}$`,
    ].join("\n"),
};
