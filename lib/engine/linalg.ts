import { EngineError } from "./errors";

/** Nested row-major matrix as it appears in JSON specs and traces. */
export type Matrix = number[][];
export type MatrixLike = ReadonlyArray<ReadonlyArray<number>>;
export type VectorLike = ReadonlyArray<number>;

/** A complex eigenvalue; real ones have im === 0. */
export interface Complex {
  re: number;
  im: number;
}

// ---------------------------------------------------------------------------
// Flat kernels. All matrices are row-major Float64Array; dimensions are passed
// explicitly so the same buffer can be reused for different batch sizes.
// ---------------------------------------------------------------------------

/**
 * C[m×n] (=|+=) A·B where A's entry (i, p) sits at A[i·rs + p·ps]: one kernel
 * for A stored m×k (rs = k, ps = 1: gemm) and for Aᵀ with A stored k×m
 * (rs = 1, ps = m: gemmAtB). i-k-j order, so the innermost loop streams
 * contiguous rows of B and C. Register blocking: four rows of C are updated
 * with four k's per pass over j, so each loaded B value feeds four rows and
 * each C load/store carries four multiply-adds; in V8 this load/store traffic,
 * not the arithmetic, is what bounds the loop (≈ 3× faster than one row, one k).
 * Every entry is still summed in k order, C + a₀b₀ + a₁b₁ + …, so the result is
 * bit-identical to the naive triple loop with the same order.
 */
function gemmStrided(
  A: Float64Array,
  rs: number,
  ps: number,
  B: Float64Array,
  C: Float64Array,
  m: number,
  k: number,
  n: number,
  accumulate: boolean,
): void {
  if (!accumulate) C.fill(0, 0, m * n);
  const k4 = k - (k % 4);
  const m4 = m - (m % 4);
  let i = 0;
  for (; i < m4; i += 4) {
    const c0 = i * n;
    const c1 = c0 + n;
    const c2 = c1 + n;
    const c3 = c2 + n;
    const r0 = i * rs;
    const r1 = r0 + rs;
    const r2 = r1 + rs;
    const r3 = r2 + rs;
    let p = 0;
    for (; p < k4; p += 4) {
      const q0 = p * ps;
      const q1 = q0 + ps;
      const q2 = q1 + ps;
      const q3 = q2 + ps;
      const x0 = A[r0 + q0] as number;
      const x1 = A[r0 + q1] as number;
      const x2 = A[r0 + q2] as number;
      const x3 = A[r0 + q3] as number;
      const y0 = A[r1 + q0] as number;
      const y1 = A[r1 + q1] as number;
      const y2 = A[r1 + q2] as number;
      const y3 = A[r1 + q3] as number;
      const z0 = A[r2 + q0] as number;
      const z1 = A[r2 + q1] as number;
      const z2 = A[r2 + q2] as number;
      const z3 = A[r2 + q3] as number;
      const w0 = A[r3 + q0] as number;
      const w1 = A[r3 + q1] as number;
      const w2 = A[r3 + q2] as number;
      const w3 = A[r3 + q3] as number;
      const b0 = p * n;
      const b1 = b0 + n;
      const b2 = b1 + n;
      const b3 = b2 + n;
      for (let j = 0; j < n; j++) {
        const v0 = B[b0 + j] as number;
        const v1 = B[b1 + j] as number;
        const v2 = B[b2 + j] as number;
        const v3 = B[b3 + j] as number;
        C[c0 + j] = (C[c0 + j] as number) + x0 * v0 + x1 * v1 + x2 * v2 + x3 * v3;
        C[c1 + j] = (C[c1 + j] as number) + y0 * v0 + y1 * v1 + y2 * v2 + y3 * v3;
        C[c2 + j] = (C[c2 + j] as number) + z0 * v0 + z1 * v1 + z2 * v2 + z3 * v3;
        C[c3 + j] = (C[c3 + j] as number) + w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3;
      }
    }
    for (; p < k; p++) {
      const q = p * ps;
      const x = A[r0 + q] as number;
      const y = A[r1 + q] as number;
      const z = A[r2 + q] as number;
      const w = A[r3 + q] as number;
      const b0 = p * n;
      for (let j = 0; j < n; j++) {
        const v = B[b0 + j] as number;
        C[c0 + j] = (C[c0 + j] as number) + x * v;
        C[c1 + j] = (C[c1 + j] as number) + y * v;
        C[c2 + j] = (C[c2 + j] as number) + z * v;
        C[c3 + j] = (C[c3 + j] as number) + w * v;
      }
    }
  }
  for (; i < m; i++) {
    const ci = i * n;
    const ai = i * rs;
    for (let p = 0; p < k; p++) {
      const a = A[ai + p * ps] as number;
      const b0 = p * n;
      for (let j = 0; j < n; j++) C[ci + j] = (C[ci + j] as number) + a * (B[b0 + j] as number);
    }
  }
}

