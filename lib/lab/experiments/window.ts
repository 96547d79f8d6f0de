import { explodingWindow, sigmoidPrime } from "../../engine";
import { defineExperiment, finiteFacts, series } from "./define";
import { type Chart, type Control } from "./types";

/**
 * Exploding window (seed 000): for one sigmoid unit, |w σ′(wx+b)| against x,
 * with the interval of x where it is ≥ 1 shaded, and that interval's width
 * against |w|, whose maximum (≈ 0.45 at |w| ≈ 6.9) is marked.
 *
 * Charts: "window" (x: "input", y: "gain"; series "|wσ′|", line "1"),
 * "windowWidth" (x: "weight", y: "width"; series "width"; mark "max").
 * Facts: lo, hi, width (0 when |w| < 4, and then lo/hi are absent),
 * peakGain (= |w|/4), maxWidth, wAtMax.
 */
export interface WindowSettings {
  w: number;
  b: number;
  /** Right end of the width-vs-|w| curve. */
  wMax: number;
}

export const WINDOW_DEFAULTS: WindowSettings = { w: 8, b: 0, wMax: 20 };

const CONTROLS: readonly Control[] = [
  { key: "w", kind: "number", min: -20, max: 20, step: 0.1 },
  { key: "b", kind: "number", min: -10, max: 10, step: 0.1 },
  { key: "wMax", kind: "number", min: 5, max: 50, step: 1 },
];

const POINTS = 401;

/** Golden-section search for the |w| that maximises the window's width (unimodal on (4, ∞)). */
export function widestWindow(): { w: number; width: number } {
  const widthAt = (w: number) => explodingWindow(w)?.width ?? 0;
  let lo = 4;
  let hi = 50;
  const g = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 100; i++) {
    const a = hi - g * (hi - lo);
    const c = lo + g * (hi - lo);
    if (widthAt(a) < widthAt(c)) lo = a;
    else hi = c;
  }
  const w = (lo + hi) / 2;
  return { w, width: widthAt(w) };
}

export function runWindow(s: WindowSettings) {
  const { w, b } = s;
  const win = explodingWindow(w, b);
  // Centre the x range on the unit's steepest point, −b/w, wide enough to show the tails.
  const centre = w === 0 ? 0 : -b / w;
  const half = Math.max(1, w === 0 ? 5 : 6 / Math.abs(w));
  const xs = Array.from({ length: POINTS }, (_, i) => centre - half + (2 * half * i) / (POINTS - 1));
  const gain = xs.map((x) => Math.abs(w * sigmoidPrime(w * x + b)));
  const ws = Array.from({ length: POINTS }, (_, i) => (s.wMax * i) / (POINTS - 1));
  const widths = ws.map((v) => explodingWindow(v)?.width ?? 0);
  const best = widestWindow();
  const charts: Chart[] = [
    {
      id: "window",
      x: { quantity: "input" },
      y: { quantity: "gain" },
      kind: "line",
      series: [series("|wσ′|", xs, gain), series("1", [xs[0] as number, xs[POINTS - 1] as number], [1, 1])],
      shade: win ? [{ from: win.lo, to: win.hi }] : [],
    },
    {
      id: "windowWidth",
      x: { quantity: "weight" },
      y: { quantity: "width" },
      kind: "line",
      series: [series("width", ws, widths)],
      marks: best.w <= s.wMax ? [{ x: best.w, y: best.width, name: "max" }] : [],
    },
  ];
  const facts: Record<string, number> = { width: win?.width ?? 0, peakGain: Math.abs(w) / 4, maxWidth: best.width, wAtMax: best.w };
  if (win) {
    facts.lo = win.lo;
    facts.hi = win.hi;
  }
  return { charts, facts: finiteFacts(facts) };
}

export const windowExperiment = defineExperiment<WindowSettings>({ id: "window", defaults: WINDOW_DEFAULTS, controls: CONTROLS, run: runWindow });
