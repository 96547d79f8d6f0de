import { describe, expect, it } from "vitest";
import {
  createRng,
  gaussianMatrix,
  jacobianProduct,
  type Matrix,
  matmul,
  matVec,
  sigmoid,
  singularValues,
  tanh,
} from "@/lib/engine";
import { block, type Claim, describeClaims, EXACT, type Lang, parseNumber, rx, source } from "../claims";
import { bisect } from "../numeric";

/**
 * Numbers in 23-skip-architectures (en and zh), recomputed: gate values by the
 * engine's sigmoid and carry products by its Jacobian product; DenseNet's
 * connections and channels by building the block's wiring; U-Net's sizes by
 * running its valid convolutions, pools and up-convolutions on the image size
 * and its path lengths by searching the layer graph; singular values by the
 * engine's SVD of products of orthogonal (Gram–Schmidt) or Gaussian matrices;
 * LSUV's factor by bisection on a measured output variance; ReZero's Jacobian
 * by central differences.
 */

const NOTE = "23-skip-architectures";

/** A random n×n orthogonal matrix: Gram–Schmidt on a Gaussian one. */
function orthogonal(rng: ReturnType<typeof createRng>, n: number): Matrix {
  const rows: number[][] = [];
  for (const g of gaussianMatrix(rng, n, n)) {
    const v = g.slice();
    for (const q of rows) {
      const d = q.reduce((s, qi, i) => s + qi * (v[i] as number), 0);
      q.forEach((qi, i) => (v[i] = (v[i] as number) - d * qi));
    }
    const len = Math.hypot(...v);
    rows.push(v.map((x) => x / len));
  }
  return rows;
}

/** Carry path through L highway layers with gate bias b_T (gate input otherwise 0). */
const carry = (bT: number) => 1 - sigmoid(bT);
const carryProduct = (c: number, L: number) => jacobianProduct(Array.from({ length: Math.round(L) }, () => [[c]]))[0]![0] as number;

/** A dense block's wiring: the sources of each layer's input, and the channels each layer reads. */
function denseBlock(L: number, k0: number, k: number): { connections: number; reads: number[]; out: number } {
  const channels = [k0];
  const reads: number[] = [];
  let connections = 0;
  for (let l = 1; l <= L; l++) {
    const sources = channels.length; // x_0 … x_{l−1}
    connections += sources;
    reads.push(channels.reduce((s, c) => s + c, 0));
    channels.push(k);
  }
  return { connections, reads, out: channels.reduce((s, c) => s + c, 0) };
}

/** The original U-Net on an s×s input: 4 levels, two unpadded 3×3 convolutions per level, 2×2 pools and up-convolutions. */
function unet(s: number) {
  const conv = (n: number, kernel = 3) => n - kernel + 1;
  const enc: number[] = [];
  let n = s;
  for (let level = 0; level < 4; level++) {
    n = conv(conv(n));
    enc.push(n);
    n = n / 2;
  }
  n = conv(conv(n));
  let topCrop = 0;
  for (let level = 3; level >= 0; level--) {
    n = n * 2; // 2×2 up-convolution
    if (level === 0) topCrop = n;
    n = conv(conv(n));
  }
  return { out: conv(n, 1), top: enc[0] as number, topCrop, trim: s - conv(s) };
}

/**
 * U-Net's convolutions as a graph (edges: what each layer's output feeds),
 * counted: all convolutional layers, and the fewest and most of them between
 * the top encoder level's output and the network's output.
 */
function unetPaths(): { total: number; shortest: number; longest: number } {
  const edges = new Map<string, string[]>();
  const link = (a: string, b: string) => edges.set(a, [...(edges.get(a) ?? []), b]);
  const convs = new Set<string>();
  const add = (name: string) => (convs.add(name), name);
  let prev = "input";
  for (let l = 1; l <= 4; l++) {
    link(prev, add(`enc${l}a`));
    link(`enc${l}a`, add(`enc${l}b`));
    prev = `enc${l}b`; // then a 2×2 max pool (not a convolution)
  }
  link(prev, add("bottleA"));
  link("bottleA", add("bottleB"));
  prev = "bottleB";
  for (let l = 4; l >= 1; l--) {
    link(prev, add(`up${l}`));
    link(`up${l}`, add(`dec${l}a`));
    link(`enc${l}b`, `dec${l}a`); // the skip: crop and concatenate
    link(`dec${l}a`, add(`dec${l}b`));
    prev = `dec${l}b`;
  }
  link(prev, add("final1x1"));
  const lengths = (from: string): number[] => {
    const next = edges.get(from) ?? [];
    if (from === "final1x1") return [0];
    return next.flatMap((n) => lengths(n).map((d) => d + (convs.has(n) ? 1 : 0)));
  };
  const ls = lengths("enc1b");
  return { total: convs.size, shortest: Math.min(...ls), longest: Math.max(...ls) };
}

