import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRng, grad } from "@/lib/engine";
import { runCli, type Run } from "../support/cli";
import { centralDiff, expectClose, randomMatrix, randomVector } from "./helpers";

/**
 * The real `engine grad` CLI in a child process (the contract other tools
 * rely on): its JSON must equal the library's grad() on the same spec, and its
 * gradients must match central finite differences of a loss computed here
 * with plain arithmetic. Every process is started once, all at the same time,
 * in beforeAll (each costs ~0.5–1 s of tsx start-up).
 */

const runEngine = (args: string[], stdin?: string): Promise<Run> => runCli("engine", args, stdin);

// ---------------------------------------------------------------------------
// Specs, and the loss of each written out with plain arithmetic.
// ---------------------------------------------------------------------------

type Act = "sigmoid" | "tanh" | "relu" | "leaky_relu" | "linear";
interface Layer {
  W: number[][];
  b: number[];
  activation: Act;
  residual?: boolean;
}
interface FfSpec {
  layers: Layer[];
  loss: "mse" | "softmax_ce";
  input?: number[];
  target?: number[];
  inputs?: number[][];
  targets?: number[][];
}
interface RnnSpecJson {
  rnn: { W: number[][]; U: number[][]; b: number[]; activation: Act; h0: number[] };
  readout: { V: number[][]; c: number[] };
  inputs: number[][];
  target: number[];
  loss: "mse";
}

const act = (name: Act, z: number): number =>
  name === "sigmoid" ? 1 / (1 + Math.exp(-z)) : name === "tanh" ? Math.tanh(z) : name === "relu" ? Math.max(0, z) : name === "leaky_relu" ? (z > 0 ? z : 0.01 * z) : z;

function exampleLoss(spec: FfSpec, x: number[], y: number[]): number {
  let a = x;
  for (const l of spec.layers) {
    const next = l.W.map((row, i) => act(l.activation, row.reduce((s, w, j) => s + w * a[j]!, l.b[i]!)));
    a = l.residual ? next.map((v, i) => v + a[i]!) : next;
  }
  if (spec.loss === "mse") return 0.5 * a.reduce((s, v, k) => s + (v - y[k]!) ** 2, 0);
  const m = Math.max(...a);
  const lse = m + Math.log(a.reduce((s, v) => s + Math.exp(v - m), 0));
  return -y.reduce((s, yk, k) => s + yk * (a[k]! - lse), 0);
}

function ffLoss(spec: FfSpec): number {
  const xs = spec.inputs ?? [spec.input!];
  const ys = spec.targets ?? [spec.target!];
  return xs.reduce((s, x, i) => s + exampleLoss(spec, x, ys[i]!), 0) / xs.length;
}

function rnnLoss(spec: RnnSpecJson): number {
  const { W, U, b, h0 } = spec.rnn;
  let h = h0;
  for (const x of spec.inputs) {
    h = W.map((row, i) => act(spec.rnn.activation, row.reduce((s, w, j) => s + w * h[j]!, b[i]!) + U[i]!.reduce((s, u, d) => s + u * x[d]!, 0)));
  }
  const y = spec.readout.V.map((row, k) => row.reduce((s, v, j) => s + v * h[j]!, spec.readout.c[k]!));
  return 0.5 * y.reduce((s, v, k) => s + (v - spec.target[k]!) ** 2, 0);
}

/** Central difference of `loss` in every entry of `param(spec)` (a vector or matrix), on deep copies. */
function fdGrad<S>(spec: S, loss: (s: S) => number, param: (s: S) => number[] | number[][]): number[] | number[][] {
  const shape = param(spec);
  const entry = (i: number, j: number | null): number =>
    centralDiff((h) => {
      const s = structuredClone(spec);
      const p = param(s);
      if (j === null) (p as number[])[i]! += h;
      else (p as number[][])[i]![j]! += h;
      return loss(s);
    }, 1e-6);
  return Array.isArray(shape[0]) ? (shape as number[][]).map((row, i) => row.map((_, j) => entry(i, j))) : (shape as number[]).map((_, i) => entry(i, null));
}

const rng = createRng(2718);

