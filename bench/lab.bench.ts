/**
 * `npm run bench:lab`: the gradient lab's speed in one thread (what one Web
 * Worker gets), on the 8×8 digits, for a 6-hidden-layer × 32 sigmoid net
 * trained with minibatches of 32 (issue 14):
 *
 *   1. training steps per second (one step: gather the batch, forward,
 *      backward, update), over whole epochs of lib/lab's trainEpoch;
 *   2. time to recompute the per-layer speeds after a control change: draw a
 *      new net (the change) and run layerSpeeds over the first 1,000 training
 *      images, which is the work the page redoes before it can redraw;
 *   3. the same for four nets side by side, as redraws per second.
 *
 * Each figure is printed against its target; a missed target sets exit code 1.
 * Options: --seconds N (2: time spent on each of 1 and 2) --seed N (1).
 */
import { parseArgs } from "node:util";
import { createRng } from "../lib/engine";
import { labNetwork, layerSpeeds, splitDigits, trainEpoch } from "../lib/lab";
import { loadDigits } from "../lib/lab/load-digits";

const STEPS_TARGET = 200; // steps/s
const CHANGE_TARGET_MS = 100; // a control change reflected on screen
const SIDE_BY_SIDE_TARGET = 30; // redraws/s with four nets
const HIDDEN = 6;
const WIDTH = 32;
const BATCH = 32;

const { values } = parseArgs({ options: { seconds: { type: "string", default: "2" }, seed: { type: "string", default: "1" } } });
const seconds = Number(values.seconds);
const seed = Number(values.seed);

let missed = false;
function report(label: string, value: string, ok: boolean, target: string): void {
  if (!ok) missed = true;
  console.log(`${label.padEnd(52)} ${value.padStart(12)}  target ${target}: ${ok ? "ok" : "MISSED"}`);
}

const percentile = (xs: number[], p: number): number => {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
};

const loadStart = performance.now();
const { train } = splitDigits(loadDigits(), 1);
console.log(`digits parsed and split in ${(performance.now() - loadStart).toFixed(1)} ms; ${train.count} training images; net 64-${new Array(HIDDEN).fill(WIDTH).join("-")}-10 sigmoid, batch ${BATCH}`);

// 1. Training steps per second.
{
  const rng = createRng(seed);
  const net = labNetwork(rng, { hidden: HIDDEN, width: WIDTH });
  trainEpoch(net, train, rng, { eta: 0.5, batchSize: BATCH }); // warm-up (JIT)
  const perEpoch = Math.floor(train.count / BATCH);
  let steps = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    trainEpoch(net, train, rng, { eta: 0.5, batchSize: BATCH });
    steps += perEpoch;
  }
  const rate = steps / ((performance.now() - t0) / 1000);
  report("training steps per second (one thread)", rate.toFixed(0), rate >= STEPS_TARGET, `≥ ${STEPS_TARGET}`);
}

// 2. and 3. Recompute the per-layer speeds after a control change.
{
  const change = (s: number) => layerSpeeds(labNetwork(createRng(s), { hidden: HIDDEN, width: WIDTH }), train);
  for (let s = 0; s < 5; s++) change(1000 + s); // warm-up
  const times: number[] = [];
  const t0 = performance.now();
  for (let s = 0; performance.now() - t0 < seconds * 1000 || times.length < 10; s++) {
    const t = performance.now();
    change(seed + s);
    times.push(performance.now() - t);
  }
  const p95 = percentile(times, 95);
  report(`control change → new speeds, p95 of ${times.length} (median ${percentile(times, 50).toFixed(1)})`, `${p95.toFixed(1)} ms`, p95 < CHANGE_TARGET_MS, `< ${CHANGE_TARGET_MS} ms`);

  const four: number[] = [];
  for (let s = 0; s < 20; s++) {
    const t = performance.now();
    for (let k = 0; k < 4; k++) change(seed + 4 * s + k);
    four.push(performance.now() - t);
  }
  const rate = 1000 / percentile(four, 95);
  report(`four nets side by side: recomputes/s (p95 ${percentile(four, 95).toFixed(1)} ms)`, rate.toFixed(1), rate >= SIDE_BY_SIDE_TARGET, `≥ ${SIDE_BY_SIDE_TARGET}/s`);
}

if (missed) process.exitCode = 1;
