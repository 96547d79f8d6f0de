import { explodingWindow } from "@/lib/engine/closed-forms";
import type { Rng } from "@/lib/engine/rng";
import { depthStepper } from "@/lib/lab/experiments/depth";
import { type ActivationsSettings, runActivations } from "@/lib/lab/experiments/activations";
import { INIT_DEFAULTS, type InitScheme, measureScheme } from "@/lib/lab/experiments/init";
import { runJacobian } from "@/lib/lab/experiments/jacobian";
import { runRemedies } from "@/lib/lab/experiments/remedies";
import { drawRnn, rnnGradients, SWEEP } from "@/lib/lab/experiments/rnn";
import type { ExperimentId } from "@/lib/lab/experiments/types";
import type { MistakeOf, Solved } from "../../define";
import { letterOf, letters } from "../../kit/choices";
import type { Difficulty } from "../../kit/params";
import type { ExerciseParams } from "../../types";

/**
 * Predictions about the gradient lab (issue 14): each question draws one lab
 * setup from the seed, the lab computes the measured value (lib/lab, the same
 * code as the /lab page), and the learner predicts it as a choice among
 * ranges or among named options, before opening the setup in the lab.
 * Prompts name the setup; `labSetup(d)` gives the lab's experiment and
 * settings, so the card can link to it (see index.ts: labUrl).
 *
 * Lab runs are memoised per setup (a few dozen distinct setups per question),
 * since every draw of the same setup gives the same numbers.
 */

export const QUESTIONS = ["ratio-init", "slowest-trained", "rnn-scale", "window-width", "init-spread", "jacobian-top", "remedy-ratio", "activations-compare"] as const;
export type Question = (typeof QUESTIONS)[number];

export interface Params extends ExerciseParams {
  difficulty: Difficulty;
  question: Question;
}

/** The setup of one question: which lab tab and its settings (every one of them, as the URL carries them). */
export interface Drawn {
  question: Question;
  exp: ExperimentId;
  settings: Record<string, number | string | boolean | string[]>;
  /** What the question looks at within the setup: a scheme, a variant, a weight w. */
  focus: string;
}

export interface Solution extends Solved {
  expected: string;
  /** The options, as TeX (numbers, ranges, symbols: the same in every language). */
  options: string[];
  /** 0-based index of the right option. */
  right: number;
  /** The measured value(s) the verdict rests on, for the worked solution. */
  measured: number[];
}

export type MistakeId = "assumed-steady" | "assumed-last" | "assumed-at-one" | "assumed-widening" | "assumed-relu";

/** Ranges for ratios that span orders of magnitude: edges in powers of ten. */
export const RATIO_EDGES = [2, 10, 100] as const;
export const RATIO_OPTIONS = ["< 2", "2 \\text{ to } 10", "10 \\text{ to } 100", "> 100"];
/** log₁₀ ranges for "orders of magnitude" questions. */
export const LOG_EDGES = [-3, -1, 1, 3] as const;
export const LOG_OPTIONS = ["< -3", "-3 \\text{ to } -1", "-1 \\text{ to } 1", "1 \\text{ to } 3", "> 3"];
/** Scale ranges of the RNN question; the last option: ‖∂C/∂h₀‖ stays ≤ 100 up to scale 4. */
export const SCALE_EDGES = [1, 1.5, 2.5] as const;
export const SCALE_OPTIONS = ["0.1 \\text{ to } 1", "1 \\text{ to } 1.5", "1.5 \\text{ to } 2.5", "2.5 \\text{ to } 4", "\\text{never } (\\le 4)"];
export const WIDTH_EDGES = [0.2, 0.4] as const;
export const WIDTH_OPTIONS = ["0 \\;(\\text{no window})", "0 \\text{ to } 0.2", "0.2 \\text{ to } 0.4", "> 0.4"];
/** A measured value this close to a range's edge (relative) is too close to call: redrawn. */
const EDGE_MARGIN = 0.04;
/** The same for log₁₀ ranges, in decades. */
const LOG_MARGIN = 0.1;

/** Index of the range containing v among ascending edges; null when too close to an edge to call. */
export function rangeOf(v: number, edges: readonly number[], log: boolean): number | null {
  if (!Number.isFinite(v)) return null;
  for (const e of edges) {
    const close = log ? Math.abs(v - e) < LOG_MARGIN : Math.abs(v - e) < EDGE_MARGIN * Math.abs(e);
    if (close) return null;
  }
  return edges.filter((e) => v > e).length;
}

