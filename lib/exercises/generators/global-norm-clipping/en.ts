import type { ExerciseText } from "../../define";
import type { Drawn, MistakeId, Solution } from "./model";
import { askedName, fmt, normsTex, resultTex, RULE_TEX, scaleTex, tensorsTex } from "./tex";

export const en: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "Clipping by global norm across several tensors",

  prompt: (d) =>
    [
      `One training step produced these gradient tensors, and the optimiser clips by **global** norm with threshold $c$:`,
      ``,
      `$$`,
      tensorsTex(d),
      `$$`,
      ``,
      `What is $${askedName(d)}$ after clipping? Enter its entries, comma-separated, in order (4 significant digits).`,
    ].join("\n"),

  hint: (d) =>
    `The global norm treats all ${d.tensors.length} tensors as one long vector: add up the squares of **every** entry, take the square root, and if it exceeds $c$ scale every tensor by the same factor $c/\\lVert g\\rVert$.`,

  mistakes: {
    "per-tensor": (d, s) => {
      const own = Math.sqrt(s.sq[d.ask] as number);
      return own > d.c
        ? `Clipped $${askedName(d)}$ by its own norm $${fmt(own)}$. Global-norm clipping uses one norm over all tensors, $${fmt(s.norm)}$, and one factor for all of them.`
        : `Clipped each tensor by its own norm: $${askedName(d)}$ has norm $${fmt(own)} \\le c$, so it was left as it was. Global-norm clipping uses one norm over all tensors, $${fmt(s.norm)}$, and scales every tensor, this one included.`;
    },
    "sum-of-norms": () => `Added the tensors' norms; the global norm adds their **squared** norms and then takes the square root.`,
    "squared-norm": (_d, s) => `Divided by the squared global norm $${fmt(s.total)}$ instead of the norm $${fmt(s.norm)}$.`,
    "unit-vector": () => `Divided by $\\lVert g\\rVert$ without multiplying by $c$: clipping rescales the gradient to norm $c$, not to norm 1.`,
    "no-clipping": (_d, s) => `Left the gradient unchanged: its global norm $${fmt(s.norm)}$ exceeds $c$, so clipping acts.`,
  },

  solution: (d, s) =>
    [
      `Clipping by global norm:`,
      ``,
      `$$`,
      `${RULE_TEX}.`,
      `$$`,
      ``,
      `**1. Squared norms of the tensors, and the global norm:**`,
      ``,
      `$$`,
      normsTex(d, s),
      `$$`,
      ``,
      `**2. The common factor** (the norm exceeds $c = ${d.c}$): $${scaleTex(d, s)}$.`,
      ``,
      `**3. Scale the tensor asked for:**`,
      ``,
      `$$`,
      `${resultTex(d, s)}.`,
      `$$`,
      ``,
      `Every tensor is scaled by the same factor, so the update keeps its direction across all parameters and its global norm becomes exactly $c$.`,
      ``,
      `**Answer:** $${s.expectedTex}$`,
    ].join("\n"),
};
