/**
 * Histograms with fixed bin edges: bin i holds edges[i] ≤ x < edges[i+1]; the
 * last bin is open to +∞ when `openEnd`, else closed at the last edge (so a
 * value equal to it, such as 100 %, lands in the last bin).
 */
export interface Bin {
  from: number;
  to: number | null;
  count: number;
}

export function histogram(values: readonly number[], edges: readonly number[], openEnd = false): Bin[] {
  const n = openEnd ? edges.length : edges.length - 1;
  const bins: Bin[] = Array.from({ length: n }, (_, i) => ({ from: edges[i]!, to: i + 1 < edges.length ? edges[i + 1]! : null, count: 0 }));
  for (const v of values) {
    if (!Number.isFinite(v) || v < edges[0]!) continue;
    let i = bins.findIndex((b) => b.to === null || v < b.to);
    if (i === -1) {
      if (!openEnd && v === edges[edges.length - 1]) i = n - 1;
      else continue;
    }
    bins[i]!.count++;
  }
  return bins;
}

/** Stability in days: roughly doubling bins. */
export const STABILITY_EDGES = [0, 1, 2, 4, 7, 14, 30, 60, 120, 365];
/** FSRS difficulty runs from 1 to 10. */
export const DIFFICULTY_EDGES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
/** Retrievability in percent. */
export const RETRIEVABILITY_EDGES = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
