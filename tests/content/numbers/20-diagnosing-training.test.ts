import { describe, expect, it } from "vitest";
import { clipByGlobalNorm, createRng, heNormal, heVariance, loss, sigmoidPrime, toFloat16 } from "@/lib/engine";
import { type Claim, describeClaims, EXACT, rx } from "../claims";
import { bisect, gridMax } from "../numeric";

/**
 * The numbers of 20-diagnosing-training (en and zh), each computed here:
 * fp16's range and spacing by probing lib/engine's rounding (never its
 * exported constants), float32 through Math.fround, bfloat16 by a small
 * emulator below, overflow thresholds of exp by bisection, the loss-scaling
 * example by rounding to multiples of 2^-24 directly, the initial loss by the
 * engine's softmax cross-entropy, and Adam's first step by running it.
 */

const NOTE = "20-diagnosing-training";

/** Fraction bits of a format: the largest k with round(1 + 2^-k) ≠ 1 (2^-(k+1) is a tie and rounds to even, to 1). */
function fractionBits(round: (x: number) => number): number {
  let k = 1;
  while (round(1 + 2 ** -(k + 1)) !== 1) k++;
  return k;
}
/** Exponent bits of a format: from the largest power of two it holds, 2^(2^(e−1) − 1). */
function exponentBits(round: (x: number) => number): { bits: number; maxExp: number } {
  let k = 0;
  while (Number.isFinite(round(2 ** (k + 1)))) k++;
  return { bits: Math.log2(k + 1) + 1, maxExp: k };
}

/** bfloat16: the top 16 bits of a float32, rounded to nearest even. */
function toBfloat16(x: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, x);
  const bits = view.getUint32(0);
  const lower = bits & 0xffff;
  let upper = bits >>> 16;
  if (lower > 0x8000 || (lower === 0x8000 && (upper & 1) === 1)) upper += 1;
  view.setUint32(0, (upper << 16) >>> 0);
  return view.getFloat32(0);
}

const FP16 = (() => {
  const frac = fractionBits(toFloat16);
  const { bits, maxExp } = exponentBits(toFloat16);
  const max = (2 - 2 ** -frac) * 2 ** maxExp;
  expect(toFloat16(max)).toBe(max);
  expect(toFloat16(max + 2 ** (maxExp - frac))).toBe(Infinity);
  const minNormalExp = 1 - maxExp;
  const minSubnormal = 2 ** (minNormalExp - frac);
  // Nothing positive below the smallest subnormal survives; half of it is the rounding edge.
  expect(toFloat16(minSubnormal)).toBe(minSubnormal);
  expect(toFloat16(minSubnormal * 0.49)).toBe(0);
  const zeroEdge = bisect((x) => toFloat16(x) > 0, minSubnormal / 4, minSubnormal, 200);
  return { frac, bits, max, minNormalExp, minSubnormal, zeroEdge };
})();

/** Round to the nearest multiple of q, ties to even (fp16's subnormal grid for q = 2^-24). */
function roundToGrid(x: number, q: number): number {
  const v = x / q;
  const r = Math.floor(v);
  const f = v - r;
  return f > 0.5 || (f === 0.5 && r % 2 === 1) ? r + 1 : r;
}

/** exp(x) overflows in a format above this argument, by bisection. */
const expOverflow = (round: (x: number) => number) => bisect((x) => !Number.isFinite(round(Math.exp(x))), 1, 200, 200);

/** The cross-entropy of a softmax over C equal logits (a freshly initialised classifier with no preference), by the engine. */
function initialLoss(C: number): number {
  const target = new Array<number>(C).fill(0);
  target[3] = 1;
  return loss("softmax_ce", new Array<number>(C).fill(0), target).loss;
}

/** One Adam step (β1 0.9, β2 0.999, ε 1e-8) on He-initialised weights: ‖Δw‖/‖w‖ and rms(w). */
function adamFirstStep(nIn: number, eta: number): { ratio: number; rms: number } {
  const rng = createRng(20);
  const w = heNormal(rng, nIn, nIn).flat();
  const g = w.map(() => rng.gaussian(0, 0.01));
  const [b1, b2, eps] = [0.9, 0.999, 1e-8];
  let dw2 = 0;
  let w2 = 0;
  w.forEach((wi, i) => {
    const gi = g[i] as number;
    const mHat = ((1 - b1) * gi) / (1 - b1);
    const vHat = ((1 - b2) * gi * gi) / (1 - b2);
    dw2 += ((eta * mHat) / (Math.sqrt(vHat) + eps)) ** 2;
    w2 += wi * wi;
  });
  return { ratio: Math.sqrt(dw2 / w2), rms: Math.sqrt(w2 / w.length) };
}