/** C[m×n] (=|+=) A[m×k] · B[k×n] (see gemmStrided). */
export function gemm(A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number, accumulate = false): void {
  gemmStrided(A, k, 1, B, C, m, k, n, accumulate);
}

/**
 * C[m×n] (=|+=) Aᵀ · B with A stored k×m and B stored k×n. Used for weight
 * gradients ΔᵀA_prev, where k is the batch; each entry is summed in example order.
 */
export function gemmAtB(A: Float64Array, B: Float64Array, C: Float64Array, k: number, m: number, n: number, accumulate = false): void {
  gemmStrided(A, 1, m, B, C, m, k, n, accumulate);
}

/** Bᵀ of a rows×cols matrix into out (cols×rows). */
export function transposeInto(B: Float64Array, out: Float64Array, rows: number, cols: number): void {
  for (let i = 0; i < rows; i++) {
    const bi = i * cols;
    for (let j = 0; j < cols; j++) out[j * rows + i] = B[bi + j] as number;
  }
}

// ---------------------------------------------------------------------------
// Nested-array helpers for the public API.
// ---------------------------------------------------------------------------

export function toFlat(A: MatrixLike): Float64Array {
  const rows = A.length;
  const cols = rows > 0 ? (A[0] as VectorLike).length : 0;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = A[i] as VectorLike;
    if (row.length !== cols) throw new EngineError(`[${i}]`, `expected ${cols} columns, got ${row.length}`);
    for (let j = 0; j < cols; j++) out[i * cols + j] = row[j] as number;
  }
  return out;
}

export function fromFlat(flat: ArrayLike<number>, rows: number, cols: number, offset = 0): Matrix {
  const out: Matrix = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const row = new Array<number>(cols);
    const base = offset + i * cols;
    for (let j = 0; j < cols; j++) row[j] = flat[base + j] as number;
    out[i] = row;
  }
  return out;
}

export function vecFromFlat(flat: ArrayLike<number>, n: number, offset = 0): number[] {
  const out = new Array<number>(n);
  for (let j = 0; j < n; j++) out[j] = flat[offset + j] as number;
  return out;
}

function checkRectangular(A: MatrixLike, field: string): [rows: number, cols: number] {
  if (A.length === 0) throw new EngineError(field, "expected a non-empty matrix");
  const cols = (A[0] as VectorLike).length;
  if (cols === 0) throw new EngineError(`${field}[0]`, "expected at least one column");
  for (let i = 0; i < A.length; i++) {
    const row = A[i] as VectorLike;
    if (row.length !== cols) throw new EngineError(`${field}[${i}]`, `expected ${cols} columns, got ${row.length}`);
    for (let j = 0; j < cols; j++) {
      const v = row[j];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new EngineError(`${field}[${i}][${j}]`, `expected a finite number, got ${String(v)}`);
      }
    }
  }
  return [A.length, cols];
}

export function shape(A: MatrixLike, field = "matrix"): [rows: number, cols: number] {
  return checkRectangular(A, field);
}

export function matmul(A: MatrixLike, B: MatrixLike): Matrix {
  const [m, k] = checkRectangular(A, "A");
  const [k2, n] = checkRectangular(B, "B");
  if (k !== k2) throw new EngineError("B", `expected ${k} rows, got ${k2} (to match A's columns)`);
  const C = new Float64Array(m * n);
  gemm(toFlat(A), toFlat(B), C, m, k, n);
  return fromFlat(C, m, n);
}

