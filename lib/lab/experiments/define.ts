import { settingsCodec } from "./settings";
import { type Control, type ExperimentDef, type ExperimentId, type ExperimentResult, type Trainer } from "./types";

export const SEED_CONTROL: Control = { key: "seed", kind: "int", min: 0, max: 2 ** 31 - 1 };

/** Builds an ExperimentDef from its table: URL codec from `controls`, and `run`/`trainer` that check every field first. */
export function defineExperiment<S extends object>(spec: {
  id: ExperimentId;
  defaults: S;
  controls: readonly Control[];
  run(s: S): ExperimentResult;
  trainer?(s: S): Trainer;
}): ExperimentDef<S> {
  const codec = settingsCodec(spec.controls, spec.defaults);
  const def: ExperimentDef<S> = {
    id: spec.id,
    defaults: spec.defaults,
    controls: spec.controls,
    fromQuery: codec.fromQuery,
    readQuery: codec.readQuery,
    toQuery: codec.toQuery,
    run: (s) => spec.run(codec.check(s)),
  };
  const trainer = spec.trainer;
  if (trainer) def.trainer = (s) => trainer(codec.check(s));
  return def;
}

/** Keeps only finite points, so a chart never receives NaN or ±Infinity. */
export function series(name: string, x: readonly number[], y: readonly number[]): { name: string; x: number[]; y: number[] } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const a = x[i] as number;
    const b = y[i] as number;
    if (Number.isFinite(a) && Number.isFinite(b)) {
      xs.push(a);
      ys.push(b);
    }
  }
  return { name, x: xs, y: ys };
}

/** 1, 2, …, n. */
export const range1 = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

/** Drops non-finite facts (a fact that overflowed is absent rather than NaN). */
export function finiteFacts(facts: Record<string, number>): Record<string, number> {
  const out = new Map<string, number>();
  for (const [k, v] of Object.entries(facts)) if (Number.isFinite(v)) out.set(k, v);
  return Object.fromEntries(out);
}