const ffSpec: FfSpec = {
  layers: [
    { W: randomMatrix(rng, 4, 3, 0.8), b: randomVector(rng, 4, 0.3), activation: "tanh" },
    { W: randomMatrix(rng, 4, 4, 0.5), b: randomVector(rng, 4, 0.3), activation: "sigmoid", residual: true },
    { W: randomMatrix(rng, 2, 4, 0.8), b: randomVector(rng, 2, 0.3), activation: "linear" },
  ],
  loss: "mse",
  input: randomVector(rng, 3, 1),
  target: randomVector(rng, 2, 1),
};

const batchSpec: FfSpec = {
  layers: [
    { W: randomMatrix(rng, 5, 3, 0.8), b: randomVector(rng, 5, 0.3), activation: "leaky_relu" },
    { W: randomMatrix(rng, 3, 5, 0.8), b: randomVector(rng, 3, 0.3), activation: "linear" },
  ],
  loss: "softmax_ce",
  inputs: randomMatrix(rng, 4, 3, 1),
  targets: [
    [1, 0, 0],
    [0, 0, 1],
    [0.2, 0.5, 0.3],
    [0, 1, 0],
  ],
};

const rnnSpec: RnnSpecJson = {
  rnn: { W: randomMatrix(rng, 3, 3, 0.9), U: randomMatrix(rng, 3, 2, 0.7), b: randomVector(rng, 3, 0.2), activation: "tanh", h0: randomVector(rng, 3, 0.5) },
  readout: { V: randomMatrix(rng, 2, 3, 0.7), c: randomVector(rng, 2, 0.2) },
  inputs: randomMatrix(rng, 6, 2, 1),
  target: [0.3, -0.4],
  loss: "mse",
};

const tiny = (patch: (s: FfSpec) => void): string => {
  const s: FfSpec = structuredClone(ffSpec);
  patch(s);
  return JSON.stringify(s);
};