const memo = new Map<string, number[]>();
/** The lab's measurement for one setup, computed once. */
function measure(d: Drawn, compute: () => number[]): number[] {
  const key = `${d.question}|${d.focus}|${JSON.stringify(d.settings)}`;
  let v = memo.get(key);
  if (!v) {
    v = compute();
    if (memo.size > 512) memo.clear();
    memo.set(key, v);
  }
  return v;
}

export const QUESTION_EXPERIMENT: ReadonlyMap<Question, ExperimentId> = new Map<Question, ExperimentId>([
  ["ratio-init", "depth"],
  ["slowest-trained", "depth"],
  ["rnn-scale", "rnn"],
  ["window-width", "window"],
  ["init-spread", "init"],
  ["jacobian-top", "jacobian"],
  ["remedy-ratio", "remedies"],
  ["activations-compare", "activations"],
]);

export function draw(rng: Rng, p: Params): Drawn | null {
  const q = p.question;
  const k = p.difficulty;
  const exp = QUESTION_EXPERIMENT.get(q) as ExperimentId;
  // Seeds 1–3 (1 alone where a setup costs a training run or 1,000-image passes of a deep net): each setup is a lab run, and the oracle redoes it with plain loops.
  const seed = rng.int(1, 3);
  switch (q) {
    case "ratio-init":
      return { question: q, exp, focus: "", settings: { hidden: k + 1, width: rng.pick([20, 30, 40]), eta: 0, init: "nielsen", batch: 10, epochs: 0, compare: false, seed } };
    case "slowest-trained":
      return { question: q, exp, focus: "", settings: { hidden: k + 1, width: 20, eta: 0, init: "nielsen", batch: 32, epochs: 3, compare: false, seed } };
    case "rnn-scale":
      return { question: q, exp, focus: "", settings: { steps: [10, 20, 40][k - 1] as number, hidden: 16, scale: 1, activation: rng.pick(["linear", "relu", "tanh"]), clip: false, threshold: 1, seed } };
    case "window-width":
      return { question: q, exp, focus: "", settings: { w: rng.pick(k === 1 ? [2, 3, 5, 8, 12] : k === 2 ? [4.5, 5, 6, 7, 9, 16] : [3.9, 4.2, 10, 14, 18, 20]) * (rng.next() < 0.5 ? -1 : 1), b: 0, wMax: 20 } };
    case "init-spread": {
      const scheme = rng.pick<InitScheme>(["small", "xavier", "he", "normal"]);
      return { question: q, exp, focus: scheme, settings: { ...INIT_DEFAULTS, depth: [10, 20, 30][k - 1] as number, width: 32, activation: rng.pick(["tanh", "relu"]), schemes: [scheme], batch: 32, seed } };
    }
    case "jacobian-top":
      return { question: q, exp, focus: "", settings: { depth: [3, 6, 12][k - 1] as number, width: 16, activation: rng.pick(["sigmoid", "tanh"]), init: "xavier", gain: rng.pick([0.5, 1, 2, 4]), image: rng.int(0, 9), seed } };
    case "remedy-ratio": {
      const variant = (["plain", "residual", "batchnorm"] as const)[k - 1] as string;
      return { question: q, exp, focus: variant, settings: { depth: 10, width: 32, activation: k === 3 ? "tanh" : "sigmoid", variants: [variant], eta: 0, batch: 32, epochs: 0, seed: 1 } };
    }
    case "activations-compare":
      return { question: q, exp, focus: "", settings: { hidden: [3, 5, 7][k - 1] as number, width: 30, init: "xavier", show: ["sigmoid", "tanh", "relu", "leaky_relu"], eta: 0, batch: 32, epochs: 0, seed: 1 } };
  }
}

/** The setup as the lab's settings object (for labHref). */
export const labSetup = (d: Drawn): { exp: ExperimentId; settings: Drawn["settings"] } => ({ exp: d.exp, settings: d.settings });

const num = (d: Drawn, key: string): number => d.settings[key] as number;
const str = (d: Drawn, key: string): string => d.settings[key] as string;