/** Singular values of diag(mask)·W for an orthogonal 4×4 W, by the engine's SVD. */
function maskedOrthogonalSv(active: number, n: number): number[] {
  const W = orthogonal(createRng(4), n);
  const D = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j && i % 2 === 0 && i / 2 < active ? 1 : 0)));
  expect(D.flat().filter((v) => v === 1).length).toBe(active);
  return singularValues(matmul(D, W));
}

/** Mean singular value of a product of 20 orthogonal 16×16 matrices (all are 1 to rounding). */
function orthogonalProductSv(): number {
  const rng = createRng(20);
  const sv = singularValues(jacobianProduct(Array.from({ length: 20 }, () => orthogonal(rng, 16))));
  expect(Math.max(...sv.map((s) => Math.abs(s - 1)))).toBeLessThan(1e-12);
  return sv.reduce((s, v) => s + v, 0) / sv.length;
}

/** LSUV: the factor that brings a linear layer's measured output variance from v to 1, by bisection. */
function lsuvFactor(v: number): number {
  const rng = createRng(9);
  const batch = Array.from({ length: 256 }, () => Array.from({ length: 32 }, () => rng.gaussian()));
  const W0 = gaussianMatrix(rng, 16, 32, 1 / Math.sqrt(32));
  const variance = (W: Matrix) => {
    const outs = batch.flatMap((x) => matVec(W, x));
    const mean = outs.reduce((s, o) => s + o, 0) / outs.length;
    return outs.reduce((s, o) => s + (o - mean) ** 2, 0) / outs.length;
  };
  // First make the measured variance exactly v, as in the note's example.
  const scaleTo = (W: Matrix, c: number) => W.map((row) => row.map((w) => w * c));
  const W = scaleTo(W0, Math.sqrt(v / variance(W0)));
  return bisect((c) => variance(scaleTo(W, c)) >= 1, 1e-3, 10, 100);
}

/** ReZero with α = 0 on random tanh branches: singular values of the input–output Jacobian by central differences. */
function rezeroSingularValues(): number[] {
  const rng = createRng(30);
  const n = 6;
  const branches = Array.from({ length: 5 }, () => gaussianMatrix(rng, n, n, 1));
  const alpha = 0;
  const net = (x: readonly number[]) => branches.reduce<number[]>((h, W) => matVec(W, h).map((z, i) => (h[i] as number) + alpha * tanh(z)), x.slice());
  const x0 = Array.from({ length: n }, () => rng.gaussian());
  const h = 1e-5;
  const Jt = x0.map((_, j) => {
    const up = net(x0.map((v, k) => (k === j ? v + h : v)));
    const down = net(x0.map((v, k) => (k === j ? v - h : v)));
    return up.map((u, i) => (u - (down[i] as number)) / (2 * h));
  });
  return singularValues(Jt);
}

