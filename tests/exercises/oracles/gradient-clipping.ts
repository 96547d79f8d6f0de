import type { Oracle } from "./types";

/** Not written yet: the contract test fails for gradient-clipping until this recomputes its answer and mistakes independently. */
export const gradientClippingOracle: Oracle<never> | undefined = undefined;