// Bad specs: [name, file contents (null: no file), expected stderr start, exit code].
const BAD: [string, string | null, RegExp, number][] = [
  ["unknown activation", tiny((s) => ((s.layers[1] as { activation: string }).activation = "softplus")), /^layers\[1\]\.activation: unknown activation "softplus"/, 2],
  ["shape mismatch", tiny((s) => (s.layers[2]!.W = randomMatrix(rng, 2, 3, 1))), /^layers\[2\]\.W: expected 4 columns, got 3/, 2],
  ["non-square residual", tiny((s) => (s.layers[0]!.residual = true)), /^layers\[0\]\.W: a residual layer .* needs a square W, got 4x3/, 2],
  // JSON.parse reads 1e999 as Infinity: the only way a non-finite number gets into JSON.
  ["non-finite number", tiny((s) => s).replace(/"input":\[[^,]+,/, '"input":[1e999,'), /^input\[0\]: expected a finite number, got Infinity/, 2],
  ["invalid JSON", '{"layers": [', /^spec: invalid JSON/, 2],
  ["missing file", null, /^spec: cannot read .*does-not-exist\.json/, 2],
  [
    "overflow (valid spec, result not representable)",
    JSON.stringify({ layers: Array.from({ length: 4 }, () => ({ W: [[1e120]], b: [0], activation: "linear" })), input: [1], target: [0] }),
    /^layers\[2\]\.z\[0\]: non-finite result/,
    3,
  ],
];

let dir = "";
let runs: { ff: Run; batch: Run; rnn: Run; bad: Run[] };

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "engine-cli-"));
  const file = (name: string, text: string): string => {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const ffFile = file("ff.json", JSON.stringify(ffSpec));
  const rnnFile = file("rnn.json", JSON.stringify(rnnSpec));
  const badArgs = BAD.map(([, text], i) => (text === null ? path.join(dir, "does-not-exist.json") : file(`bad${i}.json`, text)));
  const [ff, batch, rnn, ...bad] = await Promise.all([
    runEngine(["grad", ffFile]),
    runEngine(["grad", "-"], JSON.stringify(batchSpec)),
    runEngine(["grad", rnnFile]),
    ...badArgs.map((f) => runEngine(["grad", f])),
  ]);
  runs = { ff: ff!, batch: batch!, rnn: rnn!, bad };
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const ok = (r: Run): Record<string, unknown> => {
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  expect(r.stdout.endsWith("\n")).toBe(true);
  expect(r.stdout.trim().split("\n")).toHaveLength(1);
  return JSON.parse(r.stdout) as Record<string, unknown>;
};

/** Finite differences are good to ~1e-8 absolute here; the engine itself is checked to 1e-9 relative against the autograd elsewhere. */
const fdClose = (actual: unknown, fd: number[] | number[][], name: string): void => expectClose(actual, fd, 1e-6, 1e-8, name);

describe("engine grad CLI", () => {
  it("feedforward spec from a FILE: same JSON as grad(), gradients match finite differences", () => {
    const out = ok(runs.ff);
    expect(out).toEqual(JSON.parse(JSON.stringify(grad(ffSpec))));
    expectClose(out.loss, ffLoss(ffSpec), 1e-13, 0, "loss");
    const layers = out.layers as { dW: number[][]; db: number[]; deltaNorm: number; z: number[]; a: number[] }[];
    expect(layers).toHaveLength(3);
    ffSpec.layers.forEach((_, l) => {
      fdClose(layers[l]!.dW, fdGrad(ffSpec, ffLoss, (s) => s.layers[l]!.W), `layers[${l}].dW`);
      fdClose(layers[l]!.db, fdGrad(ffSpec, ffLoss, (s) => s.layers[l]!.b), `layers[${l}].db`);
      expectClose(layers[l]!.deltaNorm, Math.hypot(...layers[l]!.db), 1e-14, 0, `layers[${l}].deltaNorm`);
    });
    fdClose(out.dInput, fdGrad(ffSpec, ffLoss, (s) => s.input!), "dInput");
    expect(out.output).toEqual(layers[2]!.a);
  });

  it("batch spec on stdin (-): mean loss, mean gradients, per-example dInput", () => {
    const out = ok(runs.batch);
    expect(out).toEqual(JSON.parse(JSON.stringify(grad(batchSpec))));
    expectClose(out.loss, ffLoss(batchSpec), 1e-13, 0, "loss");
    const layers = out.layers as { dW: number[][]; db: number[]; z: number[][] }[];
    batchSpec.layers.forEach((_, l) => {
      fdClose(layers[l]!.dW, fdGrad(batchSpec, ffLoss, (s) => s.layers[l]!.W), `layers[${l}].dW`);
      fdClose(layers[l]!.db, fdGrad(batchSpec, ffLoss, (s) => s.layers[l]!.b), `layers[${l}].db`);
    });
    expect(layers[0]!.z).toHaveLength(4);
    const dInput = out.dInput as number[][];
    expect(dInput).toHaveLength(4);
    batchSpec.inputs!.forEach((_, e) => fdClose(dInput[e], fdGrad(batchSpec, ffLoss, (s) => s.inputs![e]!), `dInput[${e}]`));
    // softmax_ce also reports the probabilities, one distribution per example.
    for (const p of out.probabilities as number[][]) expectClose(p.reduce((s, v) => s + v, 0), 1, 1e-14, 0);
  });

  it("RNN spec: same JSON as grad(), every gradient matches finite differences", () => {
    const out = ok(runs.rnn);
    expect(out).toEqual(JSON.parse(JSON.stringify(grad(rnnSpec))));
    expectClose(out.loss, rnnLoss(rnnSpec), 1e-13, 0, "loss");
    fdClose(out.dW, fdGrad(rnnSpec, rnnLoss, (s) => s.rnn.W), "dW");
    fdClose(out.dU, fdGrad(rnnSpec, rnnLoss, (s) => s.rnn.U), "dU");
    fdClose(out.db, fdGrad(rnnSpec, rnnLoss, (s) => s.rnn.b), "db");
    fdClose(out.dV, fdGrad(rnnSpec, rnnLoss, (s) => s.readout.V), "dV");
    fdClose(out.dc, fdGrad(rnnSpec, rnnLoss, (s) => s.readout.c), "dc");
    fdClose(out.dh0, fdGrad(rnnSpec, rnnLoss, (s) => s.rnn.h0), "dh0");
    const norms = out.hGradNorms as number[];
    expect(norms).toHaveLength(rnnSpec.inputs.length + 1);
    expectClose(norms[0]!, Math.hypot(...(out.dh0 as number[])), 1e-14, 0, "hGradNorms[0]");
  });

  it.each(BAD.map((b, i) => [b[0], i] as const))("%s: exit code and a stderr naming the field, nothing on stdout", (_name, i) => {
    const r = runs.bad[i]!;
    const [, , message, code] = BAD[i]!;
    expect(r.code).toBe(code);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});
