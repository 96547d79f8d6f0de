/// <reference lib="webworker" />
/**
 * The lab's Web Worker: every experiment runs here, on lib/lab and
 * lib/engine, so the page's controls stay responsive while a net trains.
 *
 * Coalescing: a slider sends a configure message per tick; the worker keeps
 * only the newest one and computes it on the next turn of its event loop, so
 * a burst of ticks costs one computation, not a queue of stale ones.
 * Training runs in slices of about SLICE_MS, with a rest of REST × the slice
 * in between (a turn of the event loop) so that pause, new settings and the page's "received" are read at
 * once. A snapshot goes out after a slice only when FRAME_MS have passed
 * since the last and the page has received all but IN_FLIGHT − 1 of those
 * sent: at most one per screen frame, never more than the page takes in, so
 * none waits long in a queue. Charts go packed, and those unchanged since the last
 * snapshot by id only (chart-data.ts).
 */
import type { ExperimentResult } from "@/lib/lab/experiments/types";
import { ChartSender } from "./chart-data";
import type { FromWorker, ToWorker, TrainingState } from "./protocol";
import { checkChallenges, type LabTrainer, makeTrainer, runExperiment } from "./run";

declare const self: DedicatedWorkerGlobalScope;

/** Training between looks at the message queue. */
const SLICE_MS = 12;
/** Least time between two training snapshots: at most one per screen frame (60 a second). Epoch ends no longer stop the curves (the activations tab measures them in slices that ride on the steps), so every snapshot has moved every net. */
const FRAME_MS = 16;
/**
 * Snapshots that may be on their way at once: two, so that the next is
 * computed while the page takes in the last (one at a time, the round trip
 * through a busy main thread set the pace); never more, so none queue up.
 */
const IN_FLIGHT = 2;
/**
 * After a slice of t ms the worker rests REST·t ms (it trains at most half
 * the time). On a 2-core machine a worker that never rests takes a core from
 * the page's main, raster and compositor threads, and the screen, not the
 * training, sets how often the curves move. bench:lab, back to back on this
 * machine: rest 0: 22 live-curve redraws/s (167 steps/s per net); rest 0.5:
 * 25–29 (160–187); rest 1: 30 (120), screen 41 frames/s.
 */
const REST = 1;
/** A page that has not said "received" for this long gets the next snapshot anyway (it drops a snapshot of settings it has since changed, unanswered). */
const ACK_WAIT_MS = 1000;

let pending: Extract<ToWorker, { type: "configure" }> | null = null;
let scheduled = false;
let current: Omit<Extract<ToWorker, { type: "configure" }>, "type"> | null = null;
let trainer: LabTrainer | null = null;
let playing = false;
let rate = 0;
let looping = false;
const sender = new ChartSender();
/** Snapshots sent and not yet received by the page. */
let inFlight = 0;
let postedAt = 0;
/** Steps and time at the last training snapshot, for `rate`. */
let rateFrom = { t: 0, steps: 0 };

const post = (m: FromWorker) => self.postMessage(m);

function training(): TrainingState | null {
  return trainer ? { epoch: trainer.epoch, steps: trainer.steps, playing, rate: playing ? Math.round(rate) : 0 } : null;
}

function postResult(result: ExperimentResult, ms: number) {
  if (!current) return;
  let challenges: ReturnType<typeof checkChallenges> = [];
  try {
    challenges = checkChallenges(current.exp, current.challenges, new URLSearchParams(current.query), result);
  } catch (err) {
    console.error("lab: a challenge checker failed", err);
  }
  post({ type: "result", seq: current.seq, exp: current.exp, result: { charts: sender.wire(result.charts), facts: result.facts }, training: training(), challenges, ms });
  inFlight++;
  postedAt = performance.now();
}

/** `soFar`: while training, what is measured so far (an epoch end part-measured shows the epoch before for the rest); otherwise everything, settled. */
function snapshot(ms: number, soFar = false) {
  if (!current || !trainer) return;
  postResult(soFar && trainer.peek ? trainer.peek() : trainer.snapshot(), ms);
}

function configure(msg: Extract<ToWorker, { type: "configure" }>) {
  const t0 = performance.now();
  current = { seq: msg.seq, exp: msg.exp, query: msg.query, challenges: msg.challenges };
  sender.reset();
  inFlight = 0;
  try {
    trainer = makeTrainer(msg.exp, new URLSearchParams(msg.query));
    if (trainer) {
      snapshot(performance.now() - t0);
      if (playing) loop();
      return;
    }
    playing = false;
    postResult(runExperiment(msg.exp, new URLSearchParams(msg.query)), performance.now() - t0);
  } catch (err) {
    trainer = null;
    playing = false;
    post({ type: "error", seq: msg.seq, message: err instanceof Error ? err.message : String(err) });
  }
}

function loop() {
  if (looping) return;
  looping = true;
  rateFrom = { t: performance.now(), steps: trainer?.steps ?? 0 };
  let busyMs = 0;
  const slice = () => {
    if (!playing || !trainer || pending) {
      looping = false;
      return;
    }
    const t0 = performance.now();
    // A slice ends early when the next snapshot is due, so snapshots keep FRAME_MS and are not rounded up to whole slices.
    const end = inFlight < IN_FLIGHT ? Math.min(t0 + SLICE_MS, Math.max(postedAt + FRAME_MS, t0 + 1)) : t0 + SLICE_MS;
    try {
      // What is left of an epoch end for a snapshot goes one piece per turn (settle); the measuring itself rides on the steps.
      do if (!trainer.settle?.()) trainer.step(1);
      while (performance.now() < end);
    } catch (err) {
      playing = false;
      looping = false;
      post({ type: "error", seq: current?.seq ?? 0, message: err instanceof Error ? err.message : String(err) });
      return;
    }
    const now = performance.now();
    busyMs += now - t0;
    if ((inFlight < IN_FLIGHT && now - postedAt >= FRAME_MS) || now - postedAt >= ACK_WAIT_MS) {
      rate = ((trainer.steps - rateFrom.steps) * 1000) / Math.max(1, now - rateFrom.t);
      rateFrom = { t: now, steps: trainer.steps };
      snapshot(busyMs, true);
      busyMs = 0;
    }
    setTimeout(slice, REST * (now - t0));
  };
  setTimeout(slice, 0);
}

function flush() {
  scheduled = false;
  const msg = pending;
  pending = null;
  if (msg) configure(msg);
}

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  switch (msg.type) {
    case "configure":
      pending = msg;
      if (!scheduled) {
        scheduled = true;
        setTimeout(flush, 0);
      }
      return;
    case "play":
      if (!trainer) return;
      playing = true;
      loop();
      return;
    case "pause":
      playing = false;
      snapshot(0);
      return;
    case "step":
      if (!trainer) return;
      playing = false;
      trainer.step(Math.max(1, Math.min(1000, Math.floor(msg.n))));
      snapshot(0);
      return;
    case "reset":
      playing = false;
      if (current) configure({ type: "configure", ...current });
      return;
    case "received":
      if (msg.seq === current?.seq) inFlight = Math.max(0, inFlight - 1);
      return;
  }
};
