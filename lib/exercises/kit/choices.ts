/** Options of a choice answer and items of a set answer, in TeX. */

/** The option letters A, B, C, … for `n` choices. */
export function letters(n: number): string[] {
  return Array.from({ length: n }, (_, i) => String.fromCharCode(65 + i));
}

/** Letter of a 0-based option index. */
export const letterOf = (i: number): string => String.fromCharCode(65 + i);

/** A set of 1-based indices in TeX, e.g. \{1, 3\}; ∅ for the empty set. */
export function texIndexSet(s: readonly number[]): string {
  return s.length === 0 ? "\\varnothing" : `\\{${s.join(", ")}\\}`;
}

/** Sorted 1-based indices i (i = 1..n) where pred(i − 1) holds. */
export function indicesWhere(n: number, pred: (i: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (pred(i)) out.push(i + 1);
  return out;
}
