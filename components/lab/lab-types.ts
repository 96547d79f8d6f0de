/**
 * The lab's interface types, as lib/lab/experiments defines them (interim
 * copy until branch labc lands; then this file only re-exports them).
 */
export type ExperimentId = "depth" | "activations" | "init" | "remedies" | "jacobian" | "rnn" | "window";
export interface Series { name: string; x: number[]; y: number[] }
export interface Chart {
  id: string;
  x: { quantity: string; log?: boolean };
  y: { quantity: string; log?: boolean };
  series: Series[];
  kind: "line" | "points" | "bars";
  shade?: { from: number; to: number }[];
  marks?: { x: number; y: number; name: string }[];
}
export interface ExperimentResult { charts: Chart[]; facts: Record<string, number> }
export interface ExperimentDef<S> { id: ExperimentId; defaults: S; fromQuery(q: URLSearchParams): S; toQuery(s: S): URLSearchParams; run(s: S): ExperimentResult }
export interface Trainer { step(n: number): void; snapshot(): ExperimentResult; epoch: number; steps: number }
