import { describe, expect, it } from "vitest";
import {
  createRng,
  forward,
  forwardBackward,
  type LayerSpec,
  type NetworkSpec,
  randomNetwork,
  sigmoid,
  singularValues,
  type Trace,
} from "@/lib/engine";
import { type Claim, describeClaims, EXACT, rx } from "../claims";

/**
 * Numbers in 17-symmetry-breaking (en and zh), each recomputed with the
 * engine: the 2–2–1 worked example by forwardBackward on the weights the note
 * states, zero-gradient counts by counting exact zeros in real backward passes,
 * the 4! orderings by enumerating permutations and checking the network's
 * output is unchanged, and rank 1 by the singular values of a trained
 * constant-initialised layer.
 */

const NOTE = "17-symmetry-breaking";

/** The 2–2–1 net of the worked example: constant tanh layer, linear output. */
function twins(x: readonly number[], w: number, v: readonly number[]): NetworkSpec {
  return {
    layers: [
      { W: [[w, w], [w, w]], b: [0, 0], activation: "tanh" },
      { W: [v.slice()], b: [0], activation: "linear" },
    ],
    loss: "mse",
  };
}
const workedTrace = (x: readonly number[], w: number, v: readonly number[], y: number) => forwardBackward(twins(x, w, v), x, [y]);

/** Every parameter gradient of a trace, weights then biases, layer by layer. */
const allGrads = (t: Trace) => t.layers.flatMap((l) => [...l.dW.flat(), ...l.db]);
const zeros = (t: Trace) => allGrads(t).filter((g) => g === 0).length;

const zeroLayer = (nOut: number, nIn: number, activation: LayerSpec["activation"]): LayerSpec => ({
  W: Array.from({ length: nOut }, () => new Array<number>(nIn).fill(0)),
  b: new Array<number>(nOut).fill(0),
  activation,
});
/** An all-zero MLP with the given widths, hidden activation f and a linear output. */
function zeroNet(widths: readonly number[], f: LayerSpec["activation"]): NetworkSpec {
  return { layers: widths.slice(1).map((n, l) => zeroLayer(n, widths[l] as number, l === widths.length - 2 ? "linear" : f)), loss: "mse" };
}
const probe = { x: [1, -2, 0.5], y: [1] };

/** A random (He) trunk with a zero output layer. */
function zeroHead(widths: readonly number[]): NetworkSpec {
  const trunk = randomNetwork(createRng(17), { widths: widths.slice(0, -1), activation: "tanh", init: "he" });
  return { layers: [...trunk.layers, zeroLayer(widths[widths.length - 1] as number, widths[widths.length - 2] as number, "linear")], loss: "mse" };
}

/** One plain gradient-descent step on every weight and bias. */
function step(net: NetworkSpec, t: Trace, eta: number): NetworkSpec {
  return {
    ...net,
    layers: net.layers.map((l, k) => ({
      ...l,
      W: l.W.map((row, i) => row.map((wij, j) => wij - eta * (t.layers[k]!.dW[i]![j] as number))),
      b: l.b.map((bi, i) => bi - eta * (t.layers[k]!.db[i] as number)),
    })),
  };
}

/** All permutations of 0..n−1. */
function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}
/**
 * How many orderings of a hidden layer of n units compute the same function:
 * every permutation of the rows of W¹ (with b¹) and the columns of W² is
 * applied to a random 3–n–2 net, its outputs compared with the original's on
 * random inputs, and the distinct parameter vectors counted.
 */
