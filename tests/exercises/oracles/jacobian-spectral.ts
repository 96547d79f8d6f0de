import type { AnswerValue } from "@/lib/exercises/types";
import type { Oracle } from "./types";

/**
 * jacobian: ∂h_i/∂h_prev,j by the complex step, Im f(z_i + i·t·W_ij) / t with
 * t = 1e-30 (exact to round-off, no derivative formula used); the mistakes
 * are the same matrices built from what each one means (transposed, W alone,
 * columns scaled, f instead of f′).
 * classify: the class of the 2×2 J from its eigenvalues and singular values in
 * closed form (trace, determinant, ‖J‖_F), not the engine's eigen solver.
 */

type Letter = "A" | "B" | "C";
type Mat = readonly (readonly number[])[];

interface Layer {
  mode: "jacobian";
  activation: "sigmoid" | "tanh";
  W: Mat;
  b: readonly number[];
  hPrev: readonly number[];
}

interface Classify {
  mode: "classify";
  J: Mat;
}

type Drawn = Layer | Classify;

// ---- complex arithmetic, just enough for σ and tanh ----

type C = readonly [re: number, im: number];
const cexp = ([re, im]: C): C => [Math.exp(re) * Math.cos(im), Math.exp(re) * Math.sin(im)];
const cdiv = ([a, b]: C, [c, d]: C): C => {
  const q = c * c + d * d;
  return [(a * c + b * d) / q, (b * c - a * d) / q];
};
const F: Record<Layer["activation"], (z: C) => C> = {
  sigmoid: ([re, im]) => {
    const e = cexp([-re, -im]);
    return cdiv([1, 0], [1 + e[0], e[1]]);
  },
  tanh: ([re, im]) => {
    const e = cexp([2 * re, 2 * im]);
    return cdiv([e[0] - 1, e[1]], [e[0] + 1, e[1]]);
  },
};

const STEP = 1e-30;

function layer(d: Layer) {
  const z = d.W.map((row, i) => row.reduce((s, w, j) => s + w * (d.hPrev[j] as number), d.b[i] as number));
  const f = F[d.activation];
  // J[i][j]: move h_prev,j by i·STEP, which moves z_i by i·STEP·W_ij.
  const J = d.W.map((row, i) => row.map((w) => f([z[i] as number, STEP * w])[1] / STEP));
  const fp = z.map((v) => f([v, STEP])[1] / STEP);
  const fz = z.map((v) => f([v, 0])[0]);
  return { J, fp, fz };
}

// ---- 2×2 closed forms ----

const classOf = (r: number): Letter => (r < 1 - 1e-9 ? "A" : r > 1 + 1e-9 ? "B" : "C");

function spectrum(J: Mat) {
  const [[a, b], [c, d]] = J as [[number, number], [number, number]];
  const tr = a + d;
  const det = a * d - b * c;
  const disc = tr * tr - 4 * det;
  const rho = disc < 0 ? Math.sqrt(det) : (Math.abs(tr) + Math.sqrt(disc)) / 2;
  const maxRe = disc < 0 ? tr / 2 : (tr + Math.sqrt(disc)) / 2;
  // σ₁² is the larger eigenvalue of JᵀJ: trace ‖J‖_F², determinant det².
  const fro = a * a + b * b + c * c + d * d;
  const norm = Math.sqrt((fro + Math.sqrt(Math.max(0, fro * fro - 4 * det * det))) / 2);
  return { rho, maxRe, norm };
}

export const jacobianSpectralOracle: Oracle<Drawn> = {
  combos: [{ mode: "jacobian" }, { mode: "classify" }],
  expected(d) {
    if (d.mode === "jacobian") return layer(d).J.flat();
    return classOf(spectrum(d.J).rho);
  },
  mistakes(d): Record<string, AnswerValue> {
    if (d.mode === "jacobian") {
      const { J, fp, fz } = layer(d);
      const n = d.W.length;
      const idx = [...Array(n).keys()];
      return {
        transposed: idx.flatMap((i) => idx.map((j) => (J[j] as readonly number[])[i] as number)),
        "forgot-diag": d.W.flat(),
        "right-multiplied": idx.flatMap((i) => idx.map((j) => ((d.W[i] as readonly number[])[j] as number) * (fp[j] as number))),
        "used-f": idx.flatMap((i) => idx.map((j) => ((d.W[i] as readonly number[])[j] as number) * (fz[i] as number))),
      };
    }
    const { rho, maxRe, norm } = spectrum(d.J);
    const right = classOf(rho);
    const swapped: Record<Letter, Letter> = { A: "B", B: "A", C: "C" };
    return {
      "spectral-norm": classOf(norm),
      "entries-below-one": d.J.flat().every((v) => Math.abs(v) < 1) ? "A" : "B",
      "signed-eigenvalue": classOf(maxRe),
      "swapped-classes": swapped[right],
    };
  },
};
