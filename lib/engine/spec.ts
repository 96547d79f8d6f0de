import { ACTIVATIONS, type ActivationName, isActivationName } from "./activations";
import { EngineError } from "./errors";
import type { MatrixLike, VectorLike } from "./linalg";
import { isLossName, LOSSES, type LossName } from "./losses";

/**
 * Validation of JSON specs without a schema library, so the engine stays
 * dependency-free in the browser. Every check names the exact field (e.g.
 * `layers[1].W: expected 3 columns, got 2`) because the messages are shown to
 * learners editing specs by hand. Unknown keys are rejected: a misspelt
 * "residual" silently meaning false would teach the wrong lesson.
 */

export interface LayerSpec {
  /** One row per output unit: z = W a_prev + b. */
  W: MatrixLike;
  b: VectorLike;
  activation: ActivationName;
  /** a = a_prev + f(W a_prev + b); requires a square W. Defaults to false. */
  residual?: boolean;
}

export interface NetworkSpec {
  layers: readonly LayerSpec[];
  /** Defaults to "mse". */
  loss?: LossName;
}

export interface SingleExample {
  input: VectorLike;
  target: VectorLike;
}

export interface BatchExamples {
  inputs: MatrixLike;
  targets: MatrixLike;
}

export type FeedforwardSpec = NetworkSpec & (SingleExample | BatchExamples);

export interface RnnCellSpec {
  /** Recurrent weights, H×H. */
  W: MatrixLike;
  /** Input weights, H×D. */
  U: MatrixLike;
  b: VectorLike;
  activation: ActivationName;
  /** Initial state; defaults to zeros. */
  h0?: VectorLike;
}

export interface ReadoutSpec {
  /** O×H. */
  V: MatrixLike;
  c: VectorLike;
}

export interface RnnModelSpec {
  rnn: RnnCellSpec;
  readout: ReadoutSpec;
  /** Defaults to "mse". */
  loss?: LossName;
}

export interface RnnSpec extends RnnModelSpec {
  /** x_1 … x_T, each of length D. */
  inputs: MatrixLike;
  target: VectorLike;
}

export type Spec = { kind: "feedforward"; spec: FeedforwardSpec } | { kind: "rnn"; spec: RnnSpec };

const join = (path: string, key: string): string => (path === "" ? key : `${path}.${key}`);

function describe(x: unknown): string {
  if (x === undefined) return "nothing";
  if (typeof x === "number") return String(x);
  try {
    const s = JSON.stringify(x);
    return s.length > 40 ? `${s.slice(0, 37)}...` : s;
  } catch {
    return typeof x;
  }
}

function record(x: unknown, field: string, allowed: readonly string[]): Record<string, unknown> {
  if (typeof x !== "object" || x === null || Array.isArray(x)) {
    throw new EngineError(field === "" ? "spec" : field, `expected an object, got ${describe(x)}`);
  }
  for (const key of Object.keys(x)) {
    if (!allowed.includes(key)) {
      throw new EngineError(join(field, key), `unknown field; expected one of ${allowed.join(", ")}`);
    }
  }
  return x as Record<string, unknown>;
}

export function parseNumber(x: unknown, field: string): number {
  if (typeof x !== "number" || !Number.isFinite(x)) {
    throw new EngineError(field, `expected a finite number, got ${describe(x)}`);
  }
  return x;
}

export function parseVector(x: unknown, field: string, length?: number, why = ""): VectorLike {
  if (!Array.isArray(x)) throw new EngineError(field, `expected an array of numbers, got ${describe(x)}`);
  if (x.length === 0) throw new EngineError(field, "expected at least one number");
  if (length !== undefined && x.length !== length) {
    throw new EngineError(field, `expected length ${length}, got ${x.length}${why}`);
  }
  for (let i = 0; i < x.length; i++) parseNumber(x[i], `${field}[${i}]`);
  return x as VectorLike;
}

/**
 * A rectangular matrix. A column-count mismatch that every row shares is
 * reported on the matrix itself; a ragged row is reported on that row.
 */
