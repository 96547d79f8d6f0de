import { type ActivationName, createRng } from "../engine";
import { type Digits, splitDigits } from "./digits";
import { LabError } from "./errors";
import { type LabInit, labNetwork } from "./network";
import { layerSpeeds } from "./speeds";
import { evaluate, trainEpoch } from "./train";

export interface SpeedsSetup {
  hidden: number;
  width: number;
  /** Draws the weights and the minibatch order. */
  seed: number;
  /** Draws the train/test split (default 1), kept apart so changing the net's seed leaves the data where they are. */
  splitSeed?: number;
  activation?: ActivationName;
  init?: LabInit;
  /** Epochs of SGD before measuring (default 0: at initialisation). */
  epochs?: number;
  /** Default 0.5. */
  eta?: number;
  /** Default 32. */
  batchSize?: number;
}

export interface SpeedsResult {
  /** ‖∂C/∂b^l‖ per hidden layer, first to last (see layerSpeeds). */
  speeds: number[];
  /** Test accuracy after training; null when epochs is 0. */
  accuracy: number | null;
}

/** The depth-and-speed experiment end to end: split, build, train `epochs`, measure. */
export function speedsExperiment(all: Digits, setup: SpeedsSetup): SpeedsResult {
  const epochs = setup.epochs ?? 0;
  if (!(Number.isInteger(epochs) && epochs >= 0)) throw new LabError("epochs", `expected a non-negative integer, got ${epochs}`);
  const { train, test } = splitDigits(all, setup.splitSeed ?? 1);
  const rng = createRng(setup.seed);
  const net = labNetwork(rng, { hidden: setup.hidden, width: setup.width, activation: setup.activation, init: setup.init });
  for (let e = 0; e < epochs; e++) trainEpoch(net, train, rng, { eta: setup.eta ?? 0.5, batchSize: setup.batchSize ?? 32 });
  return { speeds: layerSpeeds(net, train), accuracy: epochs > 0 ? evaluate(net, test).accuracy : null };
}
