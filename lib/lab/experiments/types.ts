/**
 * The gradient lab's interface between lib/lab (pure maths, owned by
 * lab-compute) and the /lab page + its Web Worker (owned by lab-ui).
 *
 * Contract, in short:
 * - Every experiment is an `ExperimentDef<S>`: `defaults`, a table of
 *   `controls` (one per setting, with bounds), `fromQuery`/`toQuery` for the
 *   URL, `run(settings)` for a complete, deterministic result, and, for the
 *   three that train (depth, activations, remedies), `trainer(settings)`.
 * - lib/lab returns numbers and language-neutral names only, never sentences.
 *   `Chart.id`, `Axis.quantity`, `Control.key`, `Series.name` are either a
 *   symbol to show as is ("l=1", "sigmoid", "σ₁", "T=20") or a key that
 *   lab-ui looks up in lib/i18n/messages/lab.ts with `Object.hasOwn` on its
 *   own table. Keys used: see each experiment module's `charts` doc comment.
 * - Settings in the URL: `/lab?exp=<ExperimentId>&<toQuery(settings)>`.
 *   Every setting has one query parameter named by its `Control.key`;
 *   missing parameters take the default. `fromQuery` is strict (throws
 *   `LabError` whose `field` names the parameter), `readQuery` is lenient
 *   (keeps the default for a bad parameter and lists the problem), so a
 *   hand-edited link never puts NaN in a chart. Neither builds a RegExp or
 *   indexes an object with a string from the URL.
 * - Seeded: the same settings give the same numbers, bit for bit, on every
 *   platform (xoshiro128** from lib/engine).
 *
 * Training (the Worker drives it):
 *   const t = def.trainer(settings);        // builds the nets, measures epoch 0
 *   loop: t.step(k); post(t.snapshot());    // k chosen to fill ~16 ms
 * `step(n)` runs n minibatch SGD steps on every net the experiment trains.
 * The cheap per-step quantities (each net's per-layer ‖∂C/∂bˡ‖ of the current
 * minibatch, smoothed by an exponential moving average with factor 0.9) are
 * updated inside the training step at no extra cost. The expensive ones (the
 * per-layer speeds over the first 1,000 training images, as Nielsen measures
 * them, and test accuracy) are recomputed only when a step crosses an epoch
 * boundary, inside that `step` call. `snapshot()` allocates only the chart
 * arrays (O(layers × points)); the page may redraw from it every frame.
 * `bench/lab.bench.ts` measures exactly this cycle. A fresh Trainer has
 * already measured epoch 0, so `snapshot()` right after construction is what
 * the page shows after a control change (nothing trained yet). A Trainer never
 * stops by itself: `epochs` is for `run`; the page decides when to pause.
 * If training overflows, the Trainer stops stepping and facts carry
 * `diverged: 1` (depth) or `<variant>.diverged: 1` (remedies).
 */

export type ExperimentId = "depth" | "activations" | "init" | "remedies" | "jacobian" | "rnn" | "window";

export const EXPERIMENT_IDS: readonly ExperimentId[] = ["depth", "activations", "init", "remedies", "jacobian", "rnn", "window"];

/** The query parameter that names the experiment in a /lab URL. */
export const EXPERIMENT_PARAM = "exp";

/** One curve or set of bars. `x` and `y` have the same length; every number is finite (non-finite values are dropped, never plotted). */
export interface Series {
  name: string;
  x: number[];
  y: number[];
}

export interface Axis {
  /** A message key for the quantity and its unit, e.g. "layer", "gradNorm". */
  quantity: string;
  log?: boolean;
  /** A fixed range (linear axes), e.g. [0, 1] for accuracy, so that a small difference is not drawn as a large one. */
  range?: [number, number];
}

export interface Chart {
  /** Stable within an experiment, e.g. "speeds", "hist-a-tanh"; also a message key for the chart's title. */
  id: string;
  x: Axis;
  y: Axis;
  series: Series[];
  kind: "line" | "points" | "bars";
  /** x-intervals to shade (e.g. the exploding window). */
  shade?: { from: number; to: number }[];
  /** Points to mark and label (e.g. the maximum width near |w| ≈ 6.9). */
  marks?: { x: number; y: number; name: string }[];
}

