import { beforeAll, describe, expect, it } from "vitest";
import { runCli, type Run } from "../support/cli";

/**
 * The authors' command, `npm run --silent exercise -- GENERATOR …`, in a child
 * process: the JSON it promises, the same numbers in both languages, and exit
 * code 2 with a message naming what was wrong. All processes start at once
 * in beforeAll (each costs ~1 s of tsx start-up).
 */

const CASES = {
  zh: ["chain-bias-gradient", "--seed", "7", "--lang", "zh", "--param", "activation=tanh"],
  en: ["chain-bias-gradient", "--seed", "7", "--lang", "en", "--param", "activation=tanh"],
  defaults: ["chain-bias-gradient"],
  unknownGenerator: ["no-such-thing", "--seed", "1"],
  badValue: ["chain-bias-gradient", "--param", "activation=softplus"],
  unknownParam: ["chain-bias-gradient", "--param", "depth=9"],
  badLang: ["chain-bias-gradient", "--lang", "fr"],
  badSeed: ["chain-bias-gradient", "--seed", "1.5"],
  noGenerator: [],
} as const;

const runs: Record<string, Run> = {};

beforeAll(async () => {
  const entries = await Promise.all(Object.entries(CASES).map(async ([k, args]) => [k, await runCli("exercise", [...args])] as const));
  for (const [k, r] of entries) runs[k] = r;
}, 120_000);

const KEYS = ["generator", "seed", "lang", "params", "prompt", "expected", "expectedTex", "hint", "mistakes", "solution"];
const HAN = /\p{Script=Han}/u;

describe("npm run exercise", () => {
  it("prints one instance as JSON with exactly the documented fields", () => {
    const r = runs.zh!;
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(KEYS);
    expect(out).toMatchObject({ generator: "chain-bias-gradient", seed: 7, lang: "zh", params: { difficulty: 2, activation: "tanh" } });
    for (const m of out.mistakes) expect(Object.keys(m)).toEqual(["id", "value", "explanation"]);
  });

  it("writes Chinese words with --lang zh and the same numbers and TeX as English", () => {
    const zh = JSON.parse(runs.zh!.stdout);
    const en = JSON.parse(runs.en!.stdout);
    for (const field of ["prompt", "hint", "solution"]) {
      expect(HAN.test(zh[field]), field).toBe(true);
      expect(HAN.test(en[field]), field).toBe(false);
    }
    for (const m of zh.mistakes) expect(HAN.test(m.explanation), m.id).toBe(true);
    expect(zh.expected).toBe(en.expected);
    expect(zh.expectedTex).toBe(en.expectedTex);
    expect(zh.mistakes.map((m: { id: string; value: unknown }) => [m.id, m.value])).toEqual(en.mistakes.map((m: { id: string; value: unknown }) => [m.id, m.value]));
    // Every $…$ span of the English prompt is in the Chinese one too.
    const spans = (s: string) => s.split("$").filter((_, i) => i % 2 === 1);
    expect(spans(zh.prompt).sort()).toEqual(spans(en.prompt).sort());
  });

  it("defaults to seed 1, difficulty 2, English and the first allowed value", () => {
    const out = JSON.parse(runs.defaults!.stdout);
    expect(out).toMatchObject({ seed: 1, lang: "en", params: { difficulty: 2, activation: "sigmoid" } });
  });

  it.each([
    ["unknownGenerator", "no-such-thing"],
    ["badValue", "softplus"],
    ["unknownParam", "depth"],
    ["badLang", "fr"],
    ["badSeed", "--seed"],
    ["noGenerator", "generator"],
  ])("%s: exit 2, stderr names %s, nothing on stdout", (k, named) => {
    const r = runs[k]!;
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(named);
  });

  it("a bad value lists the allowed ones", () => {
    expect(runs.badValue!.stderr).toContain("sigmoid, tanh, relu");
  });
});