function equivalentOrderings(n: number): number {
  const rng = createRng(24);
  const net = randomNetwork(rng, { widths: [3, n, 2], activation: "tanh", init: "xavier", biasScale: 0.5 });
  const [l1, l2] = net.layers as [LayerSpec, LayerSpec];
  const inputs = Array.from({ length: 5 }, () => [rng.gaussian(), rng.gaussian(), rng.gaussian()]);
  const seen = new Set<string>();
  for (const p of permutations(n)) {
    const permuted: NetworkSpec = {
      layers: [
        { ...l1, W: p.map((i) => l1.W[i]!.slice()), b: p.map((i) => l1.b[i] as number) },
        { ...l2, W: l2.W.map((row) => p.map((i) => row[i] as number)) },
      ],
    };
    for (const x of inputs) {
      const a = forward(net, x).output;
      const b = forward(permuted, x).output;
      a.forEach((v, k) => expect(b[k]).toBeCloseTo(v, 12));
    }
    seen.add(JSON.stringify(permuted.layers[0]!.W));
  }
  return seen.size;
}

/** Rank of the first weight matrix of a constant-initialised 3–3–1 tanh net after 200 gradient steps. */
function rankAfterTraining(): number {
  const rng = createRng(1);
  let net: NetworkSpec = {
    layers: [
      { W: [[0.4, 0.4, 0.4], [0.4, 0.4, 0.4], [0.4, 0.4, 0.4]], b: [0.1, 0.1, 0.1], activation: "tanh" },
      { W: [[0.2, 0.2, 0.2]], b: [0], activation: "linear" },
    ],
    loss: "mse",
  };
  for (let s = 0; s < 200; s++) {
    const x = [rng.gaussian(), rng.gaussian(), rng.gaussian()];
    net = step(net, forwardBackward(net, x, [Math.sin(x[0] as number)]), 0.1);
  }
  const sv = singularValues(net.layers[0]!.W);
  expect(sv[0]).toBeGreaterThan(0.1);
  return sv.filter((s) => s > 1e-12 * (sv[0] as number)).length;
}

const workedClaim = (w: Readonly<Record<string, number>>) => {
  const x = [w.x1 as number, w.x2 as number];
  const t = workedTrace(x, w.w as number, [w.v1 as number, w.v2 as number], w.y as number);
  const [h, o] = t.layers as [Trace["layers"][number], Trace["layers"][number]];
  return { h, o, t };
};
const inputsAsWritten = (w: Readonly<Record<string, number>>) => ({ x1: w.x1, x2: w.x2, w: w.w, v1: w.v1, v2: w.v2, y: w.y }) as Record<string, number>;
const inputTol = { x1: EXACT, x2: EXACT, w: EXACT, v1: EXACT, v2: EXACT, y: EXACT } as const;