export function matVec(A: MatrixLike, x: VectorLike): number[] {
  const [m, k] = checkRectangular(A, "A");
  if (x.length !== k) throw new EngineError("x", `expected length ${k}, got ${x.length}`);
  const out = new Array<number>(m);
  for (let i = 0; i < m; i++) {
    const row = A[i] as VectorLike;
    let s = 0;
    for (let j = 0; j < k; j++) s += (row[j] as number) * (x[j] as number);
    out[i] = s;
  }
  return out;
}

export function transpose(A: MatrixLike): Matrix {
  const [m, n] = checkRectangular(A, "A");
  return fromFlat(
    (() => {
      const out = new Float64Array(m * n);
      transposeInto(toFlat(A), out, m, n);
      return out;
    })(),
    n,
    m,
  );
}

export function identity(n: number): Matrix {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

/**
 * Euclidean norm. The plain sum of squares is exact enough and matches what
 * a reference autograd computes; the rescaled pass only runs when squares
 * overflow or underflow, so huge-but-finite gradients still get a finite norm.
 */
export function norm2(v: ArrayLike<number>, n: number = v.length, offset = 0): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const x = v[offset + i] as number;
    s += x * x;
  }
  if (s < Infinity && (s > 1e-280 || s === 0)) return Math.sqrt(s);
  let big = 0;
  for (let i = 0; i < n; i++) big = Math.max(big, Math.abs(v[offset + i] as number));
  if (big === 0 || big === Infinity || Number.isNaN(big)) return big;
  let t = 0;
  for (let i = 0; i < n; i++) {
    const x = (v[offset + i] as number) / big;
    t += x * x;
  }
  return big * Math.sqrt(t);
}

export function frobeniusNorm(A: MatrixLike): number {
  const [m, n] = checkRectangular(A, "A");
  return norm2(toFlat(A), m * n);
}

// ---------------------------------------------------------------------------
// Singular values: one-sided Jacobi (Hestenes). Rotating column pairs until
// they are mutually orthogonal gives every singular value to near machine
// precision without forming AᵀA (which would square the condition number).
// ---------------------------------------------------------------------------

export function singularValues(A: MatrixLike): number[] {
  const [rows, cols] = checkRectangular(A, "matrix");
  // Work on the orientation with fewer columns: fewer pairs to rotate.
  const tall = rows >= cols;
  const m = tall ? rows : cols;
  const n = tall ? cols : rows;
  // Column-major copy so each column is contiguous.
  const U = new Float64Array(m * n);
  for (let i = 0; i < rows; i++) {
    const row = A[i] as VectorLike;
    for (let j = 0; j < cols; j++) {
      const v = row[j] as number;
      if (tall) U[j * m + i] = v;
      else U[i * m + j] = v;
    }
  }
  const eps = 2.220446049250313e-16;
  for (let sweep = 0; sweep < 80; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        const op = p * m;
        const oq = q * m;
        for (let i = 0; i < m; i++) {
          const up = U[op + i] as number;
          const uq = U[oq + i] as number;
          alpha += up * up;
          beta += uq * uq;
          gamma += up * uq;
        }
        if (gamma === 0 || Math.abs(gamma) <= eps * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.hypot(1, zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < m; i++) {
          const up = U[op + i] as number;
          const uq = U[oq + i] as number;
          U[op + i] = c * up - s * uq;
          U[oq + i] = s * up + c * uq;
        }
      }
    }
    if (!rotated) break;
  }
  const out = new Array<number>(n);
  for (let j = 0; j < n; j++) out[j] = norm2(U, m, j * m);
  return out.sort((x, y) => y - x);
}

/** Largest singular value ‖A‖₂: the most any unit vector can be stretched by A. */
export function spectralNorm(A: MatrixLike): number {
  return singularValues(A)[0] as number;
}

// ---------------------------------------------------------------------------
// Eigenvalues of a general real square matrix: Householder reduction to upper
// Hessenberg form, then Francis double-shift QR (after EISPACK orthes/hqr via
// JAMA, public domain). Complex eigenvalues come out as conjugate pairs.
// ---------------------------------------------------------------------------

