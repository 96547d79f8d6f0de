/**
 * Every message key lib/lab/experiments emits, for lab-ui's
 * lib/i18n/messages/lab.ts (which may type its table against these lists).
 * tests/lab/keys.test.ts checks that every experiment's result uses only these.
 *
 * - Chart ids: a base id, or `<base>-<symbol>` for the per-net charts (base
 *   "histA", "histG", "gradHistory"; symbol an activation or a variant, e.g.
 *   "histA-tanh", "gradHistory-batchnorm").
 * - Series names are symbols shown as is ("l=3", "T=20", "σ…", "∏", "J",
 *   "|wσ′|", "1", an activation or scheme or variant id) except those in
 *   SERIES_KEYS, which are words to translate.
 * - Mark names: "max" (window width), "100" (the RNN's threshold, a symbol).
 */
export const CHART_IDS = [
  "speedsInit",
  "speedsEpochs",
  "gradHistory",
  "accuracy",
  "accuracyDepth",
  "norms",
  "normsInit",
  "histA",
  "histG",
  "actVar",
  "gradVar",
  "speeds",
  "layerSpectra",
  "productSpectrum",
  "topSingular",
  "hGrad",
  "h0VsScale",
  "window",
  "windowWidth",
] as const;

export const QUANTITIES = [
  "layer",
  "epoch",
  "hidden",
  "speed",
  "gradNorm",
  "weightGradNorm",
  "accuracy",
  "activation",
  "delta",
  "fraction",
  "variance",
  "index",
  "singularValue",
  "step",
  "scale",
  "input",
  "gain",
  "weight",
  "width",
] as const;

/** Series names that are words (the rest are symbols or option ids). */
export const SERIES_KEYS = ["init", "trained", "accuracy", "raw", "clipped", "width"] as const;

/** Control keys (also query parameters), over all experiments. */
export const CONTROL_KEYS = [
  "hidden",
  "width",
  "eta",
  "batch",
  "epochs",
  "compare",
  "seed",
  "init",
  "show",
  "depth",
  "activation",
  "schemes",
  "scale",
  "variants",
  "gain",
  "image",
  "steps",
  "clip",
  "threshold",
  "w",
  "b",
  "wMax",
] as const;

/** Option values of choice and set controls: activations, inits, schemes, variants. */
export const OPTION_KEYS = [
  "sigmoid",
  "tanh",
  "relu",
  "leaky_relu",
  "linear",
  "nielsen",
  "half",
  "xavier",
  "he",
  "normal",
  "small",
  "orthogonal",
  "scaled",
  "plain",
  "residual",
  "batchnorm",
] as const;
