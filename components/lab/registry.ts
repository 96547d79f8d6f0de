/**
 * The one place the lab's UI reaches the experiments of lib/lab (the page for
 * parsing settings; components/lab/run.ts is the worker's side, which
 * alone imports the digits data).
 *
 * Interim: until branch labc lands its lib/lab/experiments, the depth
 * experiment is wired here from today's lib/lab (labNetwork, trainEpoch,
 * layerSpeeds), so the page can be built against the interface.
 */
import type { ActivationName } from "@/lib/engine";
import { LAB_INITS, type LabInit } from "@/lib/lab/network";
import type { ExperimentDef, ExperimentId, ExperimentResult } from "./lab-types";

export const EXPERIMENT_IDS: readonly ExperimentId[] = ["depth", "activations", "init", "remedies", "jacobian", "rnn", "window"];

export interface DepthSettings {
  hidden: number;
  width: number;
  activation: ActivationName;
  init: LabInit;
  eta: number;
  batchSize: number;
  seed: number;
}

const ACTIVATIONS: readonly ActivationName[] = ["sigmoid", "tanh", "relu"];

function int(q: URLSearchParams, key: string, lo: number, hi: number, dflt: number, bad: string[]): number {
  const raw = q.get(key);
  if (raw === null) return dflt;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < lo || v > hi) {
    bad.push(key);
    return dflt;
  }
  return v;
}

function num(q: URLSearchParams, key: string, lo: number, hi: number, dflt: number, bad: string[]): number {
  const raw = q.get(key);
  if (raw === null) return dflt;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < lo || v > hi) {
    bad.push(key);
    return dflt;
  }
  return v;
}

function choice<T extends string>(q: URLSearchParams, key: string, options: readonly T[], dflt: T, bad: string[]): T {
  const raw = q.get(key);
  if (raw === null) return dflt;
  const hit = options.find((o) => o === raw);
  if (!hit) bad.push(key);
  return hit ?? dflt;
}

const depthDefaults: DepthSettings = { hidden: 4, width: 30, activation: "sigmoid", init: "nielsen", eta: 0.5, batchSize: 32, seed: 1 };

export function parseDepth(q: URLSearchParams, bad: string[] = []): DepthSettings {
  return {
    hidden: int(q, "hidden", 1, 6, depthDefaults.hidden, bad),
    width: int(q, "width", 8, 64, depthDefaults.width, bad),
    activation: choice(q, "activation", ACTIVATIONS, depthDefaults.activation, bad),
    init: choice(q, "init", LAB_INITS, depthDefaults.init, bad),
    eta: num(q, "eta", 0.001, 10, depthDefaults.eta, bad),
    batchSize: int(q, "batchSize", 1, 256, depthDefaults.batchSize, bad),
    seed: int(q, "seed", 1, 1_000_000, depthDefaults.seed, bad),
  };
}

function depthQuery(s: DepthSettings): URLSearchParams {
  return new URLSearchParams(Object.entries(s).map(([k, v]) => [k, String(v)]));
}

/** The experiment's definition, or null when it has none yet. */
export function experimentDef(id: ExperimentId): Pick<ExperimentDef<unknown>, "fromQuery" | "toQuery"> | null {
  return id === "depth" ? { fromQuery: (q) => parseDepth(q), toQuery: (s) => depthQuery(s as DepthSettings) } : null;
}

/** Settings from a query, and the names of those that were not valid (set back to their defaults). */
export function parseSettings(id: ExperimentId, q: URLSearchParams): { settings: Record<string, unknown>; bad: string[] } {
  const bad: string[] = [];
  if (id === "depth") return { settings: { ...parseDepth(q, bad) }, bad };
  return { settings: {}, bad };
}

export function isTraining(id: ExperimentId): boolean {
  return id === "depth" || id === "activations" || id === "remedies";
}

/** The settings as the experiment writes them in an address (without `exp`). */
export function settingsQuery(id: ExperimentId, settings: unknown): string {
  const def = experimentDef(id);
  return def ? def.toQuery(settings).toString() : "";
}

/** A break-it challenge of lib/lab: `check` is its checker, on the current settings and result. */
export interface LabChallenge {
  id: string;
  check: (settings: unknown, result: ExperimentResult) => boolean;
}

export function challengesFor(id: ExperimentId): readonly LabChallenge[] {
  void id;
  return [];
}

/** The exercise generators (lib/exercises, ids `lab-…`) whose cards are this experiment's predictions. */
export function predictionGenerators(id: ExperimentId): readonly string[] {
  void id;
  return [];
}
