import { beforeAll, describe, expect, it } from "vitest";
import { speedsExperiment } from "../../lib/lab";
import { experiment } from "../../lib/lab/experiments";
import { loadDigits } from "../../lib/lab/load-digits";
import { runCli, type Run } from "../support/cli";

/**
 * `npm run --silent lab -- speeds …` in a child process: one JSON object with
 * the numbers lib/lab computes, and exit code 2 with a message naming what was
 * wrong. All processes start at once in beforeAll (each costs ~1 s of tsx start-up).
 */

const CASES = {
  four: ["speeds", "--hidden", "4", "--width", "30", "--seed", "1"],
  trained: ["speeds", "--hidden", "1", "--width", "30", "--seed", "2", "--epochs", "3", "--eta", "2"],
  noCommand: [],
  unknownCommand: ["accuracy", "--hidden", "2", "--width", "30"],
  noHidden: ["speeds", "--width", "30"],
  badHidden: ["speeds", "--hidden", "0", "--width", "30"],
  badWidth: ["speeds", "--hidden", "2", "--width", "3.5"],
  badActivation: ["speeds", "--hidden", "2", "--width", "30", "--activation", "softplus"],
  badEta: ["speeds", "--hidden", "2", "--width", "30", "--eta", "-1"],
  unknownOption: ["speeds", "--hidden", "2", "--width", "30", "--depth", "3"],
  runRnn: ["run", "rnn", "--query", "scale=3&clip=1"],
  runBadScale: ["run", "rnn", "--query", "scale=9"],
  runUnknown: ["run", "constructor"],
} as const;

const runs: Record<string, Run> = {};

beforeAll(async () => {
  const entries = await Promise.all(Object.entries(CASES).map(async ([k, args]) => [k, await runCli("lab", [...args])] as const));
  for (const [k, r] of entries) runs[k] = r;
}, 120_000);

describe("npm run lab -- speeds", () => {
  it("prints one JSON object, the speeds of lib/lab at initialisation and accuracy null", () => {
    const r = runs.four!;
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(["speeds", "accuracy"]);
    expect(out).toEqual(speedsExperiment(loadDigits(), { hidden: 4, width: 30, seed: 1 }));
    expect(out.accuracy).toBeNull();
  });

  it("trains first with --epochs and reports the test accuracy", () => {
    const out = JSON.parse(runs.trained!.stdout);
    expect(out).toEqual(speedsExperiment(loadDigits(), { hidden: 1, width: 30, seed: 2, epochs: 3, eta: 2 }));
    expect(out.accuracy).toBeGreaterThan(0.5);
    expect(out.accuracy).toBeLessThanOrEqual(1);
  });

  it.each([
    ["noCommand", "speeds"],
    ["unknownCommand", "accuracy"],
    ["noHidden", "--hidden is required"],
    ["badHidden", "--hidden"],
    ["badWidth", "--width"],
    ["badActivation", "sigmoid, tanh, relu"],
    ["badEta", "--eta"],
    ["unknownOption", "--depth"],
  ])("%s: exit 2, stderr names %s, nothing on stdout", (k, named) => {
    const r = runs[k]!;
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(named);
  });
});

describe("npm run lab -- run", () => {
  it("prints the settings read from the query and the experiment's facts", () => {
    const r = runs.runRnn!;
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const settings = { ...experiment("rnn").defaults, scale: 3, clip: true };
    expect(out).toEqual({ settings, facts: experiment("rnn").run(settings).facts });
  });

  it.each([
    ["runBadScale", "scale"],
    ["runUnknown", "unknown experiment"],
  ])("%s: exit 2 naming %s", (k, what) => {
    const r = runs[k]!;
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(what);
  });
});
