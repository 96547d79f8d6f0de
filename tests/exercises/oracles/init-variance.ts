import type { Oracle } from "./types";

/** Not written yet: the contract test fails for init-variance until this recomputes its answer and mistakes independently. */
export const initVarianceOracle: Oracle<never> | undefined = undefined;