export function parseMatrix(
  x: unknown,
  field: string,
  expect: { rows?: number; rowsWhy?: string; cols?: number; colsWhy?: string } = {},
): MatrixLike {
  if (!Array.isArray(x)) throw new EngineError(field, `expected an array of rows, got ${describe(x)}`);
  if (x.length === 0) throw new EngineError(field, "expected at least one row");
  if (expect.rows !== undefined && x.length !== expect.rows) {
    throw new EngineError(field, `expected ${expect.rows} rows, got ${x.length}${expect.rowsWhy ?? ""}`);
  }
  const first: unknown = x[0];
  if (!Array.isArray(first)) throw new EngineError(`${field}[0]`, `expected an array of numbers, got ${describe(first)}`);
  const cols = expect.cols ?? first.length;
  if (cols === 0) throw new EngineError(`${field}[0]`, "expected at least one number");
  const uniform = x.every((row: unknown) => Array.isArray(row) && row.length === first.length);
  if (uniform && first.length !== cols) {
    throw new EngineError(field, `expected ${cols} columns, got ${first.length}${expect.colsWhy ?? ""}`);
  }
  for (let i = 0; i < x.length; i++) {
    parseVector(x[i], `${field}[${i}]`, cols, expect.colsWhy ?? "");
  }
  return x as MatrixLike;
}

function parseActivation(x: unknown, field: string): ActivationName {
  if (x === undefined) throw new EngineError(field, `required; expected one of ${ACTIVATIONS.join(", ")}`);
  if (!isActivationName(x)) {
    throw new EngineError(field, `unknown activation ${describe(x)}; expected one of ${ACTIVATIONS.join(", ")}`);
  }
  return x;
}

function parseLoss(x: unknown, field: string): LossName {
  if (x === undefined) return "mse";
  if (!isLossName(x)) throw new EngineError(field, `unknown loss ${describe(x)}; expected one of ${LOSSES.join(", ")}`);
  return x;
}

const rowsOf = (M: MatrixLike): number => M.length;
const colsOf = (M: MatrixLike): number => (M[0] as VectorLike).length;

const LAYER_KEYS = ["W", "b", "activation", "residual"] as const;

export function parseLayer(x: unknown, field: string, inputWidth: number | undefined, prevName: string): LayerSpec {
  const o = record(x, field, LAYER_KEYS);
  const W = parseMatrix(o.W, join(field, "W"), {
    cols: inputWidth,
    colsWhy: inputWidth === undefined ? "" : ` (to match the width of ${prevName})`,
  });
  const b = parseVector(o.b, join(field, "b"), rowsOf(W), " (one per row of W)");
  const activation = parseActivation(o.activation, join(field, "activation"));
  let residual = false;
  if (o.residual !== undefined) {
    if (typeof o.residual !== "boolean") {
      throw new EngineError(join(field, "residual"), `expected true or false, got ${describe(o.residual)}`);
    }
    residual = o.residual;
  }
  if (residual && rowsOf(W) !== colsOf(W)) {
    throw new EngineError(
      join(field, "W"),
      `a residual layer (a = a_prev + f(W a_prev + b)) needs a square W, got ${rowsOf(W)}x${colsOf(W)}`,
    );
  }
  return { W, b, activation, residual };
}

/** Layers and loss only; `path` prefixes field names when the network is nested in a larger object. */
export function parseNetwork(x: unknown, path = "", extraKeys: readonly string[] = []): NetworkSpec {
  const o = record(x, path, ["layers", "loss", ...extraKeys]);
  const layersField = join(path, "layers");
  if (!Array.isArray(o.layers)) throw new EngineError(layersField, `expected an array of layers, got ${describe(o.layers)}`);
  if (o.layers.length === 0) throw new EngineError(layersField, "expected at least one layer");
  const layers: LayerSpec[] = [];
  let width: number | undefined;
  for (let l = 0; l < o.layers.length; l++) {
    const layer = parseLayer(o.layers[l], `${layersField}[${l}]`, width, `layers[${l - 1}]'s output`);
    layers.push(layer);
    width = rowsOf(layer.W);
  }
  return { layers, loss: parseLoss(o.loss, join(path, "loss")) };
}

