import { SWEEP } from "@/lib/lab/experiments/rnn";
import { letterOf } from "../../kit/choices";
import { ACTIVATION_OPTIONS, LOG_EDGES, type Drawn, RATIO_EDGES, SCALE_EDGES, type Solution, WIDTH_EDGES } from "./model";
import { n3, setting } from "./tex";

/**
 * A prediction beside the lab's measurement, for the page to show once the
 * answer is final: which option was guessed, what the lab measured (as TeX,
 * the same in every language) and how far the measurement lies from the
 * guess, in the question's own unit. Pure: the server builds it from the
 * instance it rebuilt from the seed, the page puts it into words.
 */
export interface PredictionComparison {
  /** The guessed option (0-based) and its label as TeX; null when no guess was accepted (revealed without one). */
  guess: { index: number; letter: string; optionTex: string } | null;
  right: { index: number; letter: string; optionTex: string };
  /** The measured quantity as TeX, e.g. `\Delta x = 0.431`. */
  measuredTex: string;
  /** The number the verdict rests on (the ratio, the width, the scale, the log₁₀ …); null where there is none (no explosion up to scale 4). */
  measuredValue: number | null;
  /** How far apart; null when the guess is right or when no number says it (e.g. "never" against a scale). */
  gap: PredictionGap | null;
}

/**
 * factor — the measurement is `value` times beyond the guessed range (ranges of ratios);
 * difference — it lies `value` beyond the guessed range, in the question's unit;
 * slower — the guessed layer's speed is `value` times the slowest layer's;
 * larger — the largest ratio is `value` times the guessed activation's.
 */
export type PredictionGap =
  | { kind: "factor" | "difference"; side: "above" | "below"; value: number; unit: "ratio" | "log10" | "scale" | "width" }
  | { kind: "slower" | "larger"; value: number };

type Range = readonly [lo: number, hi: number];

/** The option ranges of ascending edges: (−∞, e₀], (e₀, e₁], …, (eₙ, ∞). */
const between = (edges: readonly number[], below = -Infinity): Range[] => [below, ...edges].map((lo, i) => [lo, edges[i] ?? Infinity] as const);

/** How far `q` lies outside [lo, hi]; null when inside or on an edge (nothing to say). */
function rangeGap(q: number, [lo, hi]: Range, kind: "factor" | "difference", unit: "ratio" | "log10" | "scale" | "width"): PredictionGap | null {
  const side = q > hi ? "above" : q < lo ? "below" : null;
  if (!side) return null;
  const value = kind === "factor" ? (side === "above" ? q / hi : lo / q) : side === "above" ? q - hi : lo - q;
  return value > 0 && Number.isFinite(value) ? { kind, side, value, unit } : null;
}

/** The scale at which ‖∂C/∂h₀‖ first exceeds 100 in the lab's sweep; null when it never does. */
function explodesAt(m: readonly number[]): number | null {
  const at = SWEEP.findIndex((_, i) => (m[i] as number) > 100);
  return at < 0 ? null : (SWEEP[at] as number);
}

/** The comparison for a guessed option index (null: no accepted guess); an index past the options counts as no guess. */
export function comparePrediction(d: Drawn, s: Solution, guessIndex: number | null): PredictionComparison {
  const m = s.measured;
  const option = (index: number) => ({ index, letter: letterOf(index), optionTex: s.options[index] as string });
  const g = guessIndex !== null && Number.isInteger(guessIndex) && guessIndex >= 0 && guessIndex < s.options.length ? guessIndex : null;
  const base = { guess: g === null ? null : option(g), right: option(s.right) };
  const wrong = g !== null && g !== s.right ? g : null;
  const first = m[0] as number;
  const last = m[m.length - 1] as number;
  switch (d.question) {
    case "ratio-init": {
      const q = last / first;
      const L = setting(d, "hidden");
      return { ...base, measuredTex: `\\lVert \\partial C/\\partial b^{${L}} \\rVert \\,/\\, \\lVert \\partial C/\\partial b^1 \\rVert = ${n3(q)}`, measuredValue: q, gap: wrong === null ? null : rangeGap(q, between(RATIO_EDGES, 0)[wrong] as Range, "factor", "ratio") };
    }
    case "slowest-trained": {
      const v = m[s.right] as number;
      return {
        ...base,
        measuredTex: `l = ${s.right + 1}:\\ \\lVert \\partial C/\\partial b^{${s.right + 1}} \\rVert = ${n3(v)}`,
        measuredValue: v,
        gap: wrong === null ? null : { kind: "slower", value: (m[wrong] as number) / v },
      };
    }
    case "rnn-scale": {
      const at = explodesAt(m);
      const ranges: Range[] = [[SWEEP[0] as number, SCALE_EDGES[0]], [SCALE_EDGES[0], SCALE_EDGES[1]], [SCALE_EDGES[1], SCALE_EDGES[2]], [SCALE_EDGES[2], SWEEP[SWEEP.length - 1] as number]];
      const range = wrong === null ? undefined : ranges[wrong];
      return {
        ...base,
        measuredTex: at === null ? `\\max \\lVert \\partial C/\\partial h_0 \\rVert = ${n3(Math.max(...m))} \\le 100` : `\\lVert \\partial C/\\partial h_0 \\rVert > 100 \\text{ at scale } ${at}`,
        measuredValue: at,
        // "never" against a scale has no distance in scale units.
        gap: at === null || !range ? null : rangeGap(at, range, "difference", "scale"),
      };
    }
    case "window-width": {
      const ranges: Range[] = [[0, 0], ...between(WIDTH_EDGES, 0)];
      return { ...base, measuredTex: `\\Delta x = ${n3(first)}`, measuredValue: first, gap: wrong === null ? null : rangeGap(first, ranges[wrong] as Range, "difference", "width") };
    }
    case "init-spread":
    case "remedy-ratio": {
      const q = Math.log10(first / last);
      const p = d.question === "remedy-ratio" ? "W" : "b";
      return {
        ...base,
        measuredTex: `\\log_{10}\\!\\big(\\lVert \\partial C/\\partial ${p}^1 \\rVert \\,/\\, \\lVert \\partial C/\\partial ${p}^{L} \\rVert\\big) = ${n3(q)}`,
        measuredValue: q,
        gap: wrong === null ? null : rangeGap(q, between(LOG_EDGES)[wrong] as Range, "difference", "log10"),
      };
    }
    case "jacobian-top": {
      const q = Math.log10(first);
      return { ...base, measuredTex: `\\log_{10} \\sigma_{\\max} = ${n3(q)}`, measuredValue: q, gap: wrong === null ? null : rangeGap(q, between(LOG_EDGES)[wrong] as Range, "difference", "log10") };
    }
    case "activations-compare": {
      const v = m[s.right] as number;
      return {
        ...base,
        measuredTex: `${ACTIVATION_OPTIONS[s.right]}:\\ \\lVert \\partial C/\\partial b^{${setting(d, "hidden")}} \\rVert \\,/\\, \\lVert \\partial C/\\partial b^1 \\rVert = ${n3(v)}`,
        measuredValue: v,
        gap: wrong === null ? null : { kind: "larger", value: v / (m[wrong] as number) },
      };
    }
  }
}
