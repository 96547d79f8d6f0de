/**
 * `npm run bench:engine`: forward + backward of the engine against the same
 * work in TensorFlow.js's pure-JavaScript CPU backend, in one process.
 *
 *   1. a 784-30-30-30-10 sigmoid network, mse, on a batch of 1000;
 *   2. a 100-step vanilla RNN, 64 tanh units, input dim 32, readout to 10, mse.
 *
 * For each: median wall time per pass over PASSES passes after WARMUP warm-up
 * passes, the achieved GFLOP/s (one multiply-add = 2 FLOP; formulas below),
 * and the ratio tfjs/engine (> 1: the engine is faster). Both sides compute
 * the loss and the gradients of every weight and bias and nothing else; the
 * losses and gradient norms are compared so the two really do the same work.
 * tfjs-cpu computes in float32, the engine in float64.
 *
 * Options: --passes N (default 15, at least 7), --warmup N (default 5; the
 * warm-up also lasts at least one second per side and case).
 */
import * as tf from "@tensorflow/tfjs";
import { createRng, FeedforwardNet, randomNetwork, RnnNet, type RnnModelSpec, norm2 } from "../../lib/engine/index";

const argValue = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!(Number.isInteger(v) && v >= 1)) throw new Error(`${name} expects a positive integer`);
  return v;
};
const PASSES = Math.max(7, argValue("--passes", 15));
const WARMUP = argValue("--warmup", 5);
const WARMUP_MS = 1000;

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/**
 * Warm-up (untimed) until both WARMUP passes and WARMUP_MS have gone by, so
 * V8 has optimised the hot loops of either side, then PASSES timed passes;
 * returns the median and the fastest, in ms.
 */
function time(pass: () => void): { median: number; min: number } {
  const start = performance.now();
  for (let i = 0; i < WARMUP || performance.now() - start < WARMUP_MS; i++) pass();
  const ts: number[] = [];
  for (let i = 0; i < PASSES; i++) {
    const t0 = performance.now();
    pass();
    ts.push(performance.now() - t0);
  }
  return { median: median(ts), min: Math.min(...ts) };
}

/**
 * Times TF.js's gradient of `lossFn` (value and every gradient read back,
 * which forces the whole computation and is what a caller needs), then keeps
 * one pass's loss and gradient norm for the comparison with the engine.
 */
function timeTfjs(lossFn: () => tf.Scalar): { tfjs: { median: number; min: number }; lossTfjs: number; gradNormTfjs: number } {
  let lossTfjs = NaN;
  let gradNormTfjs = NaN;
  const pass = (keep: boolean): void => {
    const { value, grads } = tf.variableGrads(lossFn);
    let s = 0;
    for (const g of Object.values(grads)) for (const v of g.dataSync()) s += v * v;
    const loss = value.dataSync()[0] as number;
    if (keep) {
      lossTfjs = loss;
      gradNormTfjs = Math.sqrt(s);
    }
    value.dispose();
    tf.dispose(grads);
  };
  const tfjs = time(() => pass(false));
  pass(true);
  return { tfjs, lossTfjs, gradNormTfjs };
}

const relDiff = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));

interface Row {
  name: string;
  mflop: number;
  engine: { median: number; min: number };
  tfjs: { median: number; min: number };
  lossEngine: number;
  lossTfjs: number;
  gradNormEngine: number;
  gradNormTfjs: number;
}

// ---------------------------------------------------------------------------
// 1. Feedforward 784-30-30-30-10, sigmoid, mse, batch 1000.
//
// Multiply-adds per pass, widths n_0..n_L, batch B:
//   forward   Z_l = A_{l−1} W_lᵀ          B·n_{l−1}·n_l   every layer
//   backward  ∂C/∂W_l = Δ_lᵀ A_{l−1}      B·n_{l−1}·n_l   every layer
//             ∂C/∂A_{l−1} = Δ_l W_l       B·n_{l−1}·n_l   layers 2..L (no ∂C/∂input)
//   MACs = B·(3·Σ_l n_{l−1}n_l − n_0 n_1) = 1000·(3·25 620 − 23 520) = 53.34 M,
//   FLOP = 2·MACs = 106.7 M  (element-wise σ, σ′, bias and loss terms are O(B·Σn_l), not counted).
// ---------------------------------------------------------------------------

