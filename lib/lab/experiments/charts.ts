import { type Stepper } from "../stepper";
import { range1, series } from "./define";
import { type Chart, type Series } from "./types";

/** "l=1" … "l=n": the series names for per-layer curves. */
export const layerName = (l: number): string => `l=${l}`;

/** Per-layer bars (x = layer 1..n) of one or more named vectors. */
export function perLayerChart(id: string, yQuantity: string, named: readonly { name: string; values: readonly number[] }[], kind: Chart["kind"] = "line"): Chart {
  return {
    id,
    x: { quantity: "layer" },
    y: { quantity: yQuantity, log: true },
    kind,
    // A log axis cannot show 0: those layers are left out of the curve (their gradient is exactly 0).
    series: named.map(({ name, values }) => {
      const xs = range1(values.length).filter((_, i) => (values[i] as number) > 0);
      return series(name, xs, xs.map((x) => values[x - 1] as number));
    }),
  };
}

/** The smoothed minibatch gradient norm of each layer against fractional epoch. */
export function historyChart(id: string, st: Stepper, prefix = ""): Chart {
  const h = st.history;
  return {
    id,
    x: { quantity: "epoch" },
    y: { quantity: "gradNorm", log: true },
    kind: "line",
    series: h.norms.map((row, l) => series(`${prefix}${layerName(l + 1)}`, h.t, row)),
  };
}

/** Full-sample speeds at each epoch end, one series per layer. */
export function epochSpeedsChart(id: string, st: Stepper): Chart {
  const epochs = st.speeds.map((_, e) => e);
  const layers = st.speeds[0]?.length ?? 0;
  const out: Series[] = [];
  for (let l = 0; l < layers; l++) out.push(series(layerName(l + 1), epochs, st.speeds.map((s) => s[l] as number)));
  return { id, x: { quantity: "epoch" }, y: { quantity: "speed", log: true }, kind: "line", series: out };
}

/** Index of the smallest entry (first on ties). */
export function argMin(xs: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if ((xs[i] as number) < (xs[best] as number)) best = i;
  return best;
}
