import type { LayerSpec, NetworkSpec, RnnModelSpec } from "@/lib/engine";
import { affine, leafMatrix, leaves, sum, Value } from "./autograd";

/**
 * The engine's networks rebuilt on the scalar autograd, straight from the
 * definitions in the issue (z = W a + b, a = f(z) [+ a_prev], losses written
 * with plain exp/log ops), to compare every gradient against.
 */

function lossNode(name: string, out: readonly Value[], y: readonly number[]): Value {
  if (name === "mse") {
    return sum(out.map((a, k) => a.sub(y[k] as number).mul(a.sub(y[k] as number)))).mul(0.5);
  }
  // −Σ y_k log softmax(a)_k with the (gradient-neutral) max shift as a constant.
  const m = Math.max(...out.map((a) => a.data));
  const lse = sum(out.map((a) => a.sub(m).exp()))
    .log()
    .add(m);
  return sum(out.map((a, k) => lse.sub(a).mul(y[k] as number)));
}

export interface RefFeedforward {
  loss: number;
  z: number[][][]; // [layer][example][unit]
  a: number[][][];
  delta: number[][][]; // ∂(mean loss)/∂z
  dW: number[][][];
  db: number[][];
  dInput: number[][];
}

export function refFeedforward(net: NetworkSpec, inputs: readonly (readonly number[])[], targets: readonly (readonly number[])[]): RefFeedforward {
  const Ws = net.layers.map((l) => leafMatrix(l.W));
  const bs = net.layers.map((l) => leaves([...l.b]));
  const xs = inputs.map((x) => leaves([...x]));
  const zs: Value[][][] = net.layers.map(() => []);
  const as: Value[][][] = net.layers.map(() => []);
  const losses: Value[] = [];
  inputs.forEach((_, i) => {
    let a = xs[i] as Value[];
    net.layers.forEach((layer: LayerSpec, l) => {
      const W = Ws[l] as Value[][];
      const b = bs[l] as Value[];
      const z = W.map((row, o) => affine(row, a, b[o] as Value));
      let next = z.map((v) => v.act(layer.activation));
      if (layer.residual) next = next.map((v, o) => v.add(a[o] as Value));
      (zs[l] as Value[][]).push(z);
      (as[l] as Value[][]).push(next);
      a = next;
    });
    losses.push(lossNode(net.loss ?? "mse", a, targets[i] as number[]));
  });
  const C = sum(losses).div(inputs.length);
  C.backward();
  const data = (m: Value[][]): number[][] => m.map((r) => r.map((v) => v.data));
  const grads = (m: Value[][]): number[][] => m.map((r) => r.map((v) => v.grad));
  return {
    loss: C.data,
    z: zs.map(data),
    a: as.map(data),
    delta: zs.map(grads),
    dW: Ws.map(grads),
    db: bs.map((b) => b.map((v) => v.grad)),
    dInput: grads(xs),
  };
}

export interface RefRnn {
  loss: number;
  output: number[];
  dW: number[][];
  dU: number[][];
  db: number[];
  dV: number[][];
  dc: number[];
  dh0: number[];
  hGradNorms: number[];
}

export function refRnn(model: RnnModelSpec, inputs: readonly (readonly number[])[], target: readonly number[]): RefRnn {
  const W = leafMatrix(model.rnn.W);
  const U = leafMatrix(model.rnn.U);
  const b = leaves([...model.rnn.b]);
  const H = W.length;
  const h0 = leaves(model.rnn.h0 ? [...model.rnn.h0] : new Array<number>(H).fill(0));
  const V = leafMatrix(model.readout.V);
  const c = leaves([...model.readout.c]);
  const hs: Value[][] = [h0];
  let h = h0;
  for (const x of inputs) {
    const xv = leaves([...x]);
    // W h + U x + b as one affine node over the concatenation [h; x].
    h = W.map((row, i) => affine([...row, ...(U[i] as Value[])], [...h, ...xv], b[i] as Value).act(model.rnn.activation));
    hs.push(h);
  }
  const y = V.map((row, k) => affine(row, h, c[k] as Value));
  const C = lossNode(model.loss ?? "mse", y, target as number[]);
  C.backward();
  const grads = (m: Value[][]): number[][] => m.map((r) => r.map((v) => v.grad));
  return {
    loss: C.data,
    output: y.map((v) => v.data),
    dW: grads(W),
    dU: grads(U),
    db: b.map((v) => v.grad),
    dV: grads(V),
    dc: c.map((v) => v.grad),
    dh0: h0.map((v) => v.grad),
    hGradNorms: hs.map((hv) => Math.sqrt(hv.reduce((s, v) => s + v.grad * v.grad, 0))),
  };
}