function benchFeedforward(): Row {
  const widths = [784, 30, 30, 30, 10];
  const B = 1000;
  const rng = createRng(2024);
  const spec = randomNetwork(rng, { widths, activation: "sigmoid", init: "xavier", biasScale: 0.1, loss: "mse" });
  const X = Float64Array.from({ length: B * 784 }, () => rng.next()); // pixel-like inputs in [0, 1)
  const Y = new Float64Array(B * 10);
  for (let i = 0; i < B; i++) Y[i * 10 + rng.int(0, 9)] = 1; // one-hot targets

  let macs = 0;
  for (let l = 1; l < widths.length; l++) macs += 3 * B * (widths[l - 1] as number) * (widths[l] as number);
  macs -= B * (widths[0] as number) * (widths[1] as number);

  // Engine: the compiled net, default checks (finite scans) on, no ∂C/∂input (tfjs does not compute it either).
  const net = FeedforwardNet.fromSpec(spec);
  const engine = time(() => {
    net.run(X, Y, B, { inputGrad: false });
  });
  const r = net.run(X, Y, B, { inputGrad: false });
  let sq = 0;
  for (const l of r.layers) sq += norm2(l.dW) ** 2 + norm2(l.db) ** 2;

  // TF.js: the same weights in float32 variables; loss = mean over the batch of ½‖a − y‖².
  const Ws = spec.layers.map((l, i) => tf.variable(tf.tensor2d(l.W as number[][]), true, `W${i}`));
  const bs = spec.layers.map((l, i) => tf.variable(tf.tensor1d(l.b as number[]), true, `b${i}`));
  const x = tf.tensor2d(Float32Array.from(X), [B, 784]);
  const y = tf.tensor2d(Float32Array.from(Y), [B, 10]);
  const lossFn = (): tf.Scalar => {
    let a: tf.Tensor2D = x;
    for (let l = 0; l < Ws.length; l++) a = tf.sigmoid(tf.add<tf.Tensor2D>(tf.matMul(a, Ws[l] as tf.Variable, false, true), bs[l] as tf.Variable));
    return tf.div(tf.mul(0.5, tf.sum(tf.square(tf.sub(a, y)))), B) as tf.Scalar;
  };
  const { tfjs, lossTfjs, gradNormTfjs } = timeTfjs(lossFn);
  tf.dispose([...Ws, ...bs, x, y]);
  return {
    name: "784-30-30-30-10 sigmoid, batch 1000",
    mflop: (2 * macs) / 1e6,
    engine,
    tfjs,
    lossEngine: r.loss,
    lossTfjs,
    gradNormEngine: Math.sqrt(sq),
    gradNormTfjs,
  };
}

// ---------------------------------------------------------------------------
// 2. RNN: T = 100 steps, H = 64 tanh units, D = 32 inputs, O = 10 outputs, mse.
//
// Multiply-adds per pass:
//   forward   U x_t (all t) T·H·D,  W h_{t−1} T·H²,  y = V h_T  O·H
//   backward  ∂C/∂h_T = Vᵀr O·H,  ∂C/∂V O·H,  ∂C/∂h_{t−1} = Wᵀδ_t T·H²,
//             ∂C/∂W = Σ δ_t h_{t−1}ᵀ T·H²,  ∂C/∂U = Σ δ_t x_tᵀ T·H·D
//   MACs = T·(3H² + 2HD) + 3·O·H = 100·(12 288 + 4 096) + 1 920 = 1.640 M,
//   FLOP = 2·MACs = 3.28 M  (tanh, tanh′ and the bias sums are O(T·H), not counted).
// ∂C/∂h_0 is a by-product of the T·H² term; tfjs gets h_0 as a variable too.
// ---------------------------------------------------------------------------

