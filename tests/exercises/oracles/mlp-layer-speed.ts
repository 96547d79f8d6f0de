import type { AnswerValue } from "@/lib/exercises/types";
import type { Oracle } from "./types";

/**
 * ‖δ^l‖ = ‖∂C/∂z^l‖ of a sigmoid MLP by forward-mode differentiation: each unit
 * i of layer l gets a tangent dz^l = e_i, carried up through σ′ and the
 * weights to da^L, and ∂C/∂z^l_i = (a^L − y)·da^L (the generator
 * backpropagates instead). The weight-gradient mistake uses
 * ‖δ^l (a^{l−1})ᵀ‖_F = ‖δ^l‖ ‖a^{l−1}‖, as its explanation says.
 */

interface Mlp {
  mode: "slowest" | "ratio";
  net: { W: readonly (readonly (readonly number[])[])[]; b: readonly (readonly number[])[]; x: readonly number[]; y: readonly number[] };
}

const sig = (z: number) => 1 / (1 + Math.exp(-z));
const letter = (i: number) => "ABCDEFGH"[i] as string;
const norm = (v: readonly number[]) => Math.hypot(...v);

/** a^0 … a^L, and δ^1 … δ^L (index l − 1) by forward-mode tangents. */
function deltas(d: Mlp): { a: number[][]; delta: number[][] } {
  const { W, b, x, y } = d.net;
  const a: number[][] = [x.slice()];
  W.forEach((Wl, l) => {
    const prev = a[l] as number[];
    a.push(Wl.map((row, i) => sig((b[l] as readonly number[])[i] as number + row.reduce((s, w, j) => s + w * (prev[j] as number), 0))));
  });
  const L = W.length;
  const out = a[L] as number[];
  const delta = W.map((_, l) =>
    (a[l + 1] as number[]).map((_unit, i) => {
      // dz^{l+1} = e_i; then da = σ′ ⊙ dz and dz^{next} = W^{next} da, up to the output.
      let dz: number[] = (a[l + 1] as number[]).map((_v, k) => (k === i ? 1 : 0));
      let da: number[] = [];
      for (let m = l; m < L; m++) {
        const act = a[m + 1] as number[];
        da = dz.map((t, k) => t * (act[k] as number) * (1 - (act[k] as number)));
        if (m + 1 < L) dz = (W[m + 1] as readonly (readonly number[])[]).map((row) => row.reduce((s, w, k) => s + w * (da[k] as number), 0));
      }
      return da.reduce((s, t, k) => s + ((out[k] as number) - (y[k] as number)) * t, 0);
    }),
  );
  return { a, delta };
}

function hiddenNorms(d: Mlp) {
  const { a, delta } = deltas(d);
  const H = d.net.W.length - 1;
  return { a, delta, H, norms: delta.slice(0, H).map(norm) };
}

export const mlpLayerSpeedOracle: Oracle<Mlp> = {
  combos: [{ mode: "slowest" }, { mode: "ratio" }],
  expected(d) {
    const { H, norms } = hiddenNorms(d);
    return d.mode === "slowest" ? letter(norms.indexOf(Math.min(...norms))) : (norms[0] as number) / (norms[H - 1] as number);
  },
  mistakes(d): Record<string, AnswerValue> {
    const { a, delta, H, norms } = hiddenNorms(d);
    if (d.mode === "slowest") {
      return {
        "picked-largest": letter(norms.indexOf(Math.max(...norms))),
        "assumed-later-slower": letter(H - 1),
        "assumed-first-slowest": "A",
      };
    }
    const [n1, nH] = [norms[0] as number, norms[H - 1] as number];
    const d1 = delta[0] as number[];
    const dH = delta[H - 1] as number[];
    return {
      inverted: nH / n1,
      "weight-gradient-ratio": (n1 * norm(a[0] as number[])) / (nH * norm(a[H - 1] as number[])),
      "first-components": Math.abs(d1[0] as number) / Math.abs(dH[0] as number),
    };
  },
};