const claims: Claim[] = [
  {
    note: NOTE,
    claim: "highway: b_T = −2 gives T ≈ 0.119, carry 0.881, and 0.881^50 ≈ 1.8×10⁻³",
    anchor: { en: "## Highway networks", zh: "## 高速公路网络" },
    find: {
      en: rx(String.raw`\$b_T = {N:bT}\$.*?\$T = \\sigma\({N:bT2}\) \\approx {N:T}\$.*?\${N:c}\$.*?over {N:L} such layers.*?\$(?<base>0\.\d+)\^\{(?<L2>\d+)\} \\approx {N:prod}\$`),
      zh: rx(String.raw`\$b_T = {N:bT}\$.*?\$T = \\sigma\({N:bT2}\) \\approx {N:T}\$.*?\${N:c}\$.*?经过 {N:L} 层.*?\$(?<base>0\.\d+)\^\{(?<L2>\d+)\} \\approx {N:prod}\$`),
    },
    compute: (w) => ({
      bT: w.bT as number,
      bT2: w.bT as number,
      T: sigmoid(w.bT as number),
      c: carry(w.bT as number),
      L: w.L as number,
      base: carry(w.bT as number),
      L2: w.L as number,
      prod: carryProduct(w.base as number, w.L2 as number),
    }),
    tol: { bT: EXACT, bT2: EXACT, L: EXACT, L2: EXACT },
  },
  {
    note: NOTE,
    claim: "card: σ(−2) ≈ 0.119, carry 0.881 per layer, 1.8×10⁻³ over 50 layers",
    anchor: "^highway-vs-resnet",
    find: {
      en: rx(String.raw`\$T = \\sigma\({N:bT}\) \\approx {N:T}\$ that is \${N:c}\$ per layer, about \${N:prod}\$ over {N:L} layers`),
      zh: rx(String.raw`\$T = \\sigma\({N:bT}\) \\approx {N:T}\$ 时每层为 \${N:c}\$，{N:L} 层后约为 \${N:prod}\$`),
    },
    compute: (w) => ({ bT: w.bT as number, T: sigmoid(w.bT as number), c: carry(w.bT as number), L: w.L as number, prod: carryProduct(carry(w.bT as number), w.L as number) }),
    tol: { bT: EXACT, L: EXACT },
  },
  {
    note: NOTE,
    claim: "DenseNet: L(L+1)/2 connections, 21 for L = 6",
    anchor: { en: "A block of $L$ layers thus has", zh: "于是 $L$ 层的块有" },
    find: { en: rx(String.raw`{N:conn} for \$L = {N:L}\$`), zh: rx(String.raw`\$L = {N:L}\$ 时为 {N:conn} 条`) },
    compute: (w) => ({ L: w.L as number, conn: denseBlock(w.L as number, 64, 32).connections }),
    tol: EXACT,
  },
  {
    note: NOTE,
    claim: "card: 21 connections for L = 6",
    anchor: "^densenet-connections",
    find: { en: rx(String.raw`\({N:conn} for \$L = {N:L}\$\)`), zh: rx(String.raw`（\$L = {N:L}\$ 时为 {N:conn} 条）`) },
    compute: (w) => ({ L: w.L as number, conn: denseBlock(w.L as number, 64, 32).connections }),
    tol: EXACT,
  },
  {
    note: NOTE,
    claim: "DenseNet-121's first block: 6 layers, k = 32, 64 inputs; layer 6 reads 64 + 5·32 = 224, the block outputs 256",
    anchor: { en: "In DenseNet-121", zh: "DenseNet-121（" },
    find: {
      en: rx(String.raw`\$k = {N:k}\$\) the first block has {N:layers} layers on {N:k0} input channels: its sixth layer reads \$(?<k0b>\d+) \+ (?<prev>\d+) \\cdot (?<kb>\d+) = {N:reads}\$ channels and the block outputs {N:out}`),
      zh: rx(String.raw`\$k = {N:k}\$）的第一个块有 {N:layers} 层、{N:k0} 个输入通道：第六层读入 \$(?<k0b>\d+) \+ (?<prev>\d+) \\cdot (?<kb>\d+) = {N:reads}\$ 个通道，整个块输出 {N:out} 个`),
    },
    compute: (w) => {
      const L = w.layers as number;
      const b = denseBlock(L, w.k0 as number, w.k as number);
      return { k: w.k as number, layers: L, k0: w.k0 as number, k0b: w.k0 as number, prev: L - 1, kb: w.k as number, reads: b.reads[L - 1] as number, out: b.out };
    },
    tol: EXACT,
  },
  {
    note: NOTE,
    claim: "U-Net: 3×3 valid convs trim 2; 572 → 388; top features 568 cropped to 392; 23 convolutions, 3 via the skip, 21 via the bottleneck",
    anchor: { en: "## U-Net", zh: "## U-Net" },
    find: rx(
      String.raw`(?:each one trims|每次裁掉) {N:trim}.*?\$(?<in>\d+) \\times \d+\$.*?\$(?<out>\d+) \\times \d+\$.*?\$(?<top>\d+) \\times \d+\$.*?\$(?<crop>\d+) \\times \d+\$.*?(?<total>\d+) (?:convolutional layers|个卷积层).*?(?<skip>\d+) (?:of them via its skip|层就到达输出).*?(?<deep>\d+) (?:through the bottleneck|层。)`,
    ),
    compute: (w) => {
      const u = unet(w.in as number);
      const p = unetPaths();
      return { trim: u.trim, in: w.in as number, out: u.out, top: u.top, crop: u.topCrop, total: p.total, skip: p.shortest, deep: p.longest };
    },
    tol: EXACT,
  },
  {
    note: NOTE,
    claim: "card: 3 convolutions via the skip instead of 21",
    anchor: "^unet-skips",
    find: { en: rx(String.raw`through {N:skip} convolutions instead of {N:deep}`), zh: rx(String.raw`穿过 {N:skip} 个卷积层、而不是 {N:deep} 个`) },
    compute: () => {
      const p = unetPaths();
      return { skip: p.shortest, deep: p.longest };
    },
    tol: EXACT,
  },
  {
    note: NOTE,
    claim: "orthogonal weights: every singular value of a deep linear product is exactly 1",
    anchor: { en: "every singular value is exactly", zh: "所有奇异值都恰好为" },
    find: { en: rx(String.raw`every singular value is exactly {N}`), zh: rx(String.raw`所有奇异值都恰好为 {N}`) },
    compute: orthogonalProductSv,
    tol: 1e-9,
  },
  {
    note: NOTE,
    claim: "ReLU with orthogonal W and 2 of 4 units active: singular values (1, 1, 0, 0)",
    anchor: { en: "With ReLU that diagonal holds zeros", zh: "ReLU 的这个对角阵里有 0" },
    find: {
      en: rx(String.raw`and {N:active} of {N:n} units are active, the singular values of \$\\operatorname\{diag\}\(f'\)\\,W\$ are \$\({N:s1}, {N:s2}, {N:s3}, {N:s4}\)\$`),
      zh: rx(String.raw`{N:n} 个单元中有 {N:active} 个处于激活状态，\$\\operatorname\{diag\}\(f'\)\\,W\$ 的奇异值就是 \$\({N:s1}, {N:s2}, {N:s3}, {N:s4}\)\$`),
    },
    compute: (w) => {
      const sv = maskedOrthogonalSv(w.active as number, w.n as number);
      return { active: w.active as number, n: w.n as number, s1: sv[0]!, s2: sv[1]!, s3: sv[2]!, s4: sv[3]! };
    },
    tol: { active: EXACT, n: EXACT, s1: 1e-9, s2: 1e-9, s3: 1e-9, s4: 1e-9 },
  },
  {
    note: NOTE,
    claim: "card: 2 of 4 active gives (1, 1, 0, 0)",
    anchor: "^relu-isometry",
    find: {
      en: rx(String.raw`With {N:active} of {N:n} units active the singular values are \$\({N:s1}, {N:s2}, {N:s3}, {N:s4}\)\$`),
      zh: rx(String.raw`{N:n} 个单元中有 {N:active} 个激活时，奇异值为 \$\({N:s1}, {N:s2}, {N:s3}, {N:s4}\)\$`),
    },
    compute: (w) => {
      const sv = maskedOrthogonalSv(w.active as number, w.n as number);
      return { active: w.active as number, n: w.n as number, s1: sv[0]!, s2: sv[1]!, s3: sv[2]!, s4: sv[3]! };
    },
    tol: { active: EXACT, n: EXACT, s1: 1e-9, s2: 1e-9, s3: 1e-9, s4: 1e-9 },
  },
  {
    note: NOTE,
    claim: "LSUV: a measured output variance of 4 means multiplying the weights by 1/2",
    anchor: { en: "A layer whose output variance is measured", zh: "若某层输出方差测得为" },
    find: { en: rx(String.raw`measured at {N:v} has its weights multiplied by \$(?<f>\d/\d)\$`), zh: rx(String.raw`测得为 {N:v}，它的权重就乘以 \$(?<f>\d/\d)\$`) },
    compute: (w) => ({ v: w.v as number, f: lsuvFactor(w.v as number) }),
    tol: { v: EXACT, f: 1e-9 },
  },
  {
    note: NOTE,
    claim: "Fixup: L = 16, m = 2 gives 16^{-1/2} = 0.25; m = 3 gives 16^{-1/4} = 0.5",
    anchor: { en: "For $L = 16$ branches", zh: "$L = 16$ 条分支" },
    find: {
      en: rx(String.raw`\$L = {N:L}\$ branches of \$m = {N:m}\$ layers the scale is \$(?<L2>\d+)\^\{-1/(?<d1>\d+)\} = {N:s1}\$; with \$m = {N:m2}\$ it is \$(?<L3>\d+)\^\{-1/(?<d2>\d+)\} = {N:s2}\$`),
      zh: rx(String.raw`\$L = {N:L}\$ 条分支、每条 \$m = {N:m}\$ 层时，缩放系数为 \$(?<L2>\d+)\^\{-1/(?<d1>\d+)\} = {N:s1}\$；\$m = {N:m2}\$ 时为 \$(?<L3>\d+)\^\{-1/(?<d2>\d+)\} = {N:s2}\$`),
    },
    compute: (w) => {
      const L = w.L as number;
      // Fixup's rule: scale L^{-1/(2m-2)}; the scale is found as the root of s^{-(2m-2)} = L.
      const scale = (m: number) => 1 / bisect((t) => t ** (2 * m - 2) >= L, 1, L, 200);
      return { L, m: w.m as number, L2: L, d1: 2 * (w.m as number) - 2, s1: scale(w.m as number), m2: w.m2 as number, L3: L, d2: 2 * (w.m2 as number) - 2, s2: scale(w.m2 as number) };
    },
    tol: { L: EXACT, m: EXACT, L2: EXACT, d1: EXACT, m2: EXACT, L3: EXACT, d2: EXACT, s1: 1e-9, s2: 1e-9 },
  },
  {
    note: NOTE,
    claim: "ReZero at initialisation: the Jacobian is I, all singular values 1",
    anchor: { en: "ReZero (Bachlechner et al., 2020) is", zh: "ReZero（Bachlechner 等，2020）是" },
    find: { en: rx(String.raw`all its singular values are {N}`), zh: rx(String.raw`所有奇异值都是 {N}`) },
    compute: () => {
      const sv = rezeroSingularValues();
      expect(Math.min(...sv)).toBeCloseTo(Math.max(...sv), 8);
      return sv[0]!;
    },
    tol: 1e-6,
  },
  {
    note: NOTE,
    claim: "card: ReZero's Jacobian has all singular values 1",
    anchor: "^rezero",
    find: { en: rx(String.raw`all singular values {N}\)`), zh: rx(String.raw`所有奇异值为 {N}）`) },
    compute: () => rezeroSingularValues()[0]!,
    tol: 1e-6,
  },
];