function benchRnn(): Row {
  const T = 100;
  const H = 64;
  const D = 32;
  const O = 10;
  const rng = createRng(7);
  const g = (rows: number, cols: number, sd: number): number[][] =>
    Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng.gaussian(0, sd)));
  const model: RnnModelSpec = {
    rnn: { W: g(H, H, 0.9 / Math.sqrt(H)), U: g(H, D, 1 / Math.sqrt(D)), b: g(1, H, 0.1)[0]!, activation: "tanh", h0: g(1, H, 0.1)[0]! },
    readout: { V: g(O, H, 1 / Math.sqrt(H)), c: g(1, O, 0.1)[0]! },
    loss: "mse",
  };
  const X = Float64Array.from({ length: T * D }, () => rng.gaussian());
  const target = Float64Array.from({ length: O }, () => rng.gaussian());
  const macs = T * (3 * H * H + 2 * H * D) + 3 * O * H;

  const net = RnnNet.fromSpec(model);
  const engine = time(() => {
    net.run(X, target, T);
  });
  const r = net.run(X, target, T);
  const gradNormEngine = Math.sqrt(
    [r.dW, r.dU, r.db, r.dV, r.dc, r.hGrad.subarray(0, H)].reduce((s, v) => s + norm2(v) ** 2, 0),
  );

  const W = tf.variable(tf.tensor2d(model.rnn.W as number[][]), true, "W");
  const U = tf.variable(tf.tensor2d(model.rnn.U as number[][]), true, "U");
  const b = tf.variable(tf.tensor2d([model.rnn.b as number[]]), true, "b");
  const h0 = tf.variable(tf.tensor2d([model.rnn.h0 as number[]]), true, "h0");
  const V = tf.variable(tf.tensor2d(model.readout.V as number[][]), true, "V");
  const c = tf.variable(tf.tensor2d([model.readout.c as number[]]), true, "c");
  const x = tf.tensor2d(Float32Array.from(X), [T, D]);
  const tgt = tf.tensor2d(Float32Array.from(target), [1, O]);
  const lossFn = (): tf.Scalar => {
    // The input projection of all steps in one product, as the engine does.
    const xu = tf.unstack(tf.add(tf.matMul(x, U, false, true), b)).map((row) => tf.reshape(row, [1, H]));
    let h: tf.Tensor2D = h0;
    for (let t = 0; t < T; t++) h = tf.tanh(tf.add<tf.Tensor2D>(tf.matMul(h, W, false, true), xu[t] as tf.Tensor));
    const y = tf.add(tf.matMul(h, V, false, true), c);
    return tf.mul(0.5, tf.sum(tf.square(tf.sub(y, tgt)))) as tf.Scalar;
  };
  const { tfjs, lossTfjs, gradNormTfjs } = timeTfjs(lossFn);
  tf.dispose([W, U, b, h0, V, c, x, tgt]);
  return { name: "RNN T=100, H=64 tanh, D=32, O=10", mflop: (2 * macs) / 1e6, engine, tfjs, lossEngine: r.loss, lossTfjs, gradNormEngine, gradNormTfjs };
}

function pad(s: string, n: number, right = false): string {
  return right ? s.padEnd(n) : s.padStart(n);
}

async function main(): Promise<void> {
  await tf.setBackend("cpu");
  await tf.ready();
  const rows = [benchFeedforward(), benchRnn()];
  const gflops = (mflop: number, ms: number): string => (mflop / ms).toFixed(2);

  console.log(`engine: float64, pure TypeScript; tfjs ${tf.version.tfjs}, backend "${tf.getBackend()}" (float32, pure JavaScript)`);
  console.log(`node ${process.version}; median of ${PASSES} passes after ≥ ${WARMUP} warm-up passes (≥ ${WARMUP_MS / 1000} s); forward + backward per pass\n`);
  const header = [pad("case", 37, true), pad("MFLOP", 7), pad("engine ms", 10), pad("GFLOP/s", 8), pad("tfjs ms", 9), pad("GFLOP/s", 8), pad("tfjs/engine", 12)];
  console.log(header.join(" | "));
  console.log(header.map((h) => "-".repeat(h.length)).join("-|-"));
  for (const r of rows) {
    console.log(
      [
        pad(r.name, 37, true),
        pad(r.mflop.toFixed(2), 7),
        pad(r.engine.median.toFixed(2), 10),
        pad(gflops(r.mflop, r.engine.median), 8),
        pad(r.tfjs.median.toFixed(2), 9),
        pad(gflops(r.mflop, r.tfjs.median), 8),
        pad(`${(r.tfjs.median / r.engine.median).toFixed(2)}x`, 12),
      ].join(" | "),
    );
  }
  console.log("\nSame work? (float32 tolerance: relative difference < 1e-4)");
  let ok = true;
  for (const r of rows) {
    const dl = relDiff(r.lossEngine, r.lossTfjs);
    const dg = relDiff(r.gradNormEngine, r.gradNormTfjs);
    const good = dl < 1e-4 && dg < 1e-4;
    ok &&= good;
    console.log(
      `  ${pad(r.name, 37, true)} loss ${r.lossEngine.toPrecision(10)} vs ${r.lossTfjs.toPrecision(8)} (rel ${dl.toExponential(1)}), ` +
        `‖grad‖ ${r.gradNormEngine.toPrecision(10)} vs ${r.gradNormTfjs.toPrecision(8)} (rel ${dg.toExponential(1)})  ${good ? "ok" : "MISMATCH"}`,
    );
  }
  console.log(`\nfastest pass: engine ${rows.map((r) => `${r.engine.min.toFixed(2)} ms`).join(", ")}; tfjs ${rows.map((r) => `${r.tfjs.min.toFixed(2)} ms`).join(", ")}`);
  if (!ok) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