export function inputWidth(net: NetworkSpec): number {
  return colsOf((net.layers[0] as LayerSpec).W);
}

export function outputWidth(net: NetworkSpec): number {
  return rowsOf((net.layers[net.layers.length - 1] as LayerSpec).W);
}

export function parseFeedforwardSpec(x: unknown): FeedforwardSpec {
  const net = parseNetwork(x, "", ["input", "target", "inputs", "targets"]);
  const o = x as Record<string, unknown>;
  const nIn = inputWidth(net);
  const nOut = outputWidth(net);
  const inWhy = " (to match the columns of layers[0].W)";
  const outWhy = ` (to match the rows of layers[${net.layers.length - 1}].W)`;
  const single = o.input !== undefined || o.target !== undefined;
  const batch = o.inputs !== undefined || o.targets !== undefined;
  if (single && batch) {
    throw new EngineError(o.input !== undefined ? "input" : "target", 'give either "input"/"target" or "inputs"/"targets", not both');
  }
  if (!single && !batch) throw new EngineError("input", 'required: give "input" and "target" (or "inputs" and "targets" for a batch)');
  if (single) {
    const input = parseVector(o.input, "input", nIn, inWhy);
    const target = parseVector(o.target, "target", nOut, outWhy);
    return { ...net, input, target };
  }
  const inputs = parseMatrix(o.inputs, "inputs", { cols: nIn, colsWhy: inWhy });
  const targets = parseMatrix(o.targets, "targets", {
    rows: inputs.length,
    rowsWhy: " (one per input)",
    cols: nOut,
    colsWhy: outWhy,
  });
  return { ...net, inputs, targets };
}

export function parseRnnModel(x: unknown, extraKeys: readonly string[] = []): RnnModelSpec {
  const o = record(x, "", ["rnn", "readout", "loss", ...extraKeys]);
  const c = record(o.rnn, "rnn", ["W", "U", "b", "activation", "h0"]);
  const W = parseMatrix(c.W, "rnn.W");
  const H = rowsOf(W);
  if (colsOf(W) !== H) throw new EngineError("rnn.W", `expected a square matrix (hidden size ${H}), got ${H}x${colsOf(W)}`);
  const U = parseMatrix(c.U, "rnn.U", { rows: H, rowsWhy: " (the hidden size, rows of rnn.W)" });
  const b = parseVector(c.b, "rnn.b", H, " (the hidden size)");
  const activation = parseActivation(c.activation, "rnn.activation");
  const cell: RnnCellSpec = { W, U, b, activation };
  if (c.h0 !== undefined) cell.h0 = parseVector(c.h0, "rnn.h0", H, " (the hidden size)");
  const r = record(o.readout, "readout", ["V", "c"]);
  const V = parseMatrix(r.V, "readout.V", { cols: H, colsWhy: " (the hidden size)" });
  const cOut = parseVector(r.c, "readout.c", rowsOf(V), " (to match the rows of readout.V)");
  return { rnn: cell, readout: { V, c: cOut }, loss: parseLoss(o.loss, "loss") };
}

export function parseRnnSpec(x: unknown): RnnSpec {
  const model = parseRnnModel(x, ["inputs", "target"]);
  const o = x as Record<string, unknown>;
  const D = colsOf(model.rnn.U);
  const inputs = parseMatrix(o.inputs, "inputs", { cols: D, colsWhy: " (to match the columns of rnn.U)" });
  const target = parseVector(o.target, "target", rowsOf(model.readout.V), " (to match the rows of readout.V)");
  return { ...model, inputs, target };
}

/** Dispatch on the shape of the JSON: an "rnn" key means a recurrent spec, "layers" a feedforward one. */
export function parseSpec(x: unknown): Spec {
  const o = record(x, "", ["layers", "loss", "input", "target", "inputs", "targets", "rnn", "readout"]);
  if (o.rnn !== undefined) return { kind: "rnn", spec: parseRnnSpec(x) };
  if (o.layers !== undefined) return { kind: "feedforward", spec: parseFeedforwardSpec(x) };
  throw new EngineError("spec", 'expected a "layers" array (feedforward) or an "rnn" object (recurrent)');
}
