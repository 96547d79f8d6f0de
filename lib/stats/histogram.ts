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
  const counts = new Map<number, number>();
  for (const v of values) {
    const i = binIndex(v, edges, openEnd);
    if (i !== null) counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  return binsFromCounts(counts, edges, openEnd);
}

/** The bin `v` falls in (see the file comment), or null when it falls in none. */
export function binIndex(v: number, edges: readonly number[], openEnd = false): number | null {
  if (!Number.isFinite(v) || v < edges[0]!) return null;
  for (let i = 1; i < edges.length; i++) if (v < edges[i]!) return i - 1;
  if (openEnd) return edges.length - 1;
  return v === edges[edges.length - 1] ? edges.length - 2 : null;
}

/** The bins with their counts, from a count per bin index (as binIndex numbers them). */
export function binsFromCounts(counts: ReadonlyMap<number, number>, edges: readonly number[], openEnd = false): Bin[] {
  const n = openEnd ? edges.length : edges.length - 1;
  return Array.from({ length: n }, (_, i) => ({ from: edges[i]!, to: i + 1 < edges.length ? edges[i + 1]! : null, count: counts.get(i) ?? 0 }));
}

/** Stability in days: roughly doubling bins. */
export const STABILITY_EDGES = [0, 1, 2, 4, 7, 14, 30, 60, 120, 365];
/** FSRS difficulty runs from 1 to 10. */
export const DIFFICULTY_EDGES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
/** Retrievability in percent. */
export const RETRIEVABILITY_EDGES = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
