import { describe, it } from "vitest";
import { checkAnswer } from "@/lib/answer";
import { globalNormClipping } from "@/lib/exercises/generators/global-norm-clipping";
import { plainNum } from "@/lib/exercises/kit/tex";
import type { ExerciseParams } from "@/lib/exercises/types";
import { problems } from "../support";

const SEEDS = Array.from({ length: 150 }, (_, i) => i * 7919 + 53);
const COMBOS: ExerciseParams[] = [1, 2, 3].map((difficulty) => ({ difficulty }));

/** Every gradient entry shown in the prompt's display line, the threshold c, and the bias asked for. */
function readPrompt(prompt: string): { all: number[]; c: number; b: number[] } {
  const line = prompt.split("\n").find((l) => l.startsWith("g_{"));
  const ask = /\$(g_\{[^}]+\})\$ (?:after|是多少)|裁剪之后 \$(g_\{[^}]+\})\$/.exec(prompt);
  if (!line || !ask) throw new Error(`cannot read the tensors from:\n${prompt}`);
  const [tensors, cPart] = line.split("c = ") as [string, string];
  // Drop the names' subscripts (W_1, b_1, w_2) before collecting the numbers.
  const all = [...tensors.replace(/g_\{[^}]+\}/g, "").matchAll(/-?\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
  const name = (ask[1] ?? ask[2]) as string;
  const b = /^\\left\(([^)]*)\\right\)/.exec(line.slice(line.indexOf(`${name} = `) + name.length + 3));
  if (!b) throw new Error(`no ${name} in ${line}`);
  return { all, c: Number.parseFloat(cPart), b: (b[1] as string).split(",\\ ").map(Number) };
}

describe("global-norm-clipping", () => {
  it.each(COMBOS)("gives a bias parallel to the original, with the whole clipped gradient at norm exactly c (%o)", (p) => {
    const bad = problems();
    for (const seed of SEEDS) {
      const inst = globalNormClipping.generate(seed, p);
      const { all, c, b } = readPrompt(inst.prompt);
      const exp = inst.expected as number[];
      bad.check(all.length === [5, 6, 9][p.difficulty - 1], () => `${seed}: read ${all.length} entries`);
      // The factor, read off the answer, is the same for every entry of the bias...
      const f = (exp[0] as number) / (b[0] as number);
      bad.check(exp.every((v, i) => Math.abs(v - f * (b[i] as number)) < 1e-12), () => `${seed}: not parallel`);
      // ...and applied to all entries it leaves a global norm of exactly c.
      const clippedNorm = Math.sqrt(all.reduce((s, v) => s + (f * v) ** 2, 0));
      bad.check(Math.abs(clippedNorm - c) < 1e-9 * c && f < 1, () => `${seed}: clipped norm ${clippedNorm}, c = ${c}, factor ${f}`);
      bad.check(checkAnswer(exp.map((v) => plainNum(v, 4)).join(", "), inst.answer, exp, inst.mistakes).kind === "correct", () => `${seed}: 4 digits not accepted`);
      bad.check(inst.mistakes.some((m) => m.id === "per-tensor"), () => `${seed}: no per-tensor mistake`);
    }
    bad.none();
  });
});
