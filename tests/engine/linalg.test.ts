import { describe, expect, it } from "vitest";
import { createRng, eigenvalues, gemm, gemmAtB, matmul, singularValues, spectralNorm, spectralRadius, transpose, type Complex } from "@/lib/engine";
import { expectClose, randomMatrix } from "./helpers";

// ---- independent helpers (plain nested loops, no engine code) ----

function naiveMul(A: number[][], B: number[][]): number[][] {
  return A.map((row) => B[0]!.map((_, j) => row.reduce((s, a, k) => s + a * B[k]![j]!, 0)));
}

/** Classical two-sided Jacobi for symmetric matrices: all eigenvalues. */
function jacobiEigenvalues(S: number[][]): number[] {
  const A = S.map((r) => r.slice());
  const n = A.length;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += A[p]![q]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p]![q]!;
        if (apq === 0) continue;
        const theta = (A[q]![q]! - A[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k]![p]!;
          const akq = A[k]![q]!;
          A[k]![p] = c * akp - s * akq;
          A[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p]![k]!;
          const aqk = A[q]![k]!;
          A[p]![k] = c * apk - s * aqk;
          A[q]![k] = s * apk + c * aqk;
        }
      }
    }
  }
  return A.map((r, i) => r[i]!).sort((x, y) => y - x);
}

/** Power iteration on AᵀA: sqrt of its dominant eigenvalue. */
function powerSpectralNorm(A: number[][], iters = 20000): number {
  const AtA = naiveMul(transpose(A), A);
  let v = AtA.map((_, i) => 1 + i * 0.1);
  let lambda = 0;
  for (let it = 0; it < iters; it++) {
    const w = AtA.map((row) => row.reduce((s, a, j) => s + a * v[j]!, 0));
    const n = Math.hypot(...w);
    if (n === 0) return 0;
    const next = w.map((x) => x / n);
    const change = Math.hypot(...next.map((x, i) => x - v[i]!));
    v = next;
    lambda = n;
    if (change < 1e-15) break;
  }
  return Math.sqrt(lambda);
}

type C = { re: number; im: number };
const cmul = (a: C, b: C): C => ({ re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re });
const cdiv = (a: C, b: C): C => {
  const d = b.re * b.re + b.im * b.im;
  return { re: (a.re * b.re + a.im * b.im) / d, im: (a.im * b.re - a.re * b.im) / d };
};
const cabs = (a: C): number => Math.hypot(a.re, a.im);

/** det(A − λI) by complex Gaussian elimination with partial pivoting, relative to Hadamard's bound. */
function relativeCharPoly(A: number[][], lambda: C): number {
  const n = A.length;
  const M: C[][] = A.map((r, i) => r.map((v, j) => ({ re: v - (i === j ? lambda.re : 0), im: i === j ? -lambda.im : 0 })));
  const hadamard = M.reduce((p, row) => p * Math.hypot(...row.map(cabs)), 1);
  let det: C = { re: 1, im: 0 };
  for (let k = 0; k < n; k++) {
    let piv = k;
    for (let i = k + 1; i < n; i++) if (cabs(M[i]![k]!) > cabs(M[piv]![k]!)) piv = i;
    if (cabs(M[piv]![k]!) === 0) return 0;
    if (piv !== k) {
      [M[k], M[piv]] = [M[piv]!, M[k]!];
      det = { re: -det.re, im: -det.im };
    }
    det = cmul(det, M[k]![k]!);
    for (let i = k + 1; i < n; i++) {
      const f = cdiv(M[i]![k]!, M[k]![k]!);
      for (let j = k; j < n; j++) {
        const t = cmul(f, M[k]![j]!);
        M[i]![j] = { re: M[i]![j]!.re - t.re, im: M[i]![j]!.im - t.im };
      }
    }
  }
  return hadamard === 0 ? 0 : cabs(det) / hadamard;
}

/** Determinant by Gaussian elimination with partial pivoting. */
function realDet(A: number[][]): number {
  const M = A.map((r) => r.slice());
  const n = M.length;
  let det = 1;
  for (let k = 0; k < n; k++) {
    let piv = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(M[i]![k]!) > Math.abs(M[piv]![k]!)) piv = i;
    if (M[piv]![k] === 0) return 0;
    if (piv !== k) {
      [M[k], M[piv]] = [M[piv]!, M[k]!];
      det = -det;
    }
    det *= M[k]![k]!;
    for (let i = k + 1; i < n; i++) {
      const f = M[i]![k]! / M[k]![k]!;
      for (let j = k; j < n; j++) M[i]![j] = M[i]![j]! - f * M[k]![j]!;
    }
  }
  return det;
}

