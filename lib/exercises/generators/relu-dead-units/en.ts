import type { ExerciseText } from "../../define";
import type { Drawn, MistakeId, Solution } from "./model";
import { countLines, inactiveSetTex, inactiveZs, layerLines, rowTerms, upstreamLines, upstreamList, WEIGHT_GRAD_LINES, zTable } from "./tex";

/** Why one input cannot show a dead unit: the difference the ReLU note teaches. */
const DEAD_VS_INACTIVE = `**Inactive is not dead.** These units are off for *this* input only; another input can give $z_i > 0$, and then they pass gradient and learn again. A unit is **dead** only when $z_i \\le 0$ for *every* input (typically after a large step drives $b_i$ far negative): its weights and bias then never receive gradient and it cannot recover. Deciding that takes all the inputs, not one.`;

export const en: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "Inactive ReLU units and their zero gradients",

  prompt: (d, s) => {
    const { n } = s;
    const lines = [`A layer of ReLU units:`, ``, ...layerLines(d), ``];
    if (s.mode === "dead") {
      lines.push(
        `Which units are **inactive for this input**, i.e. output $h_i = 0$? Answer with the set of their indices $i \\in \\{1, \\dots, ${n}\\}$, comma-separated (e.g. \`1, 3\`).`,
      );
    } else {
      lines.push(
        `The gradient arriving from the next layer is`,
        ``,
        ...upstreamLines(d),
        ``,
        `Take $\\operatorname{relu}'(0) = 0$. How many entries of $\\partial C / \\partial W$ (one per weight $W_{ij}$) are **exactly zero**? Answer with an integer.`,
      );
    }
    return lines.join("\n");
  },

  hint: (d, s) => {
    // The first row written out, without its value: how to compute, not which units are inactive.
    const first = `Compute each pre-activation in full, bias included, e.g. $z_1 = \\sum_j W_{1j} x_j + b_1 = ${rowTerms(d, 0)}$. A unit is inactive for this input when $z_i \\le 0$ (then $h_i = 0$).`;
    return s.mode === "dead"
      ? `${first} List the inactive ones, not the active ones.`
      : `${first} Then use $\\partial C/\\partial W_{ij} = (\\partial C/\\partial h_i)\\,\\operatorname{relu}'(z_i)\\,x_j$: an inactive unit zeroes its whole **row**, ${s.dim} entries.`;
  },

  mistakes: {
    "listed-active": () =>
      `Listed the **active** units (those with $z_i > 0$, $\\operatorname{relu}(z_i) = z_i > 0$); the inactive ones are those with $z_i \\le 0$, which output exactly 0.`,
    "bias-only": () =>
      `Looked at the bias only (units with $b_i < 0$): whether a unit is inactive depends on the whole pre-activation $z_i = \\sum_j W_{ij} x_j + b_i$.`,
    "forgot-bias": (_d, s) =>
      s.mode === "dead"
        ? `Forgot the bias: used $\\sum_j W_{ij} x_j$ instead of $z_i = \\sum_j W_{ij} x_j + b_i$.`
        : `Forgot the bias when deciding which units are inactive: $z_i = \\sum_j W_{ij} x_j + b_i$, not $\\sum_j W_{ij} x_j$.`,
    "dead-count-only": (_d, s) =>
      `Counted inactive units, not weight gradients: each unit inactive for this input zeroes its whole row $\\partial C/\\partial W_{i1}, \\dots, \\partial C/\\partial W_{i${s.dim}}$, i.e. ${s.dim} entries.`,
    "counted-nonzero": (_d, s) =>
      `Counted the **nonzero** entries (the rows of the ${s.alive.length} active units) instead of the zero ones.`,
  },

  solution: (d, s) => {
    const { dim, expectedTex } = s;
    const k = s.dead.length;
    const lines = [
      `A unit is inactive for this input when $z_i \\le 0$: then $h_i = \\max(0, z_i) = 0$ and $\\operatorname{relu}'(z_i) = 0$. Compute every pre-activation:`,
      ``,
      ...zTable(d, s, " (inactive)"),
      ``,
    ];
    if (s.mode === "dead") {
      lines.push(
        `Units with $z_i \\le 0$: ${inactiveZs(s, ", ")}. ${k === 1 ? "It outputs 0 and, for this input, passes no gradient back to its weights." : "They output 0 and, for this input, pass no gradient back to their weights."}`,
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
        ...WEIGHT_GRAD_LINES,
        ``,
        `Every $\\partial C/\\partial h_i$ is nonzero here (${upstreamList(d, ", ")}) and every $x_j$ is nonzero, so an entry is zero exactly when $\\operatorname{relu}'(z_i) = 0$, i.e. for the whole row of an inactive unit. The inactive units are $${inactiveSetTex(s)}$: ${k === 1 ? `1 row of ${dim} entries` : `${k} rows of ${dim} entries each`} (the other ${s.alive.length} rows are all nonzero):`,
        ``,
        ...countLines(s),
        ``,
        DEAD_VS_INACTIVE,
        ``,
        `**Answer:** $${expectedTex}$`,
      );
    }
    return lines.join("\n");
  },
};