const claims: Claim[] = [
  {
    note: NOTE,
    claim: "4 units have 4! = 24 orderings that compute the same function",
    anchor: { en: "## Identical units get identical gradients", zh: "## 相同的单元得到相同的梯度" },
    find: rx(String.raw`{N:n} (?:units|个单元的层)[^$]*\$(?<n2>\d)! = {N:count}\$`),
    compute: (w) => ({ n: [1, 2, 3, 4, 5, 6].find((k) => equivalentOrderings(k) === w.count) ?? Number.NaN, n2: w.n as number, count: equivalentOrderings(w.n as number) }),
    tol: EXACT,
  },
  {
    note: NOTE,
    claim: "card: 24 equivalent orderings of 4 units",
    anchor: "^permutation",
    find: { en: rx(String.raw`with {N:n} units there are =={N:count}==`), zh: rx(String.raw`{N:n} 个单元有=={N:count}==`) },
    compute: (w) => ({ n: [1, 2, 3, 4, 5, 6].find((k) => equivalentOrderings(k) === w.count) ?? Number.NaN, count: equivalentOrderings(w.n as number) }),
    tol: EXACT,
  },
  {
    note: NOTE,
    claim: "a constant-initialised layer keeps rank 1",
    anchor: { en: "behaves like a single unit copied", zh: "就像一个单元复制了" },
    find: { en: rx(String.raw`keeps rank {N}`), zh: rx(String.raw`秩始终是 {N}`) },
    compute: rankAfterTraining,
    tol: EXACT,
  },
  {
    note: NOTE,
    claim: "card: rank 1",
    anchor: "^same-constant",
    find: { en: rx(String.raw`keeps rank {N}`), zh: rx(String.raw`秩始终为 {N}`) },
    compute: rankAfterTraining,
    tol: EXACT,
  },
  {
    note: NOTE,
    claim: "worked 2–2–1 example: activations, output and identical gradients",
    anchor: { en: "## A worked example", zh: "## 数值例子" },
    find: rx(
      String.raw`\$x = \({N:x1}, {N:x2}\)\$.*?\${N:w}\$.*?\$\({N:v1}, {N:v2}\)\$.*?\$y = {N:y}\$.*?\$z = {N:z}\$(?:, |，)\$a = \\tanh\({N:z2}\) \\approx {N:h}\$.*?\$a \\approx {N:out}\$.*?\\partial a \\approx {N:dout}\$.*?\\partial v_j \\approx {N:dv}\$.*?\\delta_j \\approx {N:delta}\$.*?\$\({N:g1},\\ {N:g2}\)\$`,
    ),
    compute: (w) => {
      const { h, o } = workedClaim(w);
      // The twins: both hidden units and both output weights agree exactly.
      expect(h.a[1]).toBe(h.a[0]);
      expect(o.dW[0]![1]).toBe(o.dW[0]![0]);
      expect(h.dW[1]).toEqual(h.dW[0]);
      return {
        ...inputsAsWritten(w),
        z: h.z[0] as number,
        z2: h.z[1] as number,
        h: h.a[0] as number,
        out: o.a[0] as number,
        dout: o.delta[0] as number,
        dv: o.dW[0]![1] as number,
        delta: h.delta[1] as number,
        g1: h.dW[1]![0] as number,
        g2: h.dW[1]![1] as number,
      };
    },
    tol: inputTol,
  },
  {
    note: NOTE,
    claim: "card: the worked twins' gradients",
    anchor: "^worked-twins",
    find: rx(
      String.raw`\$x = \({N:x1}, {N:x2}\)\$.*?\${N:w}\$.*?\$\({N:v1}, {N:v2}\)\$.*?(?:target|目标) {N:y}.*?\$z = {N:z}\$.*?\\delta \\approx {N:delta}\$.*?\$\({N:g1}, {N:g2}\)\$`,
    ),
    compute: (w) => {
      const { h } = workedClaim(w);
      return { ...inputsAsWritten(w), z: h.z[0] as number, delta: h.delta[0] as number, g1: h.dW[0]![0] as number, g2: h.dW[0]![1] as number };
    },
    tol: inputTol,
  },
  {
    note: NOTE,
    claim: "all-zero 3–4–4–1 tanh net: 41 parameters, 40 gradients exactly zero",
    anchor: { en: "With every weight and bias at 0 the units", zh: "所有权重和偏置都为 0 时" },
    find: {
      en: rx(String.raw`(?<i>\d)–(?<h1>\d)–(?<h2>\d)–(?<o>\d) tanh network \({N:params} parameters\).*?the other {N:zero} are exactly zero`),
      zh: rx(String.raw`(?<i>\d)–(?<h1>\d)–(?<h2>\d)–(?<o>\d) tanh 网络（{N:params} 个参数）.*?其余 {N:zero} 个恰好为 0`),
    },
    compute: (w) => {
      const widths = [w.i, w.h1, w.h2, w.o] as number[];
      const t = forwardBackward(zeroNet(widths, "tanh"), probe.x.slice(0, widths[0]), probe.y);
      // The one nonzero gradient is the output bias.
      expect(allGrads(t).filter((g) => g !== 0)).toEqual([t.layers[t.layers.length - 1]!.db[0]]);
      expect(zeros(forwardBackward(zeroNet(widths, "relu"), probe.x.slice(0, widths[0]), probe.y))).toBe(zeros(t));
      return { i: widths[0]!, h1: widths[1]!, h2: widths[2]!, o: widths[3]!, params: allGrads(t).length, zero: zeros(t) };
    },
    tol: EXACT,
  },
  {
    note: NOTE,
    claim: "all-zero sigmoid net: a = 1/2 and the 4 output weights get the same gradient",
    anchor: { en: "With every weight and bias at 0 the units", zh: "所有权重和偏置都为 0 时" },
    find: { en: rx(String.raw`units \$a = (?<a>\d/\d)\$, so the {N:n} output weights`), zh: rx(String.raw`\$a = (?<a>\d/\d)\$，{N:n} 个输出权重`) },
    compute: () => {
      const t = forwardBackward(zeroNet([3, 4, 4, 1], "sigmoid"), probe.x, probe.y);
      const out = t.layers[2]!.dW[0]!;
      expect(new Set(out).size).toBe(1);
      // Nothing but the output layer moves at the first step.
      expect(zeros(t)).toBe(allGrads(t).length - out.length - 1);
      return { a: sigmoid(0), n: out.filter((g) => g !== 0).length };
    },
    tol: EXACT,
  },
  {
    note: NOTE,
    claim: "card: all-zero sigmoid hidden activations are 1/2",
    anchor: "^all-zero-sigmoid",
    find: rx(String.raw`==\$(\d/\d)\$==`),
    compute: () => forward(zeroNet([3, 4, 4, 1], "sigmoid"), probe.x).layers[1]!.a[0] as number,
    tol: EXACT,
  },
  {
    note: NOTE,
    claim: "random 3–4–4 trunk, zero output layer: the first step moves only 5 parameters, 36 gradients are zero",
    anchor: { en: "Zeroing one layer is fine", zh: "只把某一层置零是可以的" },
    find: {
      en: rx(String.raw`random (?<i>\d)–(?<h1>\d)–(?<h2>\d) trunk.*?only the {N:moving} output parameters \(the other {N:zero} gradients`),
      zh: rx(String.raw`(?<i>\d)–(?<h1>\d)–(?<h2>\d) 的主干随机.*?只有输出层的 {N:moving} 个参数在动（其余 {N:zero} 个梯度`),
    },
    compute: (w) => {
      const widths = [w.i, w.h1, w.h2, 1] as number[];
      const net = zeroHead(widths);
      const t = forwardBackward(net, probe.x.slice(0, widths[0]), probe.y);
      return { i: widths[0]!, h1: widths[1]!, h2: widths[2]!, moving: allGrads(t).length - zeros(t), zero: zeros(t) };
    },
    tol: EXACT,
  },
];

