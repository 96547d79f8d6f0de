/**
 * `npm run --silent lab -- speeds --hidden H --width W [--seed N] [--epochs E]
 * [--activation A] [--init I] [--eta X] [--batch B] [--split-seed N]` prints
 * one JSON object `{ "speeds": [...], "accuracy": number|null }`: the learning
 * speed ‖∂C/∂bˡ‖ of each hidden layer (first to last) of a net on the 8×8
 * digits, averaged over the first 1,000 training images as Nielsen does
 * (lib/lab/speeds.ts), after E epochs of minibatch SGD (default 0: at
 * initialisation); accuracy is on the test set, null unless E > 0.
 *
 * `npm run --silent lab -- run <experiment> [--query "hidden=4&width=30"]`
 * runs one of the lab's experiments (depth, activations, init, remedies,
 * jacobian, rnn, window) with the settings in the query (the /lab URL's,
 * defaults for the rest) and prints `{ "settings": {...}, "facts": {...} }`.
 * Exit codes: 0 ok; 2 bad usage or a bad value (stderr names it).
 */
import { parseArgs } from "node:util";
import { type ArgReader, argReader } from "./args";
import { ACTIVATIONS, type ActivationName } from "../engine/activations";
import { EngineError } from "../engine/errors";
import { LAB_INITS, type LabInit } from "../lab/network";
import { LabError } from "../lab/errors";
import { speedsExperiment } from "../lab/experiment";
import { EXPERIMENT_IDS, experimentById } from "../lab/experiments";
import { loadDigits } from "../lab/load-digits";

const USAGE =
  "usage: lab run depth|activations|init|remedies|jacobian|rnn|window [--query QUERY]\n       lab speeds --hidden 1..20 --width 1..256 [--seed N] [--epochs 0..1000] [--activation sigmoid|tanh|relu|leaky_relu|linear] [--init nielsen|xavier|he] [--eta X] [--batch 1..1500] [--split-seed N]";

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
        hidden: { type: "string" },
        width: { type: "string" },
        seed: { type: "string" },
        epochs: { type: "string" },
        activation: { type: "string" },
        init: { type: "string" },
        eta: { type: "string" },
        batch: { type: "string" },
        "split-seed": { type: "string" },
        query: { type: "string" },
      },
    });
  } catch (e) {
    fail((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals[0] === "run") return runExperiment(positionals.slice(1), values.query);
  if (positionals.length !== 1 || positionals[0] !== "speeds") {
    fail(positionals.length === 0 ? "name a command: speeds" : `unknown command ${JSON.stringify(positionals.join(" "))}; known: speeds`);
  }
  if (values.query !== undefined) fail("--query: only for lab run");
  const hidden = integer("hidden", values.hidden, undefined, 1, 20);
  const width = integer("width", values.width, undefined, 1, 256);
  const seed = integer("seed", values.seed, 1, 0, 2 ** 31 - 1);
  const splitSeed = integer("split-seed", values["split-seed"], 1, 0, 2 ** 31 - 1);
  const epochs = integer("epochs", values.epochs, 0, 0, 1000);
  const batchSize = integer("batch", values.batch, 32, 1, 1500);
  const activation: ActivationName | undefined = oneOf("activation", values.activation, ACTIVATIONS);
  const init: LabInit | undefined = oneOf("init", values.init, LAB_INITS);
  let eta: number | undefined;
  if (values.eta !== undefined) {
    eta = Number(values.eta);
    if (values.eta.trim() === "" || !(Number.isFinite(eta) && eta > 0)) fail(`--eta: expected a positive number, got ${JSON.stringify(values.eta)}`);
  }

  let result;
  try {
    result = speedsExperiment(loadDigits(), { hidden, width, seed, splitSeed, epochs, batchSize, activation, init, eta });
  } catch (e) {
    // A valid setup can still overflow (e.g. a huge learning rate): say so, as bad usage.
    if (e instanceof EngineError || e instanceof LabError) fail(`speeds: ${e.message}`);
    throw e;
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function runExperiment(rest: string[], query: string | undefined): void {
  if (rest.length !== 1) fail(`run: name one experiment: ${EXPERIMENT_IDS.join(", ")}`);
  const def = experimentById(rest[0] as string);
  if (!def) fail(`run: unknown experiment ${JSON.stringify(rest[0])}; known: ${EXPERIMENT_IDS.join(", ")}`);
  let out;
  try {
    const settings = def.fromQuery(new URLSearchParams(query ?? ""));
    out = { settings, facts: def.run(settings as never).facts };
  } catch (e) {
    if (e instanceof EngineError || e instanceof LabError) fail(`run ${def.id}: ${e.message}`);
    throw e;
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main(process.argv.slice(2));
