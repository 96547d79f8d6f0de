/// <reference lib="webworker" />
/**
 * The lab's Web Worker: every experiment runs here, on lib/lab and
 * lib/engine, so the page's controls stay responsive while a net trains.
 *
 * Coalescing: a slider sends a configure message per tick; the worker keeps
 * only the newest one and computes it on the next turn of its event loop, so
 * a burst of ticks costs one computation, not a queue of stale ones.
 * Training runs in slices of about SLICE_MS (one frame), each followed by a snapshot, with
 * a turn of the event loop in between so that pause and new settings are
 * read at once.
 */
import type { ExperimentResult, Trainer } from "@/lib/lab/experiments/types";
import type { FromWorker, ToWorker, TrainingState } from "./protocol";
import { checkChallenges, makeTrainer, runExperiment } from "./run";

declare const self: DedicatedWorkerGlobalScope;

/** Training per snapshot: about 30 snapshots a second, the redraw target (lib/lab types.ts suggests ~16 ms; on this machine that cost a third of the steps for no more redraws). */
const SLICE_MS = 33;

let pending: Extract<ToWorker, { type: "configure" }> | null = null;
let scheduled = false;
let current: Omit<Extract<ToWorker, { type: "configure" }>, "type"> | null = null;
let trainer: Trainer | null = null;
let playing = false;
let rate = 0;
let looping = false;

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
  post({ type: "result", seq: current.seq, exp: current.exp, result, training: training(), challenges, ms });
}

function snapshot(ms: number) {
  if (!current || !trainer) return;
  postResult(trainer.snapshot(), ms);
}

function configure(msg: Extract<ToWorker, { type: "configure" }>) {
  const t0 = performance.now();
  current = { seq: msg.seq, exp: msg.exp, query: msg.query, challenges: msg.challenges };
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
  const slice = () => {
    if (!playing || !trainer || pending) {
      looping = false;
      return;
    }
    const t0 = performance.now();
    const before = trainer.steps;
    try {
      do trainer.step(1);
      while (performance.now() - t0 < SLICE_MS);
    } catch (err) {
      playing = false;
      looping = false;
      post({ type: "error", seq: current?.seq ?? 0, message: err instanceof Error ? err.message : String(err) });
      return;
    }
    const elapsed = performance.now() - t0;
    rate = ((trainer.steps - before) * 1000) / Math.max(1, elapsed);
    snapshot(elapsed);
    setTimeout(slice, 0);
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
  }
};
