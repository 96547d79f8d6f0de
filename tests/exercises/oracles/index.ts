import { batchnormForwardOracle } from "./batchnorm-forward";
import { chainBiasGradientOracle } from "./chain-bias-gradient";
import { chainBiasRatioOracle } from "./chain-bias-ratio";
import { explodingWindowOracle } from "./exploding-window";
import { fp16LossScalingOracle } from "./fp16-loss-scaling";
import { globalNormClippingOracle } from "./global-norm-clipping";
import { gradientCheckOracle } from "./gradient-check";
import { gradientClippingOracle } from "./gradient-clipping";
import { initVarianceOracle } from "./init-variance";
import { jacobianSpectralOracle } from "./jacobian-spectral";
import { labPredictOracle } from "./lab-predict";
import { layernormOracle } from "./layernorm";
import { leakyHeVarianceOracle } from "./leaky-he-variance";
import { lrDivergenceOracle } from "./lr-divergence";
import { mlpLayerSpeedOracle } from "./mlp-layer-speed";
import { reluDeadUnitsOracle } from "./relu-dead-units";
import { residualGradientOracle } from "./residual-gradient";
import { rnnBpttFactorOracle } from "./rnn-bptt-factor";
import { sigmoidDerivativeOracle } from "./sigmoid-derivative";
import { softmaxScalingOracle } from "./softmax-scaling";
import type { Oracle } from "./types";

/** One oracle per registered generator (the contract test fails for a generator without one). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each oracle is typed by its own generator's drawn data
type AnyOracle = Oracle<any>;
export const ORACLES: ReadonlyMap<string, AnyOracle> = new Map(
  ([
    ["batchnorm-forward", batchnormForwardOracle],
    ["chain-bias-gradient", chainBiasGradientOracle],
    ["chain-bias-ratio", chainBiasRatioOracle],
    ["exploding-window", explodingWindowOracle],
    ["fp16-loss-scaling", fp16LossScalingOracle],
    ["global-norm-clipping", globalNormClippingOracle],
    ["gradient-check", gradientCheckOracle],
    ["gradient-clipping", gradientClippingOracle],
    ["init-variance", initVarianceOracle],
    ["jacobian-spectral", jacobianSpectralOracle],
    ["lab-predict", labPredictOracle],
    ["layernorm", layernormOracle],
    ["leaky-he-variance", leakyHeVarianceOracle],
    ["lr-divergence", lrDivergenceOracle],
    ["mlp-layer-speed", mlpLayerSpeedOracle],
    ["relu-dead-units", reluDeadUnitsOracle],
    ["residual-gradient", residualGradientOracle],
    ["rnn-bptt-factor", rnnBpttFactorOracle],
    ["sigmoid-derivative", sigmoidDerivativeOracle],
    ["softmax-scaling", softmaxScalingOracle],
  ] as [string, AnyOracle | undefined][]).filter((e): e is [string, AnyOracle] => e[1] !== undefined),
);
