/**
 * The page's side of the lab's experiments: their settings, as plain data the
 * server hands over (defaults and the table of controls with bounds), read
 * from and written to the address with lib/lab's own codec. The page never
 * imports the experiments themselves: their maths and the digits data go to
 * the Web Worker only (components/lab/run.ts).
 */
import { settingsCodec, type SettingsCodec } from "@/lib/lab/experiments/settings";
import { EXPERIMENT_IDS, type Control, type ExperimentId, type SettingProblem, type SettingValue } from "@/lib/lab/experiments/types";

export { EXPERIMENT_IDS };

export type Settings = Record<string, SettingValue>;

/** One experiment as the page needs it (serialisable: built on the server, sent as props). */
export interface ExperimentSpec {
  id: ExperimentId;
  defaults: Settings;
  controls: readonly Control[];
  /** It trains (play, pause, step, reset). */
  training: boolean;
  /** Its break-it challenges' ids (lib/lab's checkers run in the worker). */
  challenges: readonly string[];
}

const codecs = new WeakMap<ExperimentSpec, SettingsCodec<Settings>>();

function codec(spec: ExperimentSpec): SettingsCodec<Settings> {
  let c = codecs.get(spec);
  if (!c) {
    c = settingsCodec<Settings>(spec.controls, spec.defaults);
    codecs.set(spec, c);
  }
  return c;
}

/** Settings from an address: a bad parameter keeps its default and is listed. */
export function readSettings(spec: ExperimentSpec, q: URLSearchParams): { settings: Settings; problems: SettingProblem[] } {
  return codec(spec).readQuery(q);
}

/** The settings as the experiment writes them in an address (without `exp`). */
export function settingsQuery(spec: ExperimentSpec, settings: Settings): string {
  return codec(spec).toQuery(settings).toString();
}
