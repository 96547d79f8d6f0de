import { type BatchLayerTrace, forwardBackward, forwardBackwardBatch, type LayerTrace } from "./feedforward";
import { type Matrix } from "./linalg";
import { softmax } from "./losses";
import { rnnBptt, type RnnTrace } from "./rnn";
import { parseSpec } from "./spec";

/**
 * The JSON contract of `engine grad`: one spec in, one result out. Kept here
 * (not in the CLI) so the web app can call exactly what the CLI prints.
 */

export interface FeedforwardGradLayer {
  z: number[] | Matrix;
  a: number[] | Matrix;
  fPrime: number[] | Matrix;
  delta: number[] | Matrix;
  dW: Matrix;
  db: number[];
  deltaNorm: number;
}

export interface FeedforwardGradResult {
  loss: number;
  output: number[] | Matrix;
  /** softmax(output), only for loss "softmax_ce". */
  probabilities?: number[] | Matrix;
  layers: FeedforwardGradLayer[];
  dInput: number[] | Matrix;
}

/** What `grad` returns for an RNN spec: the trace's loss, output, parameter gradients and the per-step gradient norms. */
export type RnnGradResult = Pick<RnnTrace, "loss" | "output" | "dW" | "dU" | "db" | "dV" | "dc" | "dh0" | "hGradNorms" | "h">;

const layerOut = (l: LayerTrace | BatchLayerTrace): FeedforwardGradLayer => ({
  z: l.z,
  a: l.a,
  fPrime: l.fPrime,
  delta: l.delta,
  dW: l.dW,
  db: l.db,
  deltaNorm: l.deltaNorm,
});

/** Validates `json` (throwing EngineError naming the field) and computes the result object. */
export function grad(json: unknown): FeedforwardGradResult | RnnGradResult {
  const parsed = parseSpec(json);
  if (parsed.kind === "rnn") {
    const s = parsed.spec;
    const t = rnnBptt(s, s.inputs, s.target);
    return { loss: t.loss, output: t.output, dW: t.dW, dU: t.dU, db: t.db, dV: t.dV, dc: t.dc, dh0: t.dh0, hGradNorms: t.hGradNorms, h: t.h };
  }
  const s = parsed.spec;
  const softmaxCe = s.loss === "softmax_ce";
  if ("input" in s) {
    const t = forwardBackward(s, s.input, s.target);
    const out: FeedforwardGradResult = { loss: t.loss, output: t.output, layers: t.layers.map(layerOut), dInput: t.dInput };
    if (softmaxCe) out.probabilities = softmax(t.output);
    return out;
  }
  const t = forwardBackwardBatch(s, s.inputs, s.targets);
  const out: FeedforwardGradResult = { loss: t.loss, output: t.output, layers: t.layers.map(layerOut), dInput: t.dInput };
  if (softmaxCe) out.probabilities = t.output.map((row) => softmax(row));
  return out;
}
