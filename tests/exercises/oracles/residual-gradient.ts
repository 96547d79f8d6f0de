import type { Oracle } from "./types";

/** Not written yet: the contract test fails for residual-gradient until this recomputes its answer and mistakes independently. */
export const residualGradientOracle: Oracle<never> | undefined = undefined;
