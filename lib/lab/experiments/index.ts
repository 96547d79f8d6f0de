import { activationsExperiment, type ActivationsSettings } from "./activations";
import { depthExperiment, type DepthSettings } from "./depth";
import { initExperiment, type InitSettings } from "./init";
import { jacobianExperiment, type JacobianSettings } from "./jacobian";
import { remediesExperiment, type RemediesSettings } from "./remedies";
import { rnnExperiment, type RnnSettings } from "./rnn";
import { EXPERIMENT_IDS, EXPERIMENT_PARAM, type ExperimentDef, type ExperimentId } from "./types";
import { windowExperiment, type WindowSettings } from "./window";

export * from "./types";
export * from "./activations";
export * from "./depth";
export * from "./init";
export * from "./jacobian";
export * from "./remedies";
export * from "./rnn";
export * from "./window";
export { settingsCodec, type Settings } from "./settings";

export interface SettingsOf {
  depth: DepthSettings;
  activations: ActivationsSettings;
  init: InitSettings;
  remedies: RemediesSettings;
  jacobian: JacobianSettings;
  rnn: RnnSettings;
  window: WindowSettings;
}

export type AnyExperiment = { [K in ExperimentId]: ExperimentDef<SettingsOf[K]> }[ExperimentId];

const BY_ID = new Map<ExperimentId, AnyExperiment>([
  ["depth", depthExperiment],
  ["activations", activationsExperiment],
  ["init", initExperiment],
  ["remedies", remediesExperiment],
  ["jacobian", jacobianExperiment],
  ["rnn", rnnExperiment],
  ["window", windowExperiment],
]);

export function isExperimentId(x: unknown): x is ExperimentId {
  return typeof x === "string" && (EXPERIMENT_IDS as readonly string[]).includes(x);
}

/** The experiment named `id` (e.g. the URL's `exp`), or undefined. */
export function experimentById(id: string): AnyExperiment | undefined {
  return isExperimentId(id) ? BY_ID.get(id) : undefined;
}

/** Typed access when the id is known at compile time. */
export function experiment<K extends ExperimentId>(id: K): ExperimentDef<SettingsOf[K]> {
  return BY_ID.get(id) as unknown as ExperimentDef<SettingsOf[K]>;
}

/** `/lab?exp=<id>&<every setting>`: the link a note or a prediction card opens. */
export function labHref<K extends ExperimentId>(id: K, settings: SettingsOf[K]): string {
  const q = experiment(id).toQuery(settings);
  return `/lab?${EXPERIMENT_PARAM}=${id}&${q.toString()}`;
}
export * from "./challenges";
export * from "./explode-then-clip";
export * from "./keys";