export function eigenvalues(A: MatrixLike): Complex[] {
  const [rows, cols] = checkRectangular(A, "matrix");
  if (rows !== cols) throw new EngineError("matrix", `expected a square matrix, got ${rows}x${cols}`);
  const nn = rows;
  const H = toFlat(A);
  hessenberg(H, nn);
  const d = new Float64Array(nn);
  const e = new Float64Array(nn);
  hqr(H, nn, d, e);
  const out: Complex[] = [];
  for (let i = 0; i < nn; i++) out.push({ re: d[i] as number, im: e[i] as number });
  return sortEigenvalues(out);
}

/** Largest |λ|: whether repeated multiplication by A grows (> 1) or decays (< 1). */
export function spectralRadius(A: MatrixLike): number {
  const first = eigenvalues(A)[0] as Complex;
  return Math.hypot(first.re, first.im);
}

/** Descending modulus, so [0] is the eigenvalue that governs growth; ties by re, then im. */
export function sortEigenvalues(values: Complex[]): Complex[] {
  return values.sort((x, y) => {
    const mx = Math.hypot(x.re, x.im);
    const my = Math.hypot(y.re, y.im);
    const scale = Math.max(mx, my, Number.MIN_VALUE);
    if (Math.abs(mx - my) > 1e-12 * scale) return my - mx;
    if (x.re !== y.re) return y.re - x.re;
    return y.im - x.im;
  });
}

function hessenberg(H: Float64Array, n: number): void {
  const ort = new Float64Array(n);
  const high = n - 1;
  for (let m = 1; m <= high - 1; m++) {
    let scale = 0;
    for (let i = m; i <= high; i++) scale += Math.abs(H[i * n + m - 1] as number);
    if (scale === 0) continue;
    let h = 0;
    for (let i = high; i >= m; i--) {
      const v = (H[i * n + m - 1] as number) / scale;
      ort[i] = v;
      h += v * v;
    }
    let g = Math.sqrt(h);
    if ((ort[m] as number) > 0) g = -g;
    h -= (ort[m] as number) * g;
    ort[m] = (ort[m] as number) - g;
    for (let j = m; j < n; j++) {
      let f = 0;
      for (let i = high; i >= m; i--) f += (ort[i] as number) * (H[i * n + j] as number);
      f /= h;
      for (let i = m; i <= high; i++) H[i * n + j] = (H[i * n + j] as number) - f * (ort[i] as number);
    }
    for (let i = 0; i <= high; i++) {
      let f = 0;
      for (let j = high; j >= m; j--) f += (ort[j] as number) * (H[i * n + j] as number);
      f /= h;
      for (let j = m; j <= high; j++) H[i * n + j] = (H[i * n + j] as number) - f * (ort[j] as number);
    }
    H[m * n + m - 1] = scale * g;
    for (let i = m + 1; i <= high; i++) H[i * n + m - 1] = 0;
  }
}

