import type { ExerciseText } from "../../define";
import type { Drawn, MistakeId, Solution } from "./model";
import { fmt, gTex, NORMAL_RANGE_TEX, recoveredTex, relErrTex, roundingTex, sTex, SPACING_TEX, SUBNORMAL_TEX } from "./tex";

export const en: ExerciseText<Drawn, Solution, MistakeId> = {
  title: "fp16 underflow of a gradient, with and without loss scaling",

  prompt: (d) =>
    [
      `In mixed-precision training gradients are stored in fp16 (IEEE half precision):`,
      ``,
      `- normal numbers: $${NORMAL_RANGE_TEX}$, with 11 significant bits: in $${SPACING_TEX}$ the values are $2^{e-10}$ apart;`,
      `- subnormal numbers: below $2^{-14}$, only the multiples of $${SUBNORMAL_TEX}$;`,
      `- rounding goes to the nearest value, ties to even.`,
      ``,
      `A weight's true gradient is $${gTex(d)}$, and the loss scale is $${sTex(d)}$.`,
      ``,
      `(a) What value does fp16 store for $g$ without scaling? (b) With loss scaling the backward pass produces $Sg$, which is stored in fp16 and then divided by $S$ in float32 (exactly, as $S$ is a power of two): what gradient comes back? Enter both, comma-separated: (a) then (b), 4 significant digits (\`0\` if nothing is kept; scientific notation such as \`5.96e-8\` is fine).`,
    ].join("\n"),

  hint: (_d, s) =>
    `Find the spacing of fp16 values where each number lies: $g = ${fmt(s.g)}$ is below $2^{-14}$, so the spacing is $2^{-24}$; count how many spacings the number is and round to the nearest whole count. For $Sg = ${fmt(s.g * s.S)}$ check first whether it is above $2^{-14}$.`,

  mistakes: {
    "no-rounding": () => `Assumed fp16 stores $g$ exactly. Below $2^{-14}$ fp16 only has multiples of $2^{-24}$, so a small gradient is rounded coarsely, or to 0.`,
    "forgot-unscale": (d) => `Forgot to divide by $S = 2^{${d.k}}$ after the backward pass: the scaled gradient must be unscaled before the optimiser step.`,
    "flushed-subnormals": () => `Flushed everything below $2^{-14}$ to 0. IEEE fp16 keeps subnormals, the multiples of $2^{-24}$, down to $2^{-24}$ itself.`,
    truncated: () => `Rounded toward zero; fp16 rounds to the **nearest** representable value (ties to even).`,
  },

  solution: (d, s) =>
    [
      `**(a) Without scaling.** $g$ is below $2^{-14}$, so the nearby fp16 values are the multiples of $2^{-24}$:`,
      ``,
      `$$`,
      roundingTex("g", s.plain),
      `$$`,
      ``,
      s.plain.stored === 0
        ? `The gradient **underflows**: it is less than half of $2^{-24}$, so fp16 stores 0 and this weight gets no update at all.`
        : `Only the nearest multiple of $2^{-24}$ survives: a relative error of $${relErrTex(s.plain.stored, s.g)}$.`,
      ``,
      `**(b) With loss scaling** by $${sTex(d)}$:`,
      ``,
      `$$`,
      roundingTex("Sg", s.scaled),
      `$$`,
      ``,
      `$$`,
      recoveredTex(d, s),
      `$$`,
      ``,
      s.scaled.x >= 2 ** -14
        ? `$Sg$ is a normal number, so it keeps 11 significant bits; after dividing by $S$ the relative error is only $${relErrTex(s.recovered, s.g)}$.`
        : `$Sg$ is still below $2^{-14}$: the scale is too small, and the recovered gradient is still coarse (relative error $${relErrTex(s.recovered, s.g)}$). A larger $S$, as dynamic loss scaling would pick, moves $Sg$ into the normal range.`,
      ``,
      `**Answer:** $${s.expectedTex}$`,
    ].join("\n"),
};
