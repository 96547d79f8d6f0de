import type { Oracle } from "./types";

/**
 * Global-norm clipping with the norm accumulated entry by entry over all
 * tensors in one flat pass (no per-tensor norms), and each mistake as the
 * rule its explanation names.
 */

type Tensor = { kind: "vector"; v: readonly number[] } | { kind: "matrix"; m: readonly (readonly number[])[] };

interface Draw {
  tensors: readonly Tensor[];
  ask: number;
  c: number;
}

const flat = (t: Tensor): number[] => (t.kind === "vector" ? [...t.v] : t.m.flatMap((r) => [...r]));
const ownSq = (t: Tensor): number => flat(t).reduce((s, v) => s + v * v, 0);

export const globalNormClippingOracle: Oracle<Draw> = {
  expected({ tensors, ask, c }) {
    let sq = 0;
    for (const t of tensors) for (const v of flat(t)) sq += v * v;
    const f = Math.min(1, c / Math.sqrt(sq));
    return flat(tensors[ask] as Tensor).map((v) => v * f);
  },
  mistakes({ tensors, ask, c }) {
    let sq = 0;
    for (const t of tensors) for (const v of flat(t)) sq += v * v;
    const b = flat(tensors[ask] as Tensor);
    const scaled = (f: number) => b.map((v) => v * Math.min(1, f));
    return {
      "per-tensor": scaled(c / Math.sqrt(ownSq(tensors[ask] as Tensor))),
      "sum-of-norms": scaled(c / tensors.reduce((s, t) => s + Math.sqrt(ownSq(t)), 0)),
      "squared-norm": scaled(c / sq),
      "unit-vector": b.map((v) => v / Math.sqrt(sq)),
      "no-clipping": b,
    };
  },
};
