import type { ControlSpec } from "./controls";
import type { ExperimentId } from "./lab-types";

/** Which widget each experiment's settings get (bounds mirror lib/lab's, which has the last word). */
export const CONTROL_SPECS: ReadonlyMap<ExperimentId, ReadonlyMap<string, ControlSpec>> = new Map<ExperimentId, ReadonlyMap<string, ControlSpec>>([
  [
    "depth",
    new Map<string, ControlSpec>([
      ["hidden", { kind: "int", min: 1, max: 6 }],
      ["width", { kind: "int", min: 8, max: 64 }],
      ["activation", { kind: "choice", options: ["sigmoid", "tanh", "relu"] }],
      ["init", { kind: "choice", options: ["nielsen", "xavier", "he"] }],
      ["eta", { kind: "log", min: 0.001, max: 10 }],
      ["batchSize", { kind: "int", min: 1, max: 256 }],
      ["seed", { kind: "seed" }],
    ]),
  ],
]);
