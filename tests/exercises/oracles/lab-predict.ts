import { createRng } from "@/lib/engine/rng";
import { splitDigits } from "@/lib/lab/digits";
import { loadDigits } from "@/lib/lab/load-digits";
import type { Oracle } from "./types";

/**
 * lab-predict recomputed with plain loops written here: forward and backward
 * passes, BatchNorm, SGD, BPTT, the Jacobian product's top singular value (by
 * power iteration) and the exploding window (by bisection). Only the seeded
 * random numbers (createRng, to redraw the same weights in the same order)
 * and the digits data come from the project; no lib/lab or engine maths.
 * Ranges and the lab's defaults are pinned here by value.
 */

interface Draw {
  question: string;
  settings: Record<string, number | string | boolean | string[]>;
  focus: string;
}

const QUESTIONS = ["ratio-init", "slowest-trained", "rnn-scale", "window-width", "init-spread", "jacobian-top", "remedy-ratio", "activations-compare"];
const letter = (i: number) => String.fromCharCode(65 + i);
const bin = (v: number, edges: readonly number[]) => edges.filter((e) => v > e).length;

const data = (() => {
  let split: ReturnType<typeof splitDigits> | null = null;
  return () => (split ??= splitDigits(loadDigits(), 1));
})();

const f = (act: string, z: number): [number, number] => {
  switch (act) {
    case "sigmoid": {
      const s = 1 / (1 + Math.exp(-z));
      return [s, s * (1 - s)];
    }
    case "tanh": {
      const t = Math.tanh(z);
      return [t, 1 - t * t];
    }
    case "relu":
      return z > 0 ? [z, 1] : [0, 0];
    case "leaky_relu":
      return z > 0 ? [z, 1] : [0.01 * z, 0.01];
    default:
      return [z, 1];
  }
};

interface Net {
  widths: number[];
  W: number[][][]; // W[l][j][i]
  b: number[][];
}

function drawNet(seed: number, widths: number[], sd: (nIn: number, nOut: number) => number, biasSd: number | null): Net {
  const rng = createRng(seed);
  const W: number[][][] = [];
  const b: number[][] = [];
  for (let l = 1; l < widths.length; l++) {
    const nIn = widths[l - 1]!;
    const nOut = widths[l]!;
    const s = sd(nIn, nOut);
    W.push(Array.from({ length: nOut }, () => Array.from({ length: nIn }, () => rng.gaussian(0, s))));
    b.push(biasSd === null ? new Array<number>(nOut).fill(0) : Array.from({ length: nOut }, () => rng.gaussian(0, biasSd)));
  }
  return { widths, W, b };
}

interface Pass {
  dW: number[][][];
  db: number[][];
}

/**
 * Mean softmax cross-entropy over rows[0..B) of the digits; hidden activation `act`;
 * variant plain / residual (hidden layers 2…) / batchnorm (hidden layers, no bias, γ = 1, β = 0).
 * Plain loops over flat arrays: A[l] is B×n, row-major.
 */
