"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { ExperimentId, ExperimentResult } from "@/lib/lab/experiments/types";
import { ChartReceiver } from "./chart-data";
import type { ChallengeState, FromWorker, ToWorker, TrainingState } from "./protocol";

export interface LabRun {
  result: ExperimentResult | null;
  /** The experiment `result` belongs to (a tab switch shows nothing stale). */
  exp: ExperimentId | null;
  training: TrainingState | null;
  challenges: ChallengeState[];
  error: string | null;
  /** Settings sent and not yet answered. */
  busy: boolean;
  /** Milliseconds from the last settings change to its result on screen. */
  latencyMs: number | null;
  play: () => void;
  pause: () => void;
  step: (n: number) => void;
  reset: () => void;
}

/**
 * Runs the current experiment in the lab's Web Worker: one worker for the
 * page's life, sent the settings whenever they change; answers to settings
 * that have since changed again are dropped.
 */
export function useLabWorker(exp: ExperimentId, query: string, challenges: readonly string[]): LabRun {
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);
  const sentAt = useRef(0);
  const [state, setState] = useState<Omit<LabRun, "play" | "pause" | "step" | "reset">>({
    result: null,
    exp: null,
    training: null,
    challenges: [],
    error: null,
    busy: true,
    latencyMs: null,
  });

  useEffect(() => {
    // The literal `new Worker(new URL(…, import.meta.url))` is what the bundler recognises and bundles as a worker entry.
    const w = new Worker(new URL("./lab.worker.ts", import.meta.url), { type: "module" });
    worker.current = w;
    // Snapshots can come faster than the screen refreshes: keep the newest and draw it on the next frame.
    // Every snapshot's charts are taken as it comes (an unchanged chart is sent by id only), unpacked only when drawn.
    const charts = new ChartReceiver();
    let latest: FromWorker | null = null;
    let frame = 0;
    const draw = () => {
      frame = 0;
      const m = latest;
      latest = null;
      if (m) apply(m);
    };
    w.onmessage = (e: MessageEvent<FromWorker>) => {
      if (e.data.seq !== seq.current) return;
      if (e.data.type === "result") {
        charts.take(e.data.result.charts);
        // Received: the worker may prepare the next while this one is drawn (one in flight, so none pile up behind a busy page).
        w.postMessage({ type: "received", seq: e.data.seq } satisfies ToWorker);
      }
      latest = e.data;
      if (!frame) frame = requestAnimationFrame(draw);
    };
    const apply = (m: FromWorker) => {
      if (m.seq !== seq.current) return;
      if (m.type === "error") {
        setState((s) => ({ ...s, error: m.message, busy: false }));
        return;
      }
      let result: ExperimentResult;
      try {
        result = { charts: charts.charts(), facts: m.result.facts };
      } catch (err) {
        setState((s) => ({ ...s, error: err instanceof Error ? err.message : String(err), busy: false }));
        return;
      }
      setState((s) => ({
        result,
        exp: m.exp,
        training: m.training,
        challenges: m.challenges,
        error: null,
        busy: false,
        latencyMs: s.busy ? Math.round(performance.now() - sentAt.current) : s.latencyMs,
      }));
    };
    w.onerror = () => setState((s) => ({ ...s, error: "worker", busy: false }));
    return () => {
      cancelAnimationFrame(frame);
      w.terminate();
      worker.current = null;
    };
  }, []);

  useEffect(() => {
    const w = worker.current;
    if (!w) return;
    seq.current += 1;
    sentAt.current = performance.now();
    setState((s) => ({ ...s, busy: true }));
    const msg: ToWorker = { type: "configure", seq: seq.current, exp, query, challenges };
    w.postMessage(msg);
  }, [exp, query, challenges]);

  const send = useCallback((m: ToWorker) => worker.current?.postMessage(m), []);
  return {
    ...state,
    play: useCallback(() => send({ type: "play" }), [send]),
    pause: useCallback(() => send({ type: "pause" }), [send]),
    step: useCallback((n: number) => send({ type: "step", n }), [send]),
    reset: useCallback(() => send({ type: "reset" }), [send]),
  };
}
