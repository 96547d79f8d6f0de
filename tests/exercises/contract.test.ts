import { isDeepStrictEqual } from "node:util";
import temml from "temml";
import { describe, expect, it } from "vitest";
import { type AnswerSpec, type AnswerValue, checkAnswer, distinguishable } from "@/lib/answer";
import { mathOptions } from "@/lib/content/math-options";
import type { DefinedExercise } from "@/lib/exercises/define";
import { GENERATOR_IDS, getGenerator } from "@/lib/exercises/registry";
import { trueStepValues } from "@/lib/exercises/steps";
import type { ExerciseInstance, ExerciseParams } from "@/lib/exercises/types";
import { ORACLES } from "./oracles";
import { mathNumbers, NUMBER, problems, sameValue, showsNumber, split } from "./support";

/**
 * The contract every registered exercise generator keeps, checked over many
 * seeds, every parameter combination and both languages. Per-generator test
 * files keep only what is particular to one generator (finite differences,
 * Monte Carlo, the teaching points); the values of the answer and of every
 * mistake are recomputed here by that generator's oracle (tests/exercises/
 * oracles/), written independently of the generator.
 */

const SEEDS = Array.from({ length: 30 }, (_, i) => i * 7919 + 13);
const LOCALES = ["en", "zh"] as const;
const HAN = /\p{Script=Han}/u;

/** Temml errors depend on the TeX's structure, not its digits: each structure is rendered once, with the app's own options. */
const rendered = new Set<string>();
function renderError(md: string): string | null {
  const { math, prose } = split(md);
  if (prose.includes("$")) return `unbalanced $ in: ${md.slice(0, 200)}`;
  for (const { tex, display } of math) {
    const key = `${display ? "D" : "I"}${tex.replace(NUMBER, "0")}`;
    if (rendered.has(key)) continue;
    try {
      temml.renderToString(tex, { ...mathOptions, displayMode: display, throwOnError: true });
    } catch (e) {
      return `${String(e)}\n${tex}`;
    }
    rendered.add(key);
  }
  return null;
}

/** How a value would be typed: full precision, so it lands on the value itself. */
function typed(v: AnswerValue, spec: AnswerSpec): string {
  if (typeof v === "number") return String(v);
  if (Array.isArray(v)) return spec.kind === "set" ? (v.length ? v.join(", ") : "none") : v.map(String).join(", ");
  if (typeof v === "boolean") return v ? "yes" : "no";
  return v;
}

function combos(id: string): ExerciseParams[] {
  const base = ORACLES.get(id)?.combos ?? [{}];
  return base.flatMap((c) => [1, 2, 3].map((difficulty) => ({ ...c, difficulty })));
}