function checkEigen(A: number[][], label: string): Complex[] {
  const ev = eigenvalues(A);
  const n = A.length;
  expect(ev, label).toHaveLength(n);
  const scale = Math.max(1, ...A.flat().map(Math.abs)) * n;
  // det(A − λI) ≈ 0 for every λ.
  for (const l of ev) expect(relativeCharPoly(A, l), `${label} det(A − λI) at ${l.re}+${l.im}i`).toBeLessThan(1e-9);
  // Σλ = trace, Πλ = det.
  const tr = A.reduce((s, r, i) => s + r[i]!, 0);
  expectClose(ev.reduce((s, l) => s + l.re, 0), tr, 1e-9, 1e-10 * scale, `${label} trace`);
  expectClose(ev.reduce((s, l) => s + l.im, 0), 0, 0, 1e-10 * scale, `${label} imaginary parts cancel`);
  const prod = ev.reduce((p, l) => cmul(p, l), { re: 1, im: 0 });
  const det = realDet(A);
  const detScale = Math.max(1, ...ev.map(cabs)) ** n;
  expectClose(prod.re, det, 1e-8, 1e-11 * detScale, `${label} determinant`);
  expectClose(prod.im, 0, 0, 1e-11 * detScale, `${label} product is real`);
  // Non-real eigenvalues come in conjugate pairs; sorted by decreasing modulus.
  for (const l of ev.filter((x) => x.im !== 0)) {
    expect(ev.some((m) => m.re === l.re && m.im === -l.im), `${label} conjugate of ${l.re}+${l.im}i`).toBe(true);
  }
  for (let i = 1; i < n; i++) expect(cabs(ev[i - 1]!)).toBeGreaterThanOrEqual(cabs(ev[i]!) * (1 - 1e-12));
  return ev;
}

describe("matrix products", () => {
  it("gemm, gemmAtB and matmul agree with naive loops on awkward sizes", () => {
    const rng = createRng(60);
    for (const [m, k, n] of [[1, 1, 1], [3, 5, 2], [7, 4, 9], [2, 13, 3], [11, 6, 1], [5, 9, 7]] as const) {
      const A = randomMatrix(rng, m, k, 1);
      const B = randomMatrix(rng, k, n, 1);
      const ref = naiveMul(A, B);
      expectClose(matmul(A, B), ref, 1e-13, 1e-14);
      const C = new Float64Array(m * n).fill(7);
      gemm(Float64Array.from(A.flat()), Float64Array.from(B.flat()), C, m, k, n);
      expectClose(Array.from(C), ref.flat(), 1e-13, 1e-14);
      gemm(Float64Array.from(A.flat()), Float64Array.from(B.flat()), C, m, k, n, true);
      expectClose(Array.from(C), ref.flat().map((x) => 2 * x), 1e-13, 1e-14);
      const At = transpose(A);
      const D = new Float64Array(m * n);
      gemmAtB(Float64Array.from(At.flat()), Float64Array.from(B.flat()), D, k, m, n);
      expectClose(Array.from(D), ref.flat(), 1e-13, 1e-14);
    }
  });
});

describe("spectral norm", () => {
  it("matches sqrt(λ_max(AᵀA)) from Jacobi and from power iteration; Σσ² = ‖A‖_F²", () => {
    const rng = createRng(61);
    for (let trial = 0; trial < 20; trial++) {
      const A = randomMatrix(rng, rng.int(1, 7), rng.int(1, 7), rng.uniform(0.1, 10));
      const AtA = naiveMul(transpose(A), A);
      const jac = Math.sqrt(Math.max(0, jacobiEigenvalues(AtA)[0]!));
      expectClose(spectralNorm(A), jac, 1e-10, 1e-14, `trial ${trial} vs Jacobi`);
      const sv = singularValues(A);
      expectClose(sv.reduce((s, x) => s + x * x, 0), A.flat().reduce((s, x) => s + x * x, 0), 1e-12, 0, "Frobenius");
      const eigAtA = jacobiEigenvalues(AtA).slice(0, sv.length).map((l) => Math.sqrt(Math.max(0, l)));
      expectClose(sv, eigAtA, 1e-7, 1e-7 * sv[0]!, `trial ${trial} all singular values`);
    }
    // Power iteration needs a gap; diag-dominant matrices give one.
    const A = [[5, 1, 0], [0.5, 2, 0.3], [0.1, 0, 1]];
    expectClose(spectralNorm(A), powerSpectralNorm(A), 1e-10);
  });

  it("known cases: diagonal, rank one, rotation", () => {
    expect(spectralNorm([[3, 0], [0, -7]])).toBeCloseTo(7, 14);
    expect(spectralNorm([[1, 2, 2]])).toBeCloseTo(3, 14);
    const c = Math.cos(0.3);
    const s = Math.sin(0.3);
    expect(spectralNorm([[2 * c, -2 * s], [2 * s, 2 * c]])).toBeCloseTo(2, 14);
    expect(spectralNorm([[0, 0], [0, 0]])).toBe(0);
  });
});