describeClaims("numbers in 17-symmetry-breaking match lib/engine", claims, { notes: 1, minEdits: 60 });

describe("17-symmetry-breaking: what the note says happens next", () => {
  it("keeps the two worked-example units identical, bit for bit, through 1000 gradient steps", () => {
    let net = twins([1, 2], 0.5, [0.3, 0.3]);
    for (let s = 0; s < 1000; s++) net = step(net, forwardBackward(net, [1, 2], [1]), 0.05);
    const [W1, W2] = [net.layers[0]!.W, net.layers[1]!.W];
    expect(W1[1]).toEqual(W1[0]);
    expect(W2[0]![1]).toBe(W2[0]![0]);
    expect(W1[0]![0]).not.toBe(0.5);
  });

  it("leaves an all-zero tanh net where it is: only the output bias ever moves", () => {
    let net = zeroNet([3, 4, 4, 1], "tanh");
    for (let s = 0; s < 20; s++) net = step(net, forwardBackward(net, probe.x, probe.y), 0.1);
    expect(net.layers.flatMap((l) => l.W.flat()).every((v) => v === 0)).toBe(true);
    expect(net.layers[2]!.b[0]).not.toBe(0);
  });

  it("gives every parameter a nonzero gradient after one step when only the output layer started at zero", () => {
    const net = zeroHead([3, 4, 4, 1]);
    const after = step(net, forwardBackward(net, probe.x, probe.y), 0.1);
    expect(zeros(forwardBackward(after, probe.x, probe.y))).toBe(0);
  });
});