function pass(net: Net, act: string, X: ArrayLike<number>, labels: ArrayLike<number>, B: number, variant = "plain"): Pass {
  const L = net.W.length;
  const n = net.widths;
  const ins: Float64Array[] = [];
  const fps: Float64Array[] = [];
  const xhats: Float64Array[] = [];
  const invs: Float64Array[] = [];
  let A = Float64Array.from({ length: B * n[0]! }, (_, k) => X[k]!);
  for (let l = 0; l < L; l++) {
    ins.push(A);
    const W = net.W[l]!;
    const nIn = n[l]!;
    const nOut = n[l + 1]!;
    const bn = variant === "batchnorm" && l < L - 1;
    const Z = new Float64Array(B * nOut);
    for (let i = 0; i < B; i++) {
      for (let j = 0; j < nOut; j++) {
        const row = W[j]!;
        let z = bn ? 0 : net.b[l]![j]!;
        for (let k = 0; k < nIn; k++) z += row[k]! * A[i * nIn + k]!;
        Z[i * nOut + j] = z;
      }
    }
    if (l === L - 1) {
      A = Z;
      break;
    }
    if (bn) {
      const inv = new Float64Array(nOut);
      for (let j = 0; j < nOut; j++) {
        let m = 0;
        for (let i = 0; i < B; i++) m += Z[i * nOut + j]!;
        m /= B;
        let v = 0;
        for (let i = 0; i < B; i++) v += (Z[i * nOut + j]! - m) ** 2;
        v /= B;
        inv[j] = 1 / Math.sqrt(v + 1e-5);
        for (let i = 0; i < B; i++) Z[i * nOut + j] = (Z[i * nOut + j]! - m) * inv[j]!;
      }
      xhats[l] = Z.slice();
      invs[l] = inv;
    }
    const H = new Float64Array(B * nOut);
    const fp = new Float64Array(B * nOut);
    for (let k = 0; k < B * nOut; k++) [H[k], fp[k]] = f(act, Z[k]!);
    if (variant === "residual" && l >= 1) for (let k = 0; k < B * nOut; k++) H[k] = H[k]! + A[k]!;
    fps[l] = fp;
    A = H;
  }
  // Output gradient of the mean loss: (softmax − onehot) / B.
  const nL = n[L]!;
  let G = new Float64Array(B * nL);
  for (let i = 0; i < B; i++) {
    let m = -Infinity;
    for (let k = 0; k < nL; k++) m = Math.max(m, A[i * nL + k]!);
    let s = 0;
    for (let k = 0; k < nL; k++) s += Math.exp(A[i * nL + k]! - m);
    for (let k = 0; k < nL; k++) G[i * nL + k] = (Math.exp(A[i * nL + k]! - m) / s - (k === labels[i] ? 1 : 0)) / B;
  }
  const dW: number[][][] = [];
  const db: number[][] = [];
  for (let l = L - 1; l >= 0; l--) {
    const W = net.W[l]!;
    const nIn = n[l]!;
    const nOut = n[l + 1]!;
    let D = G;
    if (l < L - 1) {
      D = new Float64Array(B * nOut);
      for (let k = 0; k < B * nOut; k++) D[k] = G[k]! * fps[l]![k]!;
      if (variant === "batchnorm") {
        const xh = xhats[l]!;
        for (let j = 0; j < nOut; j++) {
          let mg = 0;
          let mgx = 0;
          for (let i = 0; i < B; i++) {
            mg += D[i * nOut + j]!;
            mgx += D[i * nOut + j]! * xh[i * nOut + j]!;
          }
          mg /= B;
          mgx /= B;
          for (let i = 0; i < B; i++) D[i * nOut + j] = invs[l]![j]! * (D[i * nOut + j]! - mg - xh[i * nOut + j]! * mgx);
        }
      }
    }
    const a = ins[l]!;
    const gW: number[][] = [];
    const gb: number[] = [];
    for (let j = 0; j < nOut; j++) {
      const row = new Array<number>(nIn).fill(0);
      let sb = 0;
      for (let i = 0; i < B; i++) {
        const d = D[i * nOut + j]!;
        sb += d;
        for (let k = 0; k < nIn; k++) row[k] = row[k]! + d * a[i * nIn + k]!;
      }
      gW.push(row);
      gb.push(sb);
    }
    dW[l] = gW;
    db[l] = gb;
    if (l > 0) {
      const Gp = new Float64Array(B * nIn);
      for (let i = 0; i < B; i++) {
        for (let j = 0; j < nOut; j++) {
          const d = D[i * nOut + j]!;
          const row = W[j]!;
          for (let k = 0; k < nIn; k++) Gp[i * nIn + k] = Gp[i * nIn + k]! + row[k]! * d;
        }
      }
      if (variant === "residual" && l < L - 1) for (let k = 0; k < B * nIn; k++) Gp[k] = Gp[k]! + G[k]!;
      G = Gp;
    }
  }
  return { dW, db };
}

