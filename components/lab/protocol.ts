import type { ExperimentId, ExperimentResult } from "@/lib/lab/experiments/types";
import type { WireChart } from "./chart-data";

/**
 * Messages between the lab page and its Web Worker (components/lab/lab.worker.ts).
 * The page sends settings as a query string (the experiment's own toQuery),
 * so the worker parses them with the same fromQuery the page used and the
 * two can never disagree about a setting.
 */

export type ToWorker =
  /** Show `exp` with these settings: compute it, or (a training experiment) build a fresh trainer and show its first snapshot. */
  | { type: "configure"; seq: number; exp: ExperimentId; query: string; challenges: readonly string[] }
  | { type: "play" }
  | { type: "pause" }
  | { type: "step"; n: number }
  | { type: "reset" }
  /**
   * The page has received the snapshot it was last sent for `seq`. While a
   * net trains the worker sends the next snapshot only after this, so
   * snapshots never queue up behind a page busy with something else.
   */
  | { type: "received"; seq: number };

/** An ExperimentResult on the wire: charts packed, unchanged ones by id only (components/lab/chart-data.ts). */
export interface WireResult {
  charts: WireChart[];
  facts: ExperimentResult["facts"];
}

export interface TrainingState {
  epoch: number;
  steps: number;
  playing: boolean;
  /** Training steps per second over the last stretch of play; 0 when paused. */
  rate: number;
}

/** A break-it challenge checked by lib/lab on the current settings and result. */
export interface ChallengeState {
  id: string;
  solved: boolean;
  /** The number the checker judged (e.g. layer 1's gradient norm), when it has one. */
  measured?: number;
}

export type FromWorker =
  | {
      type: "result";
      /** The configure message this answers (older answers are dropped by the page). */
      seq: number;
      exp: ExperimentId;
      result: WireResult;
      /** Null for an experiment without training. */
      training: TrainingState | null;
      challenges: ChallengeState[];
      /** Milliseconds the worker spent computing this result. */
      ms: number;
    }
  | { type: "error"; seq: number; message: string };
