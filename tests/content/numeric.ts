/** Independent numerical helpers for the claim tests (quadrature, search, bisection). */

/** Composite Simpson on [a, b] with n (even) panels. */
export function simpson(f: (x: number) => number, a: number, b: number, n = 20_000): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}
export const phi = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
/** P(|w| > t) for w ~ N(0, 1), by quadrature of the density out to 40 sd. */
export const gaussTwoSided = (t: number) => 2 * simpson(phi, t, 40, 200_000);

/** argmax of a unimodal f on [a, b] by golden-section search. */
export function goldenMax(f: (x: number) => number, a: number, b: number, iters = 200): { at: number; max: number } {
  const g = (Math.sqrt(5) - 1) / 2;
  let lo = a;
  let hi = b;
  for (let i = 0; i < iters; i++) {
    const x1 = hi - g * (hi - lo);
    const x2 = lo + g * (hi - lo);
    if (f(x1) < f(x2)) lo = x1;
    else hi = x2;
  }
  const at = (lo + hi) / 2;
  return { at, max: f(at) };
}

/** The boundary of a predicate that is false below and true above it, by bisection. */
export function bisect(isAbove: (x: number) => boolean, lo: number, hi: number, iters = 100): number {
  if (isAbove(lo) || !isAbove(hi)) throw new Error(`bisection bracket [${lo}, ${hi}] does not straddle the boundary`);
  for (let i = 0; i < iters; i++) {
    const mid = (lo + hi) / 2;
    if (isAbove(mid)) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

export const grid = (a: number, b: number, n: number) => Array.from({ length: n + 1 }, (_, i) => a + ((b - a) * i) / n);
export const gridMax = (f: (x: number) => number, a: number, b: number, n: number) => Math.max(...grid(a, b, n).map(f));