describeClaims("numbers in 23-skip-architectures match lib/engine", claims, { notes: 1, minEdits: 80 });

/** The bounds stated for the Gaussian product, read from the note in each language. */
function gaussianBounds(lang: Lang) {
  const anchor = lang === "en" ? "In five draws of a product" : "高斯层的乘积抽样五次";
  const text = block(source(lang, NOTE), anchor);
  const m =
    lang === "en"
      ? /product of (\d+) Gaussian \$(\d+) \\times \d+\$ layers.*?between (\d+) and (\d+) and the smallest below \$(10\^\{-\d+\})\$/s.exec(text)
      : /对 (\d+) 个 \$(\d+) \\times \d+\$ 高斯层.*?都在 (\d+) 到 (\d+) 之间，最小奇异值都低于 \$(10\^\{-\d+\})\$/s.exec(text);
  if (!m) throw new Error(`${lang}: the Gaussian-product sentence no longer matches:\n${text}`);
  const [depth, width, lo, hi, tiny] = m.slice(1).map((s) => parseNumber(s as string).value) as [number, number, number, number, number];
  return { depth, width, lo, hi, tiny };
}

describe("23-skip-architectures: the Gaussian product's spread", () => {
  it("holds for five draws, as both languages state it", () => {
    const en = gaussianBounds("en");
    expect(gaussianBounds("zh")).toEqual(en);
    for (const seed of [1, 2, 3, 4, 5]) {
      const rng = createRng(seed);
      const Ws = Array.from({ length: en.depth }, () => gaussianMatrix(rng, en.width, en.width, 1 / Math.sqrt(en.width)));
      const sv = singularValues(jacobianProduct(Ws));
      expect(sv[0]).toBeGreaterThan(en.lo);
      expect(sv[0]).toBeLessThan(en.hi);
      expect(sv[sv.length - 1]).toBeLessThan(en.tiny);
    }
  });

  it("moves ReZero's α at the first step: ∂C/∂α = gᵀF(x) is not zero", () => {
    const rng = createRng(31);
    const W = gaussianMatrix(rng, 4, 4, 1);
    const x = Array.from({ length: 4 }, () => rng.gaussian());
    const F = matVec(W, x).map(tanh);
    // C = ½‖x + αF(x) − y‖² at α = 0: g = x − y.
    const y = Array.from({ length: 4 }, () => rng.gaussian());
    const g = x.map((v, i) => v - (y[i] as number));
    const analytic = g.reduce((s, gi, i) => s + gi * (F[i] as number), 0);
    const C = (a: number) => 0.5 * x.reduce((s, v, i) => s + (v + a * (F[i] as number) - (y[i] as number)) ** 2, 0);
    expect((C(1e-6) - C(-1e-6)) / 2e-6).toBeCloseTo(analytic, 6);
    expect(Math.abs(analytic)).toBeGreaterThan(1e-3);
  });
});
