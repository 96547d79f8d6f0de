import { chainBiasGradientOracle } from "./chain-bias-gradient";
import type { Oracle } from "./types";

/** One oracle per registered generator (the contract test fails for a generator without one). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each oracle is typed by its own generator's drawn data
export const ORACLES: ReadonlyMap<string, Oracle<any>> = new Map<string, Oracle<any>>([["chain-bias-gradient", chainBiasGradientOracle]]);
