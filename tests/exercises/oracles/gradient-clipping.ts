import type { Oracle } from "./types";

/** Norm clipping as "the direction g/‖g‖ stretched to length c" (Math.hypot for the norm), and each mistake as the factor it applies. */

interface Clip {
  g: readonly number[];
  c: number;
}

const norm = (g: readonly number[]) => Math.hypot(...g);
const times = (g: readonly number[], k: number) => g.map((v) => v * k);

export const gradientClippingOracle: Oracle<Clip> = {
  expected({ g, c }) {
    const n = norm(g);
    // ‖g‖ > c here (the exercise is about the case where clipping acts): unit direction, then length c.
    return n > c ? times(times(g, 1 / n), c) : g.slice();
  },
  mistakes({ g, c }) {
    const n = norm(g);
    return {
      "clip-by-value": g.map((v) => (v > c ? c : v < -c ? -c : v)),
      "unit-vector": times(g, 1 / n),
      "squared-norm": times(g, c / (n * n)),
      "no-clipping": g.slice(),
      "inverted-ratio": times(g, n / c),
      "divided-by-c": times(g, 1 / c),
    };
  },
};
