/**
 * `npm run bench:lab`: the gradient lab's speed in one thread (what one Web
 * Worker gets), on the 8×8 digits, for 6-hidden-layer × 32 nets trained with
 * minibatches of 32 (issue 14). It measures what the page does, through the
 * same interface the Worker drives (lib/lab/experiments: trainer, step,
 * snapshot):
 *
 *   1. training steps per second for one sigmoid net (the depth tab's
 *      Trainer: gather the batch, forward, backward, update, smooth the
 *      minibatch's per-layer ‖∂C/∂bˡ‖; at each epoch end, Nielsen's speeds
 *      over 1,000 training images and test accuracy), over whole epochs so the
 *      epoch-end work is counted;
 *   2. time from a control change to the first snapshot: build the new
 *      Trainer (draw the net, measure its speeds over 1,000 images and its test
 *      accuracy at initialisation) and take its snapshot, p95;
 *   3. four nets side by side (the activations tab: sigmoid, tanh, ReLU,
 *      leaky ReLU, 6 × 32 each): redraws per second when the Worker trains one
 *      minibatch step on every net between redraws and sends a snapshot. As
 *      agreed in lib/lab/experiments/types.ts, a redraw during training uses
 *      quantities the step computes anyway (the minibatch's per-layer
 *      ‖∂C/∂bˡ‖, smoothed); the 1,000-image speeds, test accuracy and the
 *      histograms are recomputed only for epoch ends, in slices of 48 images
 *      that ride on the steps after one (lib/lab/speeds.ts SlicedMeasure);
 *      a frame settles what is due, steps and peeks, as the worker does. Measured over whole
 *      epochs (the epoch-end frames included) as frames / total time; the
 *      slowest frame (an epoch end) is printed too. Drawing the charts on the
 *      main thread is the page's and is not in this figure;
 *   4. the same four nets on screen: the production server's /lab
 *      activations tab (6 × 32, batch 32) in Chromium, training, and how
 *      many frames a second the tab draws anything new, and each net's live
 *      curve is drawn anew (bench/lab-chromium.ts counts canvas redraws
 *      itself, not trusting the page). A curve stands still in any frame
 *      in which its net did not step, so the second figure is the stricter.
 *      The machine's load average is printed with it: the figure is
 *      the browser's share of a shared machine.
 *
 * Each figure is printed against its target; a missed target sets exit code 1.
 * Figure 4 serves .next/: the bench builds the app first unless --skip-build
 * (run it under `flock /tmp/gradprep-next.lock` where others build in the
 * same tree); --no-browser leaves figure 4 out.
 * Options: --seconds N (2: time spent on each figure; the browser gets 2N)
 * --seed N (1) --port N (3961: the server for figure 4) --screenshot DIR.
 */
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import path from "node:path";
import { positiveIntArg } from "./args";
import { measureChromiumRedraws } from "./lab-chromium";
import type { LabTrainer } from "../components/lab/run";
import { experiment } from "../lib/lab/experiments";
import { labSplit } from "../lib/lab/experiments/depth";

const STEPS_TARGET = 200; // steps/s
const CHANGE_TARGET_MS = 100; // a control change reflected on screen
const SIDE_BY_SIDE_TARGET = 30; // redraws/s with four nets
const HIDDEN = 6;
const WIDTH = 32;
const BATCH = 32;

const seconds = positiveIntArg("--seconds", 2);
const seed = positiveIntArg("--seed", 1);
const port = positiveIntArg("--port", 3961);
const argv = process.argv.slice(2);
const screenshotDir = argv.includes("--screenshot") ? argv[argv.indexOf("--screenshot") + 1] : undefined;

let missed = false;
function report(label: string, value: string, ok: boolean, target: string): void {
  if (!ok) missed = true;
  console.log(`${label.padEnd(60)} ${value.padStart(12)}  target ${target}: ${ok ? "ok" : "MISSED"}`);
}

const percentile = (xs: number[], p: number): number => {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
};

const loadStart = performance.now();
const { train } = labSplit();
console.log(`digits parsed and split in ${(performance.now() - loadStart).toFixed(1)} ms; ${train.count} training images; nets 64-${new Array(HIDDEN).fill(WIDTH).join("-")}-10, batch ${BATCH}`);

const depth = experiment("depth");
const depthSettings = (s: number) => ({ ...depth.defaults, hidden: HIDDEN, width: WIDTH, batch: BATCH, eta: 0.5, seed: s });

// 1. Training steps per second, one net, whole epochs.
{
  const t = depth.trainer!(depthSettings(seed));
  t.step(t.stepsPerEpoch); // warm-up (JIT)
  const start = t.steps;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) t.step(t.stepsPerEpoch);
  const rate = (t.steps - start) / ((performance.now() - t0) / 1000);
  report("training steps per second, one net (Trainer, whole epochs)", rate.toFixed(0), rate >= STEPS_TARGET, `≥ ${STEPS_TARGET}`);
}

