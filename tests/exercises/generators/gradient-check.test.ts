import { describe, expect, it } from "vitest";
import { checkAnswer } from "@/lib/answer";
import { gradientCheck } from "@/lib/exercises/generators/gradient-check";
import { plainNum } from "@/lib/exercises/kit/tex";
import type { ExerciseParams } from "@/lib/exercises/types";
import { problems } from "../support";

const SEEDS = Array.from({ length: 150 }, (_, i) => i * 7919 + 37);
const COMBOS: ExerciseParams[] = ["error", "verdict"].flatMap((mode) => [1, 2, 3].map((difficulty) => ({ mode, difficulty })));

/** The table rows of the prompt: (g_a,i, g_n,i) as printed, each `m \times 10^{e}` read as one decimal. */
function readRows(prompt: string): { a: string[]; n: string[] } {
  const num = String.raw`\$(-?\d(?:\.\d+)?)(?: \\times 10\^\{(-?\d+)\})?\$`;
  const rows = [...prompt.matchAll(new RegExp(String.raw`^\| \d+ \| ${num} \| ${num} \|$`, "gm"))];
  const dec = (m: string | undefined, e: string | undefined) => `${m}e${e ?? 0}`;
  return { a: rows.map((r) => dec(r[1], r[2])), n: rows.map((r) => dec(r[3], r[4])) };
}

/**
 * rel from the printed decimals by a second route: each pair is written as
 * integers over a common power of ten (BigInt, exact), so the difference has no
 * cancellation, and the scale is never used (rel is scale-free).
 */
function relFromText(a: readonly string[], n: readonly string[]): { rel: number; absScale: number } {
  const parse = (s: string) => {
    const [m, e] = s.split("e") as [string, string];
    const [int, frac = ""] = m.replace("-", "").split(".") as [string, string?];
    return { sign: m.startsWith("-") ? -1n : 1n, digits: BigInt(int + frac), exp: Number(e) - frac.length };
  };
  const all = [...a, ...n].map(parse);
  const minExp = Math.min(...all.map((p) => p.exp));
  const asInt = (p: ReturnType<typeof parse>) => p.sign * p.digits * 10n ** BigInt(p.exp - minExp);
  let d2 = 0n;
  let a2 = 0n;
  let n2 = 0n;
  a.forEach((s, i) => {
    const x = asInt(parse(s));
    const y = asInt(parse(n[i] as string));
    d2 += (x - y) * (x - y);
    a2 += x * x;
    n2 += y * y;
  });
  const rel = Math.sqrt(Number(d2)) / (Math.sqrt(Number(a2)) + Math.sqrt(Number(n2)));
  return { rel, absScale: Math.sqrt(Number(d2)) * 10 ** minExp };
}

describe("gradient-check", () => {
  it("declares its modes", () => {
    expect(gradientCheck.params).toEqual({ mode: ["error", "verdict"] });
  });

  it.each(COMBOS)("the answer follows from the printed digits alone (%o)", (p) => {
    const bad = problems();
    for (const seed of SEEDS) {
      const inst = gradientCheck.generate(seed, p);
      const { a, n } = readRows(inst.prompt);
      bad.check(a.length === p.difficulty && n.length === a.length, () => `${seed}: ${a.length} rows`);
      const { rel, absScale } = relFromText(a, n);
      if (p.mode === "error") {
        bad.check(Math.abs(rel - (inst.expected as number)) <= 1e-12 * rel, () => `${seed}: printed digits give ${rel}, answer ${inst.expected}`);
        bad.check(checkAnswer(plainNum(rel, 4), inst.answer, inst.expected, inst.mistakes).kind === "correct", () => `${seed}: 4 digits not accepted`);
      } else {
        // A clear verdict (a factor 3 from τ), and one an absolute threshold would get wrong.
        bad.check(inst.expected === rel < 1e-6, () => `${seed}: verdict ${inst.expected} for rel ${rel}`);
        bad.check(Math.abs(Math.log10(rel / 1e-6)) >= Math.log10(3) && (absScale < 1e-6) !== (rel < 1e-6), () => `${seed}: rel ${rel}, absolute ${absScale}`);
        bad.check(inst.prompt.includes("\\tau = 10^{-6}"), () => `${seed}: τ not stated`);
      }
    }
    bad.none();
  });

  it("draws verdicts both ways and relative errors over several decades", () => {
    const verdicts = new Set(SEEDS.map((s) => gradientCheck.generate(s, { mode: "verdict", difficulty: 2 }).expected));
    expect(verdicts).toEqual(new Set([true, false]));
    const decades = new Set(SEEDS.map((s) => Math.floor(Math.log10(gradientCheck.generate(s, { mode: "error", difficulty: 2 }).expected as number))));
    expect(decades.size).toBeGreaterThanOrEqual(5);
  });
});
