/**
 * `npm run --silent exercise -- GENERATOR [--seed N] [--difficulty D] [--lang en|zh] [--param k=v ...]`
 * prints one instance of a live exercise as JSON, for authors checking what a
 * generator draws, in either language. Exit codes: 0 ok; 2 bad usage, an
 * unknown generator or a bad parameter (stderr names it).
 *
 * Arguments are read with node:util's parseArgs; parameter values are matched
 * against the generator's declared allowed values (never turned into keys or
 * patterns), so `--param activation=tanh` works and `--param activation=foo`
 * names the allowed values.
 */
import { parseArgs } from "node:util";
import { type ArgReader, argReader } from "./args";
import { EngineError } from "../engine/errors";
import { LOCALES } from "../i18n/locale";
import { GENERATOR_IDS, getGenerator } from "../exercises/registry";
import type { ExerciseParams } from "../exercises/types";

const USAGE = "usage: exercise GENERATOR [--seed N] [--difficulty 1|2|3] [--lang en|zh] [--param key=value ...]";

const args: ArgReader = argReader(USAGE);
// Typed explicitly, so that TypeScript knows a call to fail() does not return.
const fail: ArgReader["fail"] = args.fail;
const { integer, oneOf } = args;

function main(argv: string[]): void {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        seed: { type: "string" },
        difficulty: { type: "string" },
        lang: { type: "string" },
        param: { type: "string", multiple: true },
      },
    });
  } catch (e) {
    fail((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) fail(positionals.length === 0 ? "name one generator" : `one generator only, got ${positionals.join(" ")}`);
  const id = positionals[0] as string;
  if (!GENERATOR_IDS.includes(id)) fail(`unknown generator ${JSON.stringify(id)}; known: ${GENERATOR_IDS.join(", ")}`);
  const generator = getGenerator(id);
  const seed = integer("seed", values.seed, 1, 1, 2 ** 31 - 2);
  const difficulty = integer("difficulty", values.difficulty, 2, 1, 3);
  const lang = oneOf("lang", values.lang, LOCALES) ?? "en";

  const params: ExerciseParams = { difficulty };
  const declared = Object.entries(generator.params);
  for (const pair of values.param ?? []) {
    const eq = pair.indexOf("=");
    if (eq <= 0) fail(`--param: expected key=value, got ${JSON.stringify(pair)}`);
    const key = pair.slice(0, eq);
    const text = pair.slice(eq + 1);
    const entry = declared.find(([k]) => k === key);
    if (!entry) {
      const known = declared.map(([k]) => k);
      fail(`--param: ${id} has no parameter ${JSON.stringify(key)}${known.length ? `; it has ${known.join(", ")}` : "; it has none besides --difficulty"}`);
    }
    const allowed = entry[1];
    const value = allowed.find((v) => String(v) === text);
    if (value === undefined) fail(`--param ${key}: expected one of ${allowed.join(", ")}, got ${JSON.stringify(text)}`);
    params[key] = value;
  }

  let inst;
  try {
    inst = generator.generate(seed, params, lang);
  } catch (e) {
    if (e instanceof EngineError) fail(`${id}: ${e.message}`);
    throw e;
  }
  const out = {
    generator: inst.generator,
    seed: inst.seed,
    lang: inst.locale,
    params: inst.params,
    prompt: inst.prompt,
    expected: inst.expected,
    expectedTex: inst.expectedTex,
    hint: inst.hint,
    mistakes: inst.mistakes.map((m) => ({ id: m.id, value: m.value, explanation: m.explanation })),
    solution: inst.solution,
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

main(process.argv.slice(2));