const claims: Claim[] = [
  {
    note: NOTE,
    claim: "the initial softmax cross-entropy is ln C: ≈ 2.303 for 10 classes, 6.908 for 1000",
    anchor: { en: "**The initial loss.**", zh: "初始损失。" },
    find: {
      en: rx(String.raw`about \${N:c10}\$ for {N:n10} classes, \${N:c1000}\$ for {N:n1000}`),
      zh: rx(String.raw`{N:n10} 类约为 \${N:c10}\$，{N:n1000} 类约为 \${N:c1000}\$`),
    },
    compute: (w) => ({ n10: 10, n1000: 1000, c10: initialLoss(w.n10 as number), c1000: initialLoss(w.n1000 as number) }),
    tol: { n10: EXACT, n1000: EXACT },
  },
  {
    note: NOTE,
    claim: "a sigmoid layer contributes at most 1/4, so nine layers give at most 0.25^9 ≈ 3.8e-6",
    anchor: { en: "**Vanishing.**", zh: "梯度消失：范数" },
    find: rx(String.raw`\${F:f}\$.*?\${N:base}\^(?<p>\d) \\approx {N:res}\$`),
    compute: (w) => {
      const f = gridMax(sigmoidPrime, -10, 10, 2000);
      return { f, base: f, p: 9, res: f ** (w.p as number) };
    },
    tol: { f: 1e-12, base: 1e-12, p: EXACT },
  },
  {
    note: NOTE,
    claim: "layer norms (0.6, 0.8, 2.4) give a global norm of 2.6; clipping to c = 1 scales every layer by 1/2.6 ≈ 0.385",
    anchor: { en: "Per-layer norms also explain clipping", zh: "逐层范数还能解释梯度裁剪" },
    find: rx(String.raw`\({N:l1}, {N:l2}, {N:l3}\)\$.*?\${N:norm}\$.*?c = {N:c}\$.*?1/2\.6 \\approx {N:scale}\$`),
    compute: (w) => {
      const r = clipByGlobalNorm([[w.l1 as number], [w.l2 as number], [w.l3 as number]], w.c as number);
      return { l1: 0.6, l2: 0.8, l3: 2.4, norm: r.globalNorm, c: 1, scale: r.scale };
    },
    tol: { l1: EXACT, l2: EXACT, l3: EXACT, norm: 1e-12, c: EXACT },
  },
  {
    note: NOTE,
    claim: "SGD: η = 0.01, ‖g‖ = 0.5, ‖w‖ = 5 give r = 1e-3 (one step taken)",
    anchor: { en: "The CS231n rule of thumb", zh: "普通 SGD 的一步是" },
    find: rx(String.raw`\\eta = {N:eta}\$.*?\\lVert g\\rVert = {N:g}\$.*?\\lVert w\\rVert = {N:w}\$.*?\$r = {N:r}\$`),
    compute: (written) => {
      const eta = written.eta as number;
      // A weight vector of norm ‖w‖ and a gradient of norm ‖g‖, pointing anywhere: the ratio depends on the norms only.
      const w = [0.6, 0.8].map((v) => v * (written.w as number));
      const g = [0.28, -0.96].map((v) => v * (written.g as number));
      const after = w.map((wi, i) => wi - eta * (g[i] as number));
      const r = Math.hypot(...after.map((v, i) => v - (w[i] as number))) / Math.hypot(...w);
      return { eta: 0.01, g: 0.5, w: 5, r };
    },
    tol: { eta: EXACT, g: EXACT, w: EXACT, r: 1e-15 },
  },
  {
    note: NOTE,
    claim: "Adam's first step: r ≈ η/rms(w); He with n_in = 256 has rms ≈ 0.0884, and η = 1e-3 gives r ≈ 0.011 (Adam run on sampled weights)",
    anchor: { en: "The CS231n rule of thumb", zh: "普通 SGD 的一步是" },
    find: rx(String.raw`n_\{\\text\{in\}\} = {N:n}\$.*?\\operatorname\{rms\}\(w\) \\approx {N:rms}\$.*?\\eta = {N:eta}\$.*?r \\approx {N:r}\$`),
    compute: (w) => {
      const step = adamFirstStep(w.n as number, w.eta as number);
      // The sampled rms is within a fraction of a percent of the expected √(2/n_in).
      expect(step.rms / Math.sqrt(heVariance(w.n as number))).toBeCloseTo(1, 2);
      return { n: 256, rms: Math.sqrt(heVariance(w.n as number)), eta: 1e-3, r: step.ratio };
    },
    tol: { n: EXACT, eta: EXACT },
  },
  {
    note: NOTE,
    claim: "exp overflows above ≈ 88.72 in float32 and ≈ 11.09 in fp16 (bisection)",
    anchor: { en: "Overflow in $\\exp$", zh: "上溢：float32" },
    find: rx(String.raw`float32.*?\${N:f32}\$.*?fp16.*?\${N:f16}\$`),
    compute: () => ({ f32: expOverflow(Math.fround), f16: expOverflow(toFloat16) }),
  },
  {
    note: NOTE,
    claim: "fp16: 5 exponent and 10 fraction bits, max 65504, min normal 2^-14 ≈ 6.10e-5, min subnormal 2^-24 ≈ 5.96e-8, zero below 2^-25 ≈ 2.98e-8",
    anchor: { en: "IEEE half precision", zh: "IEEE 半精度" },
    find: rx(
      String.raw`(?<eb>\d+) (?:exponent bits and |个指数位、)(?<fb>\d+) (?:fraction bits|个尾数位).*?\${N:max}\$.*?2\^\{-(?<en>\d+)\} \\approx {N:minNormal}\$.*?2\^\{-(?<es>\d+)\} \\approx {N:minSub}\$.*?2\^\{-(?<ez>\d+)\} \\approx {N:zero}\$`,
    ),
    compute: () => ({
      eb: FP16.bits,
      fb: FP16.frac,
      max: FP16.max,
      en: -FP16.minNormalExp,
      minNormal: 2 ** FP16.minNormalExp,
      es: -Math.log2(FP16.minSubnormal),
      minSub: FP16.minSubnormal,
      ez: -Math.log2(FP16.zeroEdge),
      zero: FP16.zeroEdge,
    }),
    tol: { eb: EXACT, fb: EXACT, max: EXACT, en: EXACT, es: EXACT, ez: 1e-9 },
  },
  {
    note: NOTE,
    claim: "g = 1e-8: fp16 → 0; S = 1024: 1.024e-5 → 172·2^-24 ≈ 1.0252e-5 → 1.0012e-8 (0.12 %); S = 65536: 6.55e-4 → 9.997e-9 (0.03 %)",
    anchor: { en: "## fp16 underflow and loss scaling", zh: "## fp16 下溢与损失缩放" },
    find: rx(
      String.raw`g = {N:g}\$.*?(?:stores \$g\$ as|存成) (?<z>\d).*?S = 2\^\{(?<k1>\d+)\} = {N:S1}\$.*?Sg = {N:sg1}\$.*?\${N:q} \\times 2\^\{-24\} \\approx {N:st1}\$.*?(?:about|约为) \${N:back1}\$.*?{N:err1} %.*?S = 2\^\{(?<k2>\d+)\} = {N:S2}\$.*?Sg \\approx {N:sg2}\$.*?(?:about|约为) \${N:back2}\$.*?{N:err2} %`,
    ),
    compute: (w) => {
      const g = w.g as number;
      const S1 = 2 ** (w.k1 as number);
      const S2 = 2 ** (w.k2 as number);
      const q = roundToGrid(S1 * g, 2 ** -24);
      const st1 = q * 2 ** -24;
      expect(toFloat16(S1 * g)).toBe(st1);
      const back2 = toFloat16(S2 * g) / S2;
      return {
        g: 1e-8,
        z: toFloat16(g),
        k1: 10,
        S1,
        sg1: S1 * g,
        q,
        st1,
        back1: st1 / S1,
        err1: (100 * Math.abs(st1 / S1 - g)) / g,
        k2: 16,
        S2,
        sg2: S2 * g,
        back2,
        err2: (100 * Math.abs(back2 - g)) / g,
      };
    },
    tol: { g: EXACT, z: EXACT, k1: EXACT, S1: EXACT, sg1: 1e-20, q: EXACT, k2: EXACT, S2: EXACT },
  },
  {
    note: NOTE,
    claim: "S too large: a gradient of 2 times 65536 is 131072, above 65504, so fp16 stores Inf",
    anchor: { en: "Too large a scale", zh: "缩放系数太大" },
    find: rx(String.raw`(?:gradient of|梯度) (?<g>\d) (?:times|乘以) {N:S}(?: is| 得) {N:prod}.*?\${N:max}\$`),
    compute: (w) => {
      const prod = (w.g as number) * (w.S as number);
      expect(toFloat16(prod)).toBe(Infinity);
      return { g: 2, S: 2 ** 16, prod, max: FP16.max };
    },
    tol: EXACT,
  },
  {
    note: NOTE,
    claim: "fp16 spacing at 1 is 2^-10 ≈ 9.77e-4, updates under 2^-11 ≈ 4.88e-4 vanish (1 + 1e-4 → 1); fp32 spacing 2^-23 ≈ 1.19e-7; bf16 has 8 exponent and 7 fraction bits",
    anchor: { en: "The master weights matter as well", zh: "主副本同样重要" },
    find: rx(
      String.raw`2\^\{-(?<e1>\d+)\} \\approx {N:sp}\$.*?2\^\{-(?<e2>\d+)\} \\approx {N:half}\$.*?\$1 \+ 10\^\{-(?<u>\d)\}\$ (?:is stored as|存成) (?<st>\d).*?2\^\{-(?<e3>\d+)\} \\approx {N:sp32}\$.*?(?<bfe>\d) (?:exponent bits|个指数位).*?(?<bff>\d) (?:fraction bits|个尾数位)`,
    ),
    compute: (w) => {
      const sp = 2 ** -FP16.frac;
      const sp32 = 2 ** -fractionBits(Math.fround);
      // Updates just under half the spacing are lost, just over it they are kept.
      expect(toFloat16(1 + 0.99 * (sp / 2))).toBe(1);
      expect(toFloat16(1 + 1.01 * (sp / 2))).toBe(1 + sp);
      return {
        e1: FP16.frac,
        sp,
        e2: FP16.frac + 1,
        half: sp / 2,
        u: 4,
        st: toFloat16(1 + 10 ** -(w.u as number)),
        e3: fractionBits(Math.fround),
        sp32,
        bfe: exponentBits(toBfloat16).bits,
        bff: fractionBits(toBfloat16),
      };
    },
    tol: { e1: EXACT, e2: EXACT, u: EXACT, st: EXACT, e3: EXACT, bfe: EXACT, bff: EXACT },
  },
  // Cards
  {
    note: NOTE,
    claim: "card: exp overflows above about 88.72 in float32, 11.09 in fp16",
    anchor: "^nan-sources",
    find: rx(String.raw`{N:f32}(?: in float32, | 以上，fp16 约在 ){N:f16}`),
    compute: () => ({ f32: expOverflow(Math.fround), f16: expOverflow(toFloat16) }),
  },
  {
    note: NOTE,
    claim: "card: fp16 range 2^-24 ≈ 5.96e-8, 2^-14 ≈ 6.10e-5, 65504",
    anchor: "^fp16-range",
    find: rx(String.raw`2\^\{-(?<a>\d+)\} \\approx {N:sub}\$==.*?2\^\{-(?<b>\d+)\} \\approx {N:nor}\$==.*?==\${N:max}\$==`),
    compute: () => ({ a: -Math.log2(FP16.minSubnormal), sub: FP16.minSubnormal, b: -FP16.minNormalExp, nor: 2 ** FP16.minNormalExp, max: FP16.max }),
    tol: { a: EXACT, b: EXACT, max: EXACT },
  },
  {
    note: NOTE,
    claim: "card: g = 1e-8 is stored as 0; with S = 2^16 it comes back within 0.03 %",
    anchor: "^loss-scale-worked",
    find: rx(String.raw`g = {N:g}\$.*?==(?<z>\d)==.*?S = 2\^\{(?<k>\d+)\}\$.*?{N:err} %`),
    compute: (w) => {
      const S = 2 ** (w.k as number);
      const err = (100 * Math.abs(toFloat16(S * (w.g as number)) / S - (w.g as number))) / (w.g as number);
      expect(toFloat16(S * (w.g as number))).toBeGreaterThanOrEqual(2 ** FP16.minNormalExp);
      return { g: 1e-8, z: toFloat16(w.g as number), k: 16, err };
    },
    tol: { g: EXACT, z: EXACT, k: EXACT },
  },
  {
    note: NOTE,
    claim: "card: the initial loss of a 10-class softmax is ln 10 ≈ 2.303",
    anchor: "^initial-loss",
    find: rx(String.raw`\\ln (?<n>\d+) \\approx {N:c}\$`),
    compute: (w) => ({ n: 10, c: initialLoss(w.n as number) }),
    tol: { n: EXACT },
  },
  {
    note: NOTE,
    claim: "card: on a weight near 1, fp16 loses updates under 2^-11 ≈ 4.88e-4",
    anchor: "^master-weights",
    find: rx(String.raw`2\^\{-(?<e>\d+)\} \\approx {N:half}\$`),
    compute: () => ({ e: FP16.frac + 1, half: 2 ** -(FP16.frac + 1) }),
    tol: { e: EXACT },
  },
];

describeClaims("numbers in 20-diagnosing-training match lib/engine", claims, { notes: 1, minEdits: 100 });

describe("20-diagnosing-training: statements checked without a number", () => {
  it("loss scaling by a power of two changes nothing when nothing underflows: fp16(S·g)/S = fp16(g) for normal g", () => {
    for (const g of [3.1e-3, -0.27, 1.5]) expect(toFloat16(g * 1024) / 1024).toBe(toFloat16(g));
  });
  it("bfloat16 is coarser than fp16 near 1 but keeps float32's range", () => {
    expect(fractionBits(toBfloat16)).toBeLessThan(fractionBits(toFloat16));
    expect(toBfloat16(1e30)).toBeGreaterThan(0);
    expect(Number.isFinite(toBfloat16(1e30))).toBe(true);
    expect(toFloat16(1e30)).toBe(Infinity);
  });
});
