import { EngineError } from "./errors";

export type ActivationName = "sigmoid" | "tanh" | "relu" | "leaky_relu" | "linear";

export const ACTIVATIONS: readonly ActivationName[] = ["sigmoid", "tanh", "relu", "leaky_relu", "linear"];

/** Slope of leaky_relu for z < 0 (and at z = 0, matching relu's left derivative there). */
export const LEAKY_SLOPE = 0.01;

export function isActivationName(x: unknown): x is ActivationName {
  return typeof x === "string" && (ACTIVATIONS as readonly string[]).includes(x);
}

/**
 * Two branches so that exp never overflows and the small tail keeps full
 * relative precision: σ(z) = 1/(1+e^{−z}) for z ≥ 0, e^{z}/(1+e^{z}) otherwise.
 */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * \sigma'(z) = \sigma(z)\,\bigl(1 - \sigma(z)\bigr), maximal (= 1/4) at z = 0.
 */
export function sigmoidPrime(z: number): number {
  const s = sigmoid(z);
  return s * (1 - s);
}

export function tanh(z: number): number {
  return Math.tanh(z);
}

/**
 * \tanh'(z) = 1 - \tanh^2(z), maximal (= 1) at z = 0.
 */
export function tanhPrime(z: number): number {
  const t = Math.tanh(z);
  return 1 - t * t;
}

export function relu(z: number): number {
  return z > 0 ? z : 0;
}

/**
 * \operatorname{relu}'(z) = \begin{cases} 1 & z > 0 \\ 0 & z \le 0 \end{cases}
 * (the subgradient 0 is chosen at the kink, as PyTorch and TF.js do).
 */
export function reluPrime(z: number): number {
  return z > 0 ? 1 : 0;
}

export function leakyRelu(z: number): number {
  return z > 0 ? z : LEAKY_SLOPE * z;
}

/**
 * \operatorname{lrelu}'(z) = \begin{cases} 1 & z > 0 \\ 0.01 & z \le 0 \end{cases}
 */
export function leakyReluPrime(z: number): number {
  return z > 0 ? 1 : LEAKY_SLOPE;
}

export function linear(z: number): number {
  return z;
}

/**
 * \operatorname{id}'(z) = 1
 */
export function linearPrime(_z: number): number {
  return 1;
}

export interface Activation {
  readonly name: ActivationName;
  readonly f: (z: number) => number;
  readonly fPrime: (z: number) => number;
}

const TABLE: Record<ActivationName, Activation> = {
  sigmoid: { name: "sigmoid", f: sigmoid, fPrime: sigmoidPrime },
  tanh: { name: "tanh", f: tanh, fPrime: tanhPrime },
  relu: { name: "relu", f: relu, fPrime: reluPrime },
  leaky_relu: { name: "leaky_relu", f: leakyRelu, fPrime: leakyReluPrime },
  linear: { name: "linear", f: linear, fPrime: linearPrime },
};

export function getActivation(name: string, field = "activation"): Activation {
  if (!isActivationName(name)) {
    throw new EngineError(field, `unknown activation ${JSON.stringify(name)}; expected one of ${ACTIVATIONS.join(", ")}`);
  }
  return TABLE[name];
}

/**
 * Vectorised f and f′ in one pass over flat buffers: a[aOffset + i] and
 * fp[offset + i] from z[offset + i] for i < n. The switch sits outside the
 * loop so each branch is a monomorphic tight loop (calling f per element
 * through a closure costs more than the matmuls on narrow layers); offsets
 * let the RNN work on one time step without allocating subarray views.
 */
export function applyActivation(
  name: ActivationName,
  z: Float64Array,
  a: Float64Array,
  fp: Float64Array,
  n: number = z.length,
  offset = 0,
  aOffset = offset,
): void {
  const d = aOffset - offset;
  const end = offset + n;
  switch (name) {
    case "sigmoid":
      for (let i = offset; i < end; i++) {
        const v = z[i] as number;
        let s: number;
        if (v >= 0) s = 1 / (1 + Math.exp(-v));
        else {
          const e = Math.exp(v);
          s = e / (1 + e);
        }
        a[i + d] = s;
        fp[i] = s * (1 - s);
      }
      return;
    case "tanh":
      for (let i = offset; i < end; i++) {
        const t = Math.tanh(z[i] as number);
        a[i + d] = t;
        fp[i] = 1 - t * t;
      }
      return;
    case "relu":
    case "leaky_relu": {
      // One loop for both: below 0 relu gives exactly 0 (not −0), leaky_relu slope·z.
      const slope = name === "relu" ? 0 : LEAKY_SLOPE;
      for (let i = offset; i < end; i++) {
        const v = z[i] as number;
        if (v > 0) {
          a[i + d] = v;
          fp[i] = 1;
        } else {
          a[i + d] = slope === 0 ? 0 : slope * v;
          fp[i] = slope;
        }
      }
      return;
    }
    case "linear":
      for (let i = offset; i < end; i++) {
        a[i + d] = z[i] as number;
        fp[i] = 1;
      }
      return;
  }
}
