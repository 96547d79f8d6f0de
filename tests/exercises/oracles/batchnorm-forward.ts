import type { Oracle } from "./types";

/** Not written yet: the contract test fails for batchnorm-forward until this recomputes its answer and mistakes independently. */
export const batchnormForwardOracle: Oracle<never> | undefined = undefined;
