/**
 * Bounds on what the answer reader accepts (see parse.ts): past them input is
 * "not understood", found in time linear in its length.
 */
export const MAX_INPUT_LENGTH = 200;
export const MAX_NESTING = 20;
export const MAX_MAGNITUDE = 1e300;
export const MIN_MAGNITUDE = 1e-300;