export interface ExperimentResult {
  charts: Chart[];
  /**
   * The numbers that predictions and challenges are scored on, finite only.
   * Names are stable identifiers (e.g. "ratio41", "slowestLayer", "eigMax");
   * each module documents its own.
   */
  facts: Record<string, number>;
}

/**
 * One setting, as the page should render its control. `key` is also the
 * query parameter and a message key (lab.setting.<key>).
 * - int: an integer min..max (a slider or a number field);
 * - number: a real min..max; `log` means a log-scale slider;
 * - choice: one of `options` (option values are message keys or symbols);
 * - flag: true/false, in the URL as 1/0;
 * - set: any non-empty subset of `options`, in the URL comma-separated.
 */
export type Control =
  | { key: string; kind: "int"; min: number; max: number }
  | { key: string; kind: "number"; min: number; max: number; log?: boolean; step?: number }
  | { key: string; kind: "choice"; options: readonly string[] }
  | { key: string; kind: "flag" }
  | { key: string; kind: "set"; options: readonly string[] };

export type SettingValue = number | string | boolean | readonly string[];

/** A bad query parameter: `field` is the parameter's name, `message` says what was expected (English, for logs and the CLI). */
export interface SettingProblem {
  field: string;
  message: string;
}

export interface ExperimentDef<S> {
  id: ExperimentId;
  defaults: S;
  controls: readonly Control[];
  /** Strict: throws LabError(field, …) on the first bad parameter; unknown parameters (including `exp`) are ignored. */
  fromQuery(q: URLSearchParams): S;
  /** Lenient: a bad parameter keeps its default and is listed in `problems`. */
  readQuery(q: URLSearchParams): { settings: S; problems: SettingProblem[] };
  /** Every setting, including those equal to the default, in the order of `controls`. */
  toQuery(s: S): URLSearchParams;
  /** Validates (throws LabError naming the field) and computes the whole result. For training experiments this trains `epochs` epochs first. */
  run(s: S): ExperimentResult;
  /** Only depth, activations and remedies. */
  trainer?(s: S): Trainer;
}

/** For training experiments: the stepping API the Worker drives (see the file's doc comment). */
export interface Trainer {
  step(n: number): void;
  snapshot(): ExperimentResult;
  /** Completed epochs. */
  readonly epoch: number;
  /** Completed minibatch steps, over all epochs. */
  readonly steps: number;
  /** Minibatch steps in one epoch. */
  readonly stepsPerEpoch: number;
}

/**
 * Break-it challenges, checked by lib/lab/experiments/challenges.ts:
 * `checkChallenge(id, settings, result)` → `{ solved, measured }`, pure, over
 * the settings of `CHALLENGES[i].experiment` and the result `run` (or a
 * trainer's snapshot) gave for them. Remembering solved ones is lab-ui's.
 * - vanish: in the init experiment, make layer 1's gradient norm fall below
 *   1e-6 with depth ≤ 10 (measured: the smallest layer-1 ‖∂C/∂a¹‖ among the
 *   schemes shown);
 * - explodeThenClip: in the rnn experiment with ≥ 20 steps, make ‖∂C/∂h₀‖
 *   exceed 100 with clipping off (stage 1, remembered by the page), then
 *   stop it with exactly one change of setting: clipping on, or h0 ≤ 100
 *   (measured: h0; the rules are explode-then-clip.ts's, and checkChallenge
 *   takes the remembered setup as its fourth argument);
 * - edgeOfChaos: in the init experiment, 30+ tanh layers, find a "scaled"
 *   weight scale where the largest and smallest per-layer gradient norms are
 *   within a factor of 10 (measured: that factor).
 */
export type ChallengeId = "vanish" | "explodeThenClip" | "edgeOfChaos";

export interface ChallengeCheck {
  solved: boolean;
  /** The number the verdict is based on (see ChallengeId's doc); NaN never, Infinity when a net overflowed. */
  measured: number;
}

/**
 * Prediction cards are live exercises: generator `lab-predict`
 * (lib/exercises/generators/lab-predict), param `question`. The instance
 * itself has the usual ExerciseInstance shape; its lab setup's link is
 * `labUrl(instance)` exported from that generator's index.ts (null for other
 * generators), which redraws the setup from the instance's seed and params
 * and returns `labHref(exp, settings)` (lib/lab/experiments/index.ts).
 * Challenges start from `CHALLENGE_START` (challenges.ts), unsolved there.
 */