describe.each(GENERATOR_IDS.map((id) => [id]))("%s", (id) => {
  const g = getGenerator(id) as DefinedExercise<ExerciseParams, unknown, never, string>;
  const oracle = ORACLES.get(id);
  const cases = combos(id).flatMap((params) => SEEDS.map((seed) => ({ seed, params })));
  const draw = (seed: number, params: ExerciseParams, locale: "en" | "zh"): ExerciseInstance => g.generate(seed, params, locale);

  it("has the typed shape (draw, solve, mistakes, text per language) and an independent oracle", () => {
    expect(typeof g.sample, "defined with defineExercise").toBe("function");
    expect(oracle, `tests/exercises/oracles has no oracle for ${id}`).toBeDefined();
    expect(g.titles.en.trim()).not.toBe("");
    expect(HAN.test(g.titles.en)).toBe(false);
    expect(HAN.test(g.titles.zh)).toBe(true);
  });

  it("is deterministic, and both languages carry the same numbers, answer and mistakes", () => {
    const bad = problems();
    for (const { seed, params } of cases) {
      const en = draw(seed, params, "en");
      const zh = draw(seed, params, "zh");
      const at = `seed ${seed} ${JSON.stringify(params)}`;
      bad.check(isDeepStrictEqual(en, draw(seed, params, "en")), () => `${at}: en differs on a second draw`);
      bad.check(isDeepStrictEqual(zh, draw(seed, params, "zh")), () => `${at}: zh differs on a second draw`);
      bad.check(en.locale === "en" && zh.locale === "zh", () => `${at}: locale field`);
      for (const k of ["params", "answer", "expected"] as const) {
        bad.check(isDeepStrictEqual(en[k], zh[k]), () => `${at}: ${k} differs between languages`);
      }
      // The answer as shown: the same TeX, except a yes/no answer, which is a word in each language.
      if (typeof en.expected === "boolean") {
        const words = en.expected ? ["\\text{yes}", "\\text{是}"] : ["\\text{no}", "\\text{否}"];
        bad.check(en.expectedTex === words[0] && zh.expectedTex === words[1], () => `${at}: yes/no shown as ${en.expectedTex} / ${zh.expectedTex}`);
      } else {
        bad.check(en.expectedTex === zh.expectedTex, () => `${at}: expectedTex differs between languages`);
      }
      bad.check(
        isDeepStrictEqual(
          en.mistakes.map((m) => [m.id, m.value]),
          zh.mistakes.map((m) => [m.id, m.value]),
        ),
        () => `${at}: mistakes differ between languages`,
      );
      for (const k of ["prompt", "solution"] as const) {
        const a = [...mathNumbers(en[k])].sort();
        const b = [...mathNumbers(zh[k])].sort();
        bad.check(isDeepStrictEqual(a, b), () => `${at}: numbers in the ${k}'s maths differ: en ${a.join(" ")} / zh ${b.join(" ")}`);
      }
    }
    bad.none();
  });

  it("writes every text in both languages: Chinese words in zh, none in en", () => {
    const bad = problems();
    for (const { seed, params } of cases) {
      for (const locale of LOCALES) {
        const inst = draw(seed, params, locale);
        const texts: [string, string][] = [
          ["prompt", inst.prompt],
          ["hint", inst.hint],
          ["solution", inst.solution],
          ...inst.mistakes.map((m) => [`mistake ${m.id}`, m.explanation] as [string, string]),
        ];
        for (const [what, text] of texts) {
          const prose = split(text).prose;
          bad.check(text.trim() !== "", () => `${locale} seed ${seed}: empty ${what}`);
          bad.check(HAN.test(prose) === (locale === "zh"), () => `${locale} seed ${seed} ${JSON.stringify(params)}: ${what} is not in ${locale}: ${prose.slice(0, 160)}`);
        }
      }
    }
    bad.none();
  });

  it("never shows the answer in the prompt, and ends the solution on it", () => {
    const bad = problems();
    for (const { seed, params } of cases) {
      for (const locale of LOCALES) {
        const inst = draw(seed, params, locale);
        const at = `${locale} seed ${seed} ${JSON.stringify(params)}`;
        if (typeof inst.expected === "number") {
          bad.check(!showsNumber(inst.prompt, inst.expectedTex), () => `${at}: prompt shows ${inst.expectedTex}`);
          bad.check(!showsNumber(inst.prompt, inst.expected.toPrecision(4).replace(/\.?0+$/, "")), () => `${at}: prompt shows the answer as typed`);
        }
        const lines = inst.solution.trim().split("\n");
        bad.check((lines[lines.length - 1] as string).includes(inst.expectedTex), () => `${at}: the solution's last line does not give ${inst.expectedTex}: ${lines[lines.length - 1]}`);
      }
    }
    bad.none();
  });

  it("computes the answer and every mistake's value as its independent oracle does", () => {
    if (!oracle) return expect.fail(`no oracle for ${id}`);
    const bad = problems();
    for (const { seed, params } of cases) {
      const { d } = g.sample(seed, params);
      const inst = draw(seed, params, "en");
      const at = `seed ${seed} ${JSON.stringify(params)}`;
      const want = oracle.expected(d as never, inst.params);
      bad.check(sameValue(inst.expected, want), () => `${at}: expected ${JSON.stringify(inst.expected)}, oracle ${JSON.stringify(want)}`);
      const values = oracle.mistakes(d as never, inst.params);
      for (const m of inst.mistakes) {
        const w = Object.hasOwn(values, m.id) ? values[m.id] : undefined;
        bad.check(w !== undefined, () => `${at}: the oracle does not know mistake ${m.id}`);
        if (w !== undefined) bad.check(sameValue(m.value, w), () => `${at}: mistake ${m.id} is ${JSON.stringify(m.value)}, oracle ${JSON.stringify(w)}`);
      }
    }
    bad.none();
  });

  it("accepts the answer, recognises each mistake, and keeps the mistakes distinguishable at the tolerance", () => {
    const bad = problems();
    for (const { seed, params } of cases) {
      const inst = draw(seed, params, "en");
      const at = `seed ${seed} ${JSON.stringify(params)}`;
      const v = checkAnswer(typed(inst.expected, inst.answer), inst.answer, inst.expected, inst.mistakes);
      bad.check(v.kind === "correct", () => `${at}: the answer typed back is ${v.kind}`);
      inst.mistakes.forEach((m, i) => {
        bad.check(distinguishable(m.value, inst.expected, inst.answer), () => `${at}: mistake ${m.id} is not distinguishable from the answer`);
        for (const other of inst.mistakes.slice(i + 1)) {
          bad.check(distinguishable(m.value, other.value, inst.answer), () => `${at}: mistakes ${m.id} and ${other.id} coincide`);
        }
        const r = checkAnswer(typed(m.value, inst.answer), inst.answer, inst.expected, inst.mistakes);
        bad.check(r.kind === "wrong" && r.mistakeId === m.id, () => `${at}: ${m.id} typed back gives ${JSON.stringify(r)}`);
      });
    }
    bad.none();
  });

  it("draws every formula with Temml, as the app does, in both languages", () => {
    const bad = problems();
    for (const { seed, params } of cases.filter((_, i) => i % 3 === 0)) {
      for (const locale of LOCALES) {
        const inst = draw(seed, params, locale);
        for (const [what, text] of [["prompt", inst.prompt], ["hint", inst.hint], ["solution", inst.solution], ["answer", `$${inst.expectedTex}$`], ...inst.mistakes.map((m) => [m.id, m.explanation])] as const) {
          const err = renderError(text);
          bad.check(err === null, () => `${locale} seed ${seed} ${what}: ${err}`);
        }
      }
    }
    bad.none();
  });

  it("ends its steps, where it has them, on the answer", () => {
    const bad = problems();
    for (const { seed, params } of cases) {
      const steps = g.steps(seed, params);
      if (!steps) continue;
      const inst = draw(seed, params, "en");
      const values = trueStepValues(steps);
      bad.check(steps.length >= 2, () => `seed ${seed}: a single step is the final answer`);
      bad.check(new Set(steps.map((s) => s.id)).size === steps.length, () => `seed ${seed}: step ids repeat`);
      bad.check(values[values.length - 1] === inst.expected, () => `seed ${seed}: last step ${values[values.length - 1]} vs answer ${JSON.stringify(inst.expected)}`);
      for (const s of steps) bad.check(renderError(`$${s.tex}$`) === null, () => `step ${s.id}: ${renderError(`$${s.tex}$`)}`);
    }
    bad.none();
  });
});