function hqr(H: Float64Array, nn: number, d: Float64Array, e: Float64Array): void {
  const at = (i: number, j: number): number => H[i * nn + j] as number;
  const set = (i: number, j: number, v: number): void => {
    H[i * nn + j] = v;
  };
  const eps = 2.220446049250313e-16;
  const low = 0;
  let n = nn - 1;
  let exshift = 0;
  let p = 0;
  let q = 0;
  let r = 0;
  let s = 0;
  let z = 0;
  let w: number;
  let x: number;
  let y: number;

  let norm = 0;
  for (let i = 0; i < nn; i++) {
    for (let j = Math.max(i - 1, 0); j < nn; j++) norm += Math.abs(at(i, j));
  }

  let iter = 0;
  let totalIter = 0;
  while (n >= low) {
    let l = n;
    while (l > low) {
      s = Math.abs(at(l - 1, l - 1)) + Math.abs(at(l, l));
      if (s === 0) s = norm;
      if (Math.abs(at(l, l - 1)) < eps * s) break;
      l--;
    }
    if (l === n) {
      set(n, n, at(n, n) + exshift);
      d[n] = at(n, n);
      e[n] = 0;
      n--;
      iter = 0;
    } else if (l === n - 1) {
      w = at(n, n - 1) * at(n - 1, n);
      p = (at(n - 1, n - 1) - at(n, n)) / 2;
      q = p * p + w;
      z = Math.sqrt(Math.abs(q));
      set(n, n, at(n, n) + exshift);
      set(n - 1, n - 1, at(n - 1, n - 1) + exshift);
      x = at(n, n);
      if (q >= 0) {
        z = p >= 0 ? p + z : p - z;
        d[n - 1] = x + z;
        d[n] = d[n - 1] as number;
        if (z !== 0) d[n] = x - w / z;
        e[n - 1] = 0;
        e[n] = 0;
      } else {
        d[n - 1] = x + p;
        d[n] = x + p;
        e[n - 1] = z;
        e[n] = -z;
      }
      n -= 2;
      iter = 0;
    } else {
      x = at(n, n);
      y = 0;
      w = 0;
      if (l < n) {
        y = at(n - 1, n - 1);
        w = at(n, n - 1) * at(n - 1, n);
      }
      // Exceptional shifts break the rare cycles of the standard shift.
      if (iter === 10) {
        exshift += x;
        for (let i = low; i <= n; i++) set(i, i, at(i, i) - x);
        s = Math.abs(at(n, n - 1)) + Math.abs(at(n - 1, n - 2));
        x = y = 0.75 * s;
        w = -0.4375 * s * s;
      }
      if (iter === 30) {
        s = (y - x) / 2;
        s = s * s + w;
        if (s > 0) {
          s = Math.sqrt(s);
          if (y < x) s = -s;
          s = x - w / ((y - x) / 2 + s);
          for (let i = low; i <= n; i++) set(i, i, at(i, i) - s);
          exshift += s;
          x = y = w = 0.964;
        }
      }
      iter++;
      totalIter++;
      if (totalIter > 100 * nn + 100) {
        throw new EngineError("matrix", "eigenvalue QR iteration did not converge");
      }
      let m = n - 2;
      while (m >= l) {
        z = at(m, m);
        r = x - z;
        s = y - z;
        p = (r * s - w) / at(m + 1, m) + at(m, m + 1);
        q = at(m + 1, m + 1) - z - r - s;
        r = at(m + 2, m + 1);
        s = Math.abs(p) + Math.abs(q) + Math.abs(r);
        p /= s;
        q /= s;
        r /= s;
        if (m === l) break;
        if (
          Math.abs(at(m, m - 1)) * (Math.abs(q) + Math.abs(r)) <
          eps * (Math.abs(p) * (Math.abs(at(m - 1, m - 1)) + Math.abs(z) + Math.abs(at(m + 1, m + 1))))
        ) {
          break;
        }
        m--;
      }
      for (let i = m + 2; i <= n; i++) {
        set(i, i - 2, 0);
        if (i > m + 2) set(i, i - 3, 0);
      }
      for (let k = m; k <= n - 1; k++) {
        const notlast = k !== n - 1;
        if (k !== m) {
          p = at(k, k - 1);
          q = at(k + 1, k - 1);
          r = notlast ? at(k + 2, k - 1) : 0;
          x = Math.abs(p) + Math.abs(q) + Math.abs(r);
          if (x === 0) continue;
          p /= x;
          q /= x;
          r /= x;
        }
        s = Math.sqrt(p * p + q * q + r * r);
        if (p < 0) s = -s;
        if (s !== 0) {
          if (k !== m) set(k, k - 1, -s * x);
          else if (l !== m) set(k, k - 1, -at(k, k - 1));
          p += s;
          x = p / s;
          y = q / s;
          z = r / s;
          q /= p;
          r /= p;
          for (let j = k; j < nn; j++) {
            p = at(k, j) + q * at(k + 1, j);
            if (notlast) {
              p += r * at(k + 2, j);
              set(k + 2, j, at(k + 2, j) - p * z);
            }
            set(k, j, at(k, j) - p * x);
            set(k + 1, j, at(k + 1, j) - p * y);
          }
          for (let i = 0; i <= Math.min(n, k + 3); i++) {
            p = x * at(i, k) + y * at(i, k + 1);
            if (notlast) {
              p += z * at(i, k + 2);
              set(i, k + 2, at(i, k + 2) - p * r);
            }
            set(i, k, at(i, k) - p);
            set(i, k + 1, at(i, k + 1) - p * q);
          }
        }
      }
    }
  }
}