describe("eigenvalues", () => {
  it("random real matrices up to 10×10: det(A − λI) ≈ 0, trace and determinant identities", () => {
    const rng = createRng(62);
    for (let trial = 0; trial < 40; trial++) {
      const n = rng.int(1, 10);
      checkEigen(randomMatrix(rng, n, n, rng.uniform(0.1, 5)), `trial ${trial} (${n}x${n})`);
    }
  });

  it("2×2 closed form, including a complex pair", () => {
    const rng = createRng(63);
    for (let trial = 0; trial < 30; trial++) {
      const [a, b, c, d] = [rng.gaussian(), rng.gaussian(), rng.gaussian(), rng.gaussian()];
      const tr = a + d;
      const disc = (a - d) ** 2 / 4 + b * c;
      const ev = eigenvalues([[a, b], [c, d]]);
      const expected = disc >= 0
        ? [{ re: tr / 2 + Math.sqrt(disc), im: 0 }, { re: tr / 2 - Math.sqrt(disc), im: 0 }]
        : [{ re: tr / 2, im: Math.sqrt(-disc) }, { re: tr / 2, im: -Math.sqrt(-disc) }];
      const key = (l: Complex) => [l.re, l.im];
      const sortBy = (xs: Complex[]) => xs.slice().sort((x, y) => x.re - y.re || x.im - y.im).map(key);
      expectClose(sortBy(ev), sortBy(expected), 1e-10, 1e-12, `trial ${trial}`);
    }
  });

  it("rotation by θ scaled by r has eigenvalues r·e^{±iθ}", () => {
    const r = 1.2;
    const th = 0.7;
    const ev = eigenvalues([[r * Math.cos(th), -r * Math.sin(th)], [r * Math.sin(th), r * Math.cos(th)]]);
    expectClose(ev.map((l) => [l.re, Math.abs(l.im)]), [[r * Math.cos(th), r * Math.sin(th)], [r * Math.cos(th), r * Math.sin(th)]], 1e-13, 1e-15);
    expect(spectralRadius([[r * Math.cos(th), -r * Math.sin(th)], [r * Math.sin(th), r * Math.cos(th)]])).toBeCloseTo(1.2, 13);
  });

  it("companion matrix recovers polynomial roots (real and complex)", () => {
    // (x − 2)(x + 1)(x² − 2x + 5) = x⁴ − 3x³ + 5x² − x − 10 → roots 2, −1, 1 ± 2i
    const p = [-3, 5, -1, -10];
    const C = [[-p[0]!, -p[1]!, -p[2]!, -p[3]!], [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]];
    const ev = checkEigen(C, "companion");
    expectClose(ev.map((l) => [l.re, l.im]), [[1, 2], [1, -2], [2, 0], [-1, 0]], 1e-12, 1e-12);
  });

  it("symmetric matrices: real eigenvalues equal to Jacobi's", () => {
    const rng = createRng(64);
    for (let trial = 0; trial < 10; trial++) {
      const n = rng.int(2, 8);
      const R = randomMatrix(rng, n, n, 1);
      const S = R.map((row, i) => row.map((v, j) => (v + R[j]![i]!) / 2));
      const ev = checkEigen(S, `sym ${trial}`);
      expect(ev.every((l) => l.im === 0)).toBe(true);
      expectClose(ev.map((l) => l.re).sort((a, b) => b - a), jacobiEigenvalues(S), 1e-10, 1e-12);
    }
  });

  it("triangular, Jordan block, zero and 1×1 matrices", () => {
    expectClose(eigenvalues([[3, 5, 1], [0, -4, 2], [0, 0, 0.5]]).map((l) => l.re), [-4, 3, 0.5], 1e-13, 1e-15);
    const jordan = eigenvalues([[1.1, 1, 0], [0, 1.1, 1], [0, 0, 1.1]]);
    for (const l of jordan) expect(cabs({ re: l.re - 1.1, im: l.im })).toBeLessThan(1e-5);
    expect(eigenvalues([[0, 0], [0, 0]])).toEqual([{ re: 0, im: 0 }, { re: 0, im: 0 }]);
    expect(eigenvalues([[-2.5]])).toEqual([{ re: -2.5, im: 0 }]);
  });

  it("rejects non-square and non-finite input with a named field", () => {
    expect(() => eigenvalues([[1, 2, 3], [4, 5, 6]])).toThrow(/^matrix: expected a square matrix, got 2x3/);
    expect(() => eigenvalues([[1, NaN], [0, 1]])).toThrow(/^matrix\[0\]\[1\]: expected a finite number/);
  });
});