const norm = (v: readonly number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
const fro = (m: readonly (readonly number[])[]) => norm(m.flat());

function speeds(net: Net, act: string): number[] {
  const { train } = data();
  const n = Math.min(1000, train.count);
  const p = pass(net, act, train.images, train.labels, n);
  return p.db.slice(0, -1).map(norm);
}

const memo = new Map<string, number[]>();
const cached = (d: Draw, fn: () => number[]) => {
  const key = `${d.question}|${d.focus}|${JSON.stringify(d.settings)}`;
  if (!memo.has(key)) memo.set(key, fn());
  return memo.get(key)!;
};

const DEPTH_ETA = [1, 1.5, 2, 2, 2, 2];
const widthsOf = (hidden: number, width: number) => [64, ...new Array<number>(hidden).fill(width), 10];
const nielsen = (nIn: number) => 1 / Math.sqrt(nIn);

function nielsenSpeeds(d: Draw): number[] {
  const s = d.settings;
  const hidden = s.hidden as number;
  const widths = widthsOf(hidden, s.width as number);
  const rng = createRng(s.seed as number);
  const net: Net = { widths, W: [], b: [] };
  for (let l = 1; l < widths.length; l++) {
    net.W.push(Array.from({ length: widths[l]! }, () => Array.from({ length: widths[l - 1]! }, () => rng.gaussian(0, nielsen(widths[l - 1]!)))));
    net.b.push(Array.from({ length: widths[l]! }, () => rng.gaussian(0, 1)));
  }
  const { train } = data();
  const B = s.batch as number;
  const eta = DEPTH_ETA[hidden - 1]!;
  for (let e = 0; e < (s.epochs as number); e++) {
    const order = rng.shuffle(Array.from({ length: train.count }, (_, i) => i));
    for (let st = 0; st < Math.floor(train.count / B); st++) {
      const idx = order.slice(st * B, (st + 1) * B);
      const X = idx.flatMap((i) => Array.from(train.images.subarray(i * 64, (i + 1) * 64)));
      const p = pass(net, "sigmoid", X, idx.map((i) => train.labels[i]!), B);
      net.W.forEach((W, l) => W.forEach((row, j) => row.forEach((_, k) => (row[k] = row[k]! - eta * p.dW[l]![j]![k]!))));
      net.b.forEach((b, l) => b.forEach((_, j) => (b[j] = b[j]! - eta * p.db[l]![j]!)));
    }
  }
  return speeds(net, "sigmoid");
}

const SWEEP = Array.from({ length: 79 }, (_, i) => Math.round((0.1 + 0.05 * i) * 100) / 100);

function rnnH0(d: Draw): number[] {
  const s = d.settings;
  const H = s.hidden as number;
  const T = s.steps as number;
  const rng = createRng(s.seed as number);
  const W0 = Array.from({ length: H }, () => Array.from({ length: H }, () => rng.gaussian(0, 1 / Math.sqrt(H))));
  const U = Array.from({ length: H }, () => Array.from({ length: 4 }, () => rng.gaussian(0, 0.5)));
  const V = Array.from({ length: H }, () => rng.gaussian(0, 1 / Math.sqrt(H)));
  const xs = Array.from({ length: T }, () => Array.from({ length: 4 }, () => rng.gaussian(0, 1)));
  const act = s.activation as string;
  return SWEEP.map((scale) => {
    let h = new Array<number>(H).fill(0);
    const fps: number[][] = [];
    for (const x of xs) {
      const z = h.map((_, i) => W0[i]!.reduce((acc, w, j) => acc + scale * w * h[j]!, 0) + U[i]!.reduce((acc, u, k) => acc + u * x[k]!, 0));
      fps.push(z.map((v) => f(act, v)[1]));
      h = z.map((v) => f(act, v)[0]);
    }
    const y = V.reduce((acc, v, j) => acc + v * h[j]!, 0);
    let g = V.map((v) => v * (y - 1));
    for (let t = T - 1; t >= 0; t--) {
      const dz = g.map((v, i) => v * fps[t]![i]!);
      g = g.map((_, j) => dz.reduce((acc, v, i) => acc + scale * W0[i]![j]! * v, 0));
    }
    return norm(g);
  });
}

function windowWidth(w: number): number {
  const a = Math.abs(w);
  const gain = (x: number) => {
    const s = 1 / (1 + Math.exp(-a * x));
    return a * s * (1 - s);
  };
  if (gain(0) < 1) return 0;
  let lo = 0;
  let hi = 100 / a;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (gain(mid) >= 1) lo = mid;
    else hi = mid;
  }
  return 2 * lo;
}

const SCHEME_SD: Record<string, (nIn: number, nOut: number) => number> = {
  small: () => 0.01,
  xavier: (nIn, nOut) => Math.sqrt(2 / (nIn + nOut)),
  he: (nIn) => Math.sqrt(2 / nIn),
  normal: () => 1,
};

function initSpread(d: Draw): number[] {
  const s = d.settings;
  const net = drawNet(s.seed as number, widthsOf(s.depth as number, s.width as number), SCHEME_SD[d.focus]!, null);
  const { train } = data();
  const db = pass(net, s.activation as string, train.images, train.labels, s.batch as number).db;
  return [norm(db[0]!), norm(db[(s.depth as number) - 1]!)];
}