/** The measured values a question is decided on (memoised). */
export function measured(d: Drawn): number[] {
  return measure(d, () => {
    switch (d.question) {
      case "ratio-init":
      case "slowest-trained": {
        const st = depthStepper({ hidden: num(d, "hidden"), width: num(d, "width"), eta: 0, init: "nielsen", batch: num(d, "batch"), epochs: num(d, "epochs"), compare: false, seed: num(d, "seed") });
        st.step(st.stepsPerEpoch * num(d, "epochs"));
        return st.speeds[st.speeds.length - 1] as number[];
      }
      case "rnn-scale": {
        const draw = drawRnn({ steps: num(d, "steps"), hidden: num(d, "hidden"), seed: num(d, "seed") });
        return SWEEP.map((sc) => rnnGradients(draw, sc, str(d, "activation")).norms[0] as number);
      }
      case "window-width":
        return [explodingWindow(num(d, "w"))?.width ?? 0];
      case "init-spread": {
        const m = measureScheme(d.settings as never, d.focus as InitScheme);
        return [m.speeds[0] as number, m.speeds[m.speeds.length - 1] as number];
      }
      case "jacobian-top":
        return [runJacobian(d.settings as never).facts.sigmaMax ?? Number.NaN];
      case "remedy-ratio": {
        const f = runRemedies(d.settings as never).facts;
        return [f[`${d.focus}.grad1`] ?? Number.NaN, f[`${d.focus}.gradL`] ?? Number.NaN];
      }
      case "activations-compare": {
        const f = runActivations(d.settings as unknown as ActivationsSettings).facts;
        return ["sigmoid", "tanh", "relu", "leaky_relu"].map((a) => f[`${a}.ratio`] ?? Number.NaN);
      }
    }
  });
}

export const ACTIVATION_OPTIONS = ["\\text{sigmoid}", "\\tanh", "\\text{ReLU}", "\\text{leaky ReLU}"];

/** The right option's index from the measured values; null when the draw is too close to call. */
export function decide(d: Drawn, m: readonly number[]): { right: number; options: string[] } | null {
  switch (d.question) {
    case "ratio-init": {
      const r = rangeOf((m[m.length - 1] as number) / (m[0] as number), RATIO_EDGES, false);
      return r === null ? null : { right: r, options: RATIO_OPTIONS };
    }
    case "slowest-trained": {
      let best = 0;
      m.forEach((v, i) => v < (m[best] as number) && (best = i));
      const sorted = [...m].sort((a, b) => a - b);
      if ((sorted[1] as number) < 1.1 * (sorted[0] as number)) return null;
      return { right: best, options: m.map((_, i) => `l = ${i + 1}`) };
    }
    case "rnn-scale": {
      const at = SWEEP.findIndex((_, i) => (m[i] as number) > 100);
      if (at < 0) return { right: SCALE_OPTIONS.length - 1, options: SCALE_OPTIONS };
      const r = rangeOf(SWEEP[at] as number, SCALE_EDGES, false);
      return r === null ? null : { right: r, options: SCALE_OPTIONS };
    }
    case "window-width": {
      const w = m[0] as number;
      if (w === 0) return { right: 0, options: WIDTH_OPTIONS };
      const r = rangeOf(w, WIDTH_EDGES, false);
      return r === null ? null : { right: r + 1, options: WIDTH_OPTIONS };
    }
    case "init-spread":
    case "remedy-ratio": {
      const r = rangeOf(Math.log10((m[0] as number) / (m[1] as number)), LOG_EDGES, true);
      return r === null ? null : { right: r, options: LOG_OPTIONS };
    }
    case "jacobian-top": {
      const r = rangeOf(Math.log10(m[0] as number), LOG_EDGES, true);
      return r === null ? null : { right: r, options: LOG_OPTIONS };
    }
    case "activations-compare": {
      const sorted = [...m].sort((a, b) => b - a);
      if (!((sorted[0] as number) > 1.2 * (sorted[1] as number))) return null;
      return { right: m.indexOf(sorted[0] as number), options: ACTIVATION_OPTIONS };
    }
  }
}

export function solve(d: Drawn): Solution | null {
  const m = measured(d);
  if (!m.every((v) => Number.isFinite(v))) return null;
  const dec = decide(d, m);
  if (!dec) return null;
  const expected = letterOf(dec.right);
  return { answer: { kind: "choice", options: letters(dec.options.length) }, expected, expectedTex: `\\text{${expected}}`, options: dec.options, right: dec.right, measured: m };
}

/** The typical wrong prediction of each question, as an option index (left out when it is the right one). */
export function typicalMistake(d: Drawn, s: Pick<Solution, "options">): { id: MistakeId; index: number } {
  switch (d.question) {
    case "ratio-init":
      return { id: "assumed-steady", index: 0 };
    case "slowest-trained":
      return { id: "assumed-last", index: s.options.length - 1 };
    case "rnn-scale":
      return { id: "assumed-at-one", index: 1 };
    case "window-width":
      return { id: "assumed-widening", index: 3 };
    case "init-spread":
    case "remedy-ratio":
    case "jacobian-top":
      return { id: "assumed-steady", index: 2 };
    case "activations-compare":
      return { id: "assumed-relu", index: 2 };
  }
}

export function mistakes(d: Drawn, s: Solution): MistakeOf<MistakeId>[] | null {
  const t = typicalMistake(d, s);
  return t.index === s.right ? [] : [{ id: t.id, value: letterOf(t.index) }];
}
