import type { ExerciseText } from "../../define";
import type { Drawn, MistakeId, Solution } from "./model";
import { entryRows, fmt, gDisplay, gNormTex, normTex, scaleTex, sqTex } from "./tex";

export const en: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "Clip a gradient by its norm",

  prompt: (d, s) => {
    const { n } = s;
    const rule = s.showRule
      ? `It is clipped **by norm** with threshold $c = ${fmt(d.c)}$: $g \\leftarrow g\\cdot\\min\\bigl(1,\\ c/\\lVert g\\rVert\\bigr)$, with $\\lVert g\\rVert$ the Euclidean norm.`
      : `It is clipped **by norm** (as \`clip_grad_norm_\` does) with threshold $c = ${fmt(d.c)}$.`;
    return [
      `After a backward pass, the gradient of a model's ${n} parameters is`,
      ``,
      ...gDisplay(d),
      ``,
      rule,
      ``,
      `What is the gradient after clipping? Enter all ${n} entries, comma-separated, in the order shown (4 significant digits are enough).`,
    ].join("\n");
  },

  hint: (d, s) =>
    `First compute one norm over all ${s.n} entries: $\\lVert g\\rVert^2 = ${sqTex(s)}$. Then compare $\\lVert g\\rVert$ with $c = ${fmt(d.c)}$; if it is larger, multiply *every* entry by the same factor $c/\\lVert g\\rVert$.`,

  mistakes: {
    "clip-by-value": () =>
      `Clipped each entry to $[-c, c]$ (clipping by value); that bends the direction. Norm clipping multiplies the whole vector by one factor $c/\\lVert g\\rVert$.`,
    "unit-vector": (d) =>
      `Divided by $\\lVert g\\rVert$ only: $g/\\lVert g\\rVert$ has length 1, but the clipped gradient must have length $c = ${fmt(d.c)}$, so also multiply by $c$.`,
    "squared-norm": (_d, s) =>
      `Used the squared norm $\\lVert g\\rVert^2 = ${sqTex(s)}$ in the factor; it is $c/\\lVert g\\rVert$ with $\\lVert g\\rVert = \\sqrt{\\textstyle\\sum_i g_i^2}$.`,
    "no-clipping": (d, s) =>
      `Returned $g$ unchanged, but $\\lVert g\\rVert = ${gNormTex(s, 4)} > c = ${fmt(d.c)}$, so it must be scaled down.`,
    "inverted-ratio": () =>
      `Scaled by $\\lVert g\\rVert / c$, the ratio upside down; the factor is $c/\\lVert g\\rVert < 1$, clipping only ever shrinks.`,
    "divided-by-c": () => `Divided by $c$; the factor is $c/\\lVert g\\rVert$, the threshold over the current norm.`,
  },

  solution: (d, s) =>
    [
      `**1. Norm** of the whole gradient:`,
      ``,
      `$$`,
      normTex(d, s),
      `$$`,
      ``,
      `**2. Compare:** $\\lVert g\\rVert = ${gNormTex(s)} > c = ${fmt(d.c)}$, so the gradient is clipped. Every entry is multiplied by the same factor`,
      ``,
      `$$`,
      scaleTex(d, s),
      `$$`,
      ``,
      `**3. Scale:**`,
      ``,
      `| entry | before | after ($\\times s$) |`,
      `|---|---|---|`,
      ...entryRows(d, s),
      ``,
      `The clipped gradient has norm exactly $c = ${fmt(d.c)}$ and points in the same direction as before (all ratios between entries are unchanged); clipping each entry to $[-c, c]$ instead would change the direction.`,
      ``,
      `**Answer:** $${s.expectedTex}$`,
    ].join("\n"),
};