function jacobianTop(d: Draw): number[] {
  const s = d.settings;
  const gain = s.gain as number;
  const net = drawNet(s.seed as number, widthsOf(s.depth as number, s.width as number), (nIn, nOut) => gain * Math.sqrt(2 / (nIn + nOut)), null);
  const { train } = data();
  let a = Array.from(train.images.subarray((s.image as number) * 64, (s.image as number) * 64 + 64));
  let P: number[][] | null = null;
  for (let l = 0; l < (s.depth as number); l++) {
    const W = net.W[l]!;
    const z = W.map((row) => row.reduce((acc, w, k) => acc + w * a[k]!, 0));
    const J = W.map((row, i) => row.map((w) => f(s.activation as string, z[i]!)[1] * w));
    P = P === null ? J : J.map((row) => P![0]!.map((_, k) => row.reduce((acc, v, m) => acc + v * P![m]![k]!, 0)));
    a = z.map((v) => f(s.activation as string, v)[0]);
  }
  // Power iteration on PᵀP: its top eigenvalue is σ₁².
  let v = new Array<number>(64).fill(1);
  let sigma = 0;
  for (let it = 0; it < 500; it++) {
    const Pv = P!.map((row) => row.reduce((acc, x, k) => acc + x * v[k]!, 0));
    const w = v.map((_, k) => P!.reduce((acc, row, i) => acc + row[k]! * Pv[i]!, 0));
    const n = norm(w);
    sigma = Math.sqrt(n / norm(v));
    v = w.map((x) => x / n);
  }
  return [sigma];
}

function remedyRatio(d: Draw): number[] {
  const s = d.settings;
  const net = drawNet(s.seed as number, widthsOf(s.depth as number, s.width as number), nielsen, null);
  const { train } = data();
  const p = pass(net, s.activation as string, train.images, train.labels, 1000, d.focus);
  return [fro(p.dW[0]!), fro(p.dW[(s.depth as number) - 1]!)];
}

function activationRatios(d: Draw): number[] {
  const s = d.settings;
  const sd = s.init === "xavier" ? (nIn: number, nOut: number) => Math.sqrt(2 / (nIn + nOut)) : (nIn: number) => Math.sqrt(2 / nIn);
  return ["sigmoid", "tanh", "relu", "leaky_relu"].map((act) => {
    const sp = speeds(drawNet(s.seed as number, widthsOf(s.hidden as number, s.width as number), sd, null), act);
    return sp[sp.length - 1]! / sp[0]!;
  });
}

function answerIndex(d: Draw): { right: number; options: number } {
  switch (d.question) {
    case "ratio-init": {
      const sp = cached(d, () => nielsenSpeeds(d));
      return { right: bin(sp[sp.length - 1]! / sp[0]!, [2, 10, 100]), options: 4 };
    }
    case "slowest-trained": {
      const sp = cached(d, () => nielsenSpeeds(d));
      return { right: sp.indexOf(Math.min(...sp)), options: sp.length };
    }
    case "rnn-scale": {
      const h0 = cached(d, () => rnnH0(d));
      const at = h0.findIndex((v) => v > 100);
      return { right: at < 0 ? 4 : bin(SWEEP[at]!, [1, 1.5, 2.5]), options: 5 };
    }
    case "window-width": {
      const w = windowWidth(d.settings.w as number);
      return { right: w === 0 ? 0 : 1 + bin(w, [0.2, 0.4]), options: 4 };
    }
    case "init-spread":
    case "remedy-ratio": {
      const [g1, gL] = cached(d, () => (d.question === "init-spread" ? initSpread(d) : remedyRatio(d)));
      return { right: bin(Math.log10(g1! / gL!), [-3, -1, 1, 3]), options: 5 };
    }
    case "jacobian-top":
      return { right: bin(Math.log10(cached(d, () => jacobianTop(d))[0]!), [-3, -1, 1, 3]), options: 5 };
    default: {
      const r = cached(d, () => activationRatios(d));
      return { right: r.indexOf(Math.max(...r)), options: 4 };
    }
  }
}

export const labPredictOracle: Oracle<Draw> = {
  expected: (d) => letter(answerIndex(d).right),
  mistakes(d) {
    const { options } = answerIndex(d);
    return {
      "assumed-steady": letter(d.question === "ratio-init" ? 0 : 2),
      "assumed-last": letter(options - 1),
      "assumed-at-one": letter(1),
      "assumed-widening": letter(3),
      "assumed-relu": letter(2),
    };
  },
  combos: QUESTIONS.map((question) => ({ question })),
};