// 2. Control change → new Trainer → first snapshot.
{
  const change = (s: number) => depth.trainer!(depthSettings(s)).snapshot();
  for (let s = 0; s < 5; s++) change(1000 + s); // warm-up
  const times: number[] = [];
  const t0 = performance.now();
  for (let s = 0; performance.now() - t0 < seconds * 1000 || times.length < 10; s++) {
    const t = performance.now();
    change(seed + s);
    times.push(performance.now() - t);
  }
  const p95 = percentile(times, 95);
  report(`control change → first snapshot, p95 of ${times.length} (median ${percentile(times, 50).toFixed(1)})`, `${p95.toFixed(1)} ms`, p95 < CHANGE_TARGET_MS, `< ${CHANGE_TARGET_MS} ms`);
}

// 3. Four nets side by side: one step on each net + snapshot per redraw, as the worker takes them while training (settle what is due, step, peek).
{
  const acts = experiment("activations");
  const t = acts.trainer!({ ...acts.defaults, hidden: HIDDEN, width: WIDTH, batch: BATCH, seed }) as LabTrainer;
  const frame = () => {
    while (t.settle?.());
    t.step(1);
    return t.peek ? t.peek() : t.snapshot();
  };
  for (let k = 0; k < t.stepsPerEpoch; k++) frame(); // warm-up: one epoch
  const frames: number[] = [];
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000 || t.steps % t.stepsPerEpoch !== 0) {
    const f = performance.now();
    frame();
    frames.push(performance.now() - f);
  }
  const total = (performance.now() - t0) / 1000;
  const rate = frames.length / total;
  report(
    `four nets side by side: redraws/s (median ${percentile(frames, 50).toFixed(2)} ms, slowest ${Math.max(...frames).toFixed(1)} ms)`,
    rate.toFixed(1),
    rate >= SIDE_BY_SIDE_TARGET,
    `≥ ${SIDE_BY_SIDE_TARGET}/s`,
  );
}

// 4. Four nets side by side in Chromium, on the production server.
if (!argv.includes("--no-browser")) {
  const root = path.resolve(import.meta.dirname, "..");
  if (!argv.includes("--skip-build")) {
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn("npm", ["run", "--silent", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
      child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`npm run build failed (exit ${code})`))));
    });
    console.log(`server: built .next/ in ${((performance.now() - t0) / 1000).toFixed(0)} s, served by npm run serve on 127.0.0.1:${port}, fresh temporary database`);
  } else console.log(`server: .next/ as built before (--skip-build), served by npm run serve on 127.0.0.1:${port}, fresh temporary database`);
  const query = `exp=activations&hidden=${HIDDEN}&width=${WIDTH}&batch=${BATCH}&seed=${seed}`;
  const load = loadavg();
  const r = await measureChromiumRedraws({ port, seconds: 2 * seconds, query, screenshotDir });
  const loadAfter = loadavg();
  // A net that diverged has stopped training: its curve rightly stands still, so it is left out of the speed figure (and named).
  const rates = [...r.perChart].filter(([id]) => !r.diverged.includes(id.replace("gradHistory-", ""))).map(([, v]) => v);
  const worst = r.perChart.size === 4 && rates.length > 0 ? Math.min(...rates) : 0;
  console.log(
    `Chromium, /lab?${query}, ${r.seconds.toFixed(1)} s of training: per net ${[...r.perChart].map(([id, v]) => `${id.replace("gradHistory-", "")} ${v.toFixed(1)}`).join(", ")}; ` +
      `screen ${r.fps.toFixed(0)} frames/s; ${r.stepsPerSecond.toFixed(0)} steps/s (each of 4 nets); long tasks ${r.longTasks} (longest ${r.longestMs.toFixed(0)} ms); ` +
      `load average ${load[0]!.toFixed(2)} before, ${loadAfter[0]!.toFixed(2)} after` +
      (r.diverged.length ? `; diverged (stopped training, left out of the slowest-net figure): ${r.diverged.join(", ")}` : ""),
  );
  report("four nets side by side in Chromium: frames/s with any chart redrawn", r.anyChart.toFixed(1), r.anyChart >= SIDE_BY_SIDE_TARGET, `≥ ${SIDE_BY_SIDE_TARGET}/s`);
  report("four nets side by side in Chromium: live-curve redraws/s (slowest net)", worst.toFixed(1), worst >= SIDE_BY_SIDE_TARGET, `≥ ${SIDE_BY_SIDE_TARGET}/s`);
}

if (missed) process.exitCode = 1;
