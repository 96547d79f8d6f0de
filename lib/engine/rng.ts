import { EngineError } from "./errors";

/**
 * Seeded randomness for every draw in the engine. Exercises are regenerated
 * from their seed on the server and in the browser, so the sequence must be
 * bit-identical everywhere: the generator is pure 32-bit integer arithmetic
 * (xoshiro128**, Blackman & Vigna) and the Gaussian sampler uses only
 * IEEE-exact operations (+, -, *, /, sqrt) and a hand-rolled logarithm, because
 * Math.log/Math.cos are only "implementation-approximated" by ECMAScript.
 */
export interface Rng {
  readonly seed: number;
  /** Raw 32-bit output of xoshiro128**, in [0, 2^32). */
  nextUint32(): number;
  /** Uniform in [0, 1) with 53 random bits. */
  next(): number;
  /** Uniform in [a, b). */
  uniform(a?: number, b?: number): number;
  /** Normal(mean, sd²) by the polar (Marsaglia) form of Box–Muller. */
  gaussian(mean?: number, sd?: number): number;
  /** Uniform integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
  /** A shuffled copy (Fisher–Yates); the input is left untouched. */
  shuffle<T>(items: readonly T[]): T[];
}

const TWO_32 = 4294967296;
const TWO_26 = 67108864;
const TWO_53 = 9007199254740992;

/**
 * splitmix32 (golden-ratio increment + murmur3 finaliser) spreads a small seed
 * over the 128-bit state; xoshiro must never start from the all-zero state.
 */
function splitmix32(x: number): [next: number, out: number] {
  const nx = (x + 0x9e3779b9) | 0;
  let z = nx;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [nx, z >>> 0];
}

export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) {
    throw new EngineError("seed", `expected a safe integer, got ${String(seed)}`);
  }
  // Both halves of a 53-bit seed matter, so seeds 1 and 2^32 + 1 differ.
  const lo = seed >>> 0;
  const hi = Math.floor(seed / TWO_32) >>> 0;
  let x = lo;
  let o: number;
  [x, o] = splitmix32(x);
  let s0 = o;
  [x, o] = splitmix32(x);
  const s1 = (o ^ hi) >>> 0;
  [x, o] = splitmix32(x);
  const s2 = o;
  [, o] = splitmix32(x);
  const s3 = o;
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;

  let spare: number | null = null;
  const nextUint32 = xoshiro128ss([s0, s1, s2, s3]);

  const next = (): number => {
    const a = nextUint32() >>> 5;
    const b = nextUint32() >>> 6;
    return (a * TWO_26 + b) / TWO_53;
  };

  const standardNormal = (): number => {
    if (spare !== null) {
      const v = spare;
      spare = null;
      return v;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * next() - 1;
      v = 2 * next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * portableLog(s)) / s);
    spare = v * m;
    return u * m;
  };

  const int = (lo: number, hi: number): number => {
    if (!Number.isSafeInteger(lo)) throw new EngineError("lo", `expected an integer, got ${String(lo)}`);
    if (!Number.isSafeInteger(hi)) throw new EngineError("hi", `expected an integer, got ${String(hi)}`);
    if (hi < lo) throw new EngineError("hi", `expected hi >= lo (${lo}), got ${hi}`);
    return lo + Math.floor(next() * (hi - lo + 1));
  };

  return {
    seed,
    nextUint32,
    next,
    uniform(a = 0, b = 1) {
      return a + (b - a) * next();
    },
    gaussian(mean = 0, sd = 1) {
      return mean + sd * standardNormal();
    },
    int,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new EngineError("items", "cannot pick from an empty array");
      return items[int(0, items.length - 1)] as T;
    },
    shuffle<T>(items: readonly T[]): T[] {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(0, i);
        const tmp = out[i] as T;
        out[i] = out[j] as T;
        out[j] = tmp;
      }
      return out;
    },
  };
}

/**
 * The raw xoshiro128** generator over an explicit 128-bit state (four uint32
 * words, not all zero). Exposed so its published reference outputs can be
 * checked directly.
 */
export function xoshiro128ss(state: readonly [number, number, number, number]): () => number {
  let [s0, s1, s2, s3] = state.map((v) => v | 0) as [number, number, number, number];
  if ((s0 | s1 | s2 | s3) === 0) throw new EngineError("state", "xoshiro128** state must not be all zero");
  return () => {
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    return result;
  };
}

const LN2 = 0.6931471805599453;

/**
 * Natural log from IEEE-exact operations only, so Gaussian draws match across
 * JS engines. x = m·2^e with m in [√½, √2), then
 * \ln m = 2\,\operatorname{artanh} t = 2\sum_{k\ge0} \frac{t^{2k+1}}{2k+1},\quad t = \frac{m-1}{m+1},\ |t| \le 0.1716,
 * and 14 terms bring the truncation error below 1e-17.
 */
export function portableLog(x: number): number {
  if (!(x > 0) || x === Infinity) {
    throw new EngineError("x", `portableLog expects a finite positive number, got ${String(x)}`);
  }
  let e = 0;
  while (x < 1e-15) {
    x *= 1125899906842624; // 2^50, exact
    e -= 50;
  }
  while (x > 1e15) {
    x /= 1125899906842624;
    e += 50;
  }
  while (x < Math.SQRT1_2) {
    x *= 2;
    e--;
  }
  while (x >= Math.SQRT2) {
    x /= 2;
    e++;
  }
  const t = (x - 1) / (x + 1);
  const t2 = t * t;
  let series = 1 / 27;
  for (let k = 12; k >= 0; k--) series = 1 / (2 * k + 1) + t2 * series;
  return e * LN2 + 2 * t * series;
}
