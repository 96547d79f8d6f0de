import { type Matrix, type Rng } from "../engine";
import { LabError } from "./errors";

/**
 * A rows × cols matrix with orthonormal rows (rows ≤ cols) or orthonormal
 * columns (rows ≥ cols), times `gain`: modified Gram–Schmidt on the columns
 * of a Gaussian matrix, which gives the same distribution as the Q of its QR
 * decomposition with the signs of R's diagonal made positive (Saxe et al.'s
 * orthogonal initialisation, as torch.nn.init.orthogonal_ draws it).
 */
export function orthogonalMatrix(rng: Rng, rows: number, cols: number, gain = 1): Matrix {
  if (!(Number.isInteger(rows) && rows >= 1)) throw new LabError("rows", `expected a positive integer, got ${rows}`);
  if (!(Number.isInteger(cols) && cols >= 1)) throw new LabError("cols", `expected a positive integer, got ${cols}`);
  const n = Math.max(rows, cols);
  const k = Math.min(rows, cols);
  // k orthonormal vectors of length n.
  const q: Float64Array[] = [];
  for (let j = 0; j < k; j++) {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = rng.gaussian();
    for (let pass = 0; pass < 2; pass++) {
      for (const u of q) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += (u[i] as number) * (v[i] as number);
        for (let i = 0; i < n; i++) v[i] = (v[i] as number) - dot * (u[i] as number);
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += (v[i] as number) ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < n; i++) v[i] = (v[i] as number) / norm;
    q.push(v);
  }
  // rows ≥ cols: the k vectors are the columns; otherwise the rows.
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => gain * (rows >= cols ? (q[c] as Float64Array)[r] as number : (q[r] as Float64Array)[c] as number)));
}
