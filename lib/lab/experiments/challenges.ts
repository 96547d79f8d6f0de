import { LabError } from "../errors";
import { checkExplodeThenClip, type ExplodedSetup } from "./explode-then-clip";
import { INIT_DEFAULTS, type InitSettings } from "./init";
import { RNN_DEFAULTS, type RnnSettings } from "./rnn";
import { type ChallengeCheck, type ChallengeId, type ExperimentId, type ExperimentResult } from "./types";

export const CHALLENGE_IDS: readonly ChallengeId[] = ["vanish", "explodeThenClip", "edgeOfChaos"];

/** Which experiment's tab each challenge is played in. */
export const CHALLENGE_EXPERIMENT: ReadonlyMap<ChallengeId, ExperimentId> = new Map<ChallengeId, ExperimentId>([
  ["vanish", "init"],
  ["explodeThenClip", "rnn"],
  ["edgeOfChaos", "init"],
]);

/** The setup each challenge starts from (not solved there): a link target for "try it". */
export const CHALLENGE_START: { vanish: InitSettings; explodeThenClip: RnnSettings; edgeOfChaos: InitSettings } = {
  vanish: { ...INIT_DEFAULTS, schemes: ["scaled"] },
  explodeThenClip: { ...RNN_DEFAULTS, steps: 20, activation: "tanh", scale: 1 },
  edgeOfChaos: { ...INIT_DEFAULTS, depth: 30, activation: "tanh", schemes: ["scaled"], scale: 0.5 },
};

/** Thresholds, exported for the page's text (numbers only). */
export const VANISH_BELOW = 1e-6;
export const VANISH_MAX_DEPTH = 10;
export { EXPLODE_ABOVE, RNN_MIN_STEPS } from "./explode-then-clip";
export const CHAOS_MIN_DEPTH = 30;
export const CHAOS_MAX_SPREAD = 10;

export function isChallengeId(x: unknown): x is ChallengeId {
  return typeof x === "string" && (CHALLENGE_IDS as readonly string[]).includes(x);
}

const fact = (r: ExperimentResult, key: string): number | undefined => (Object.hasOwn(r.facts, key) ? r.facts[key] : undefined);

/**
 * Pure verdicts over an experiment's settings and the result `run` gave for
 * them (see ChallengeId in types.ts for each rule). A fact missing from the
 * result (the net overflowed) counts as Infinity. explodeThenClip has two
 * stages: `remembered` is the exploding setup of stage 1 (null: none yet, and
 * then it is not solved); see explode-then-clip.ts.
 */
export function checkChallenge(id: ChallengeId, settings: object, result: ExperimentResult, remembered: ExplodedSetup | null = null): ChallengeCheck {
  switch (id) {
    case "vanish": {
      const s = settings as InitSettings;
      const grads = s.schemes.map((sc) => fact(result, `${sc}.grad1`) ?? Infinity);
      const measured = Math.min(Infinity, ...grads);
      return { solved: s.depth <= VANISH_MAX_DEPTH && measured < VANISH_BELOW, measured };
    }
    case "explodeThenClip": {
      const v = checkExplodeThenClip(remembered, settings as RnnSettings, result.facts);
      return { solved: v.solved, measured: v.measured };
    }
    case "edgeOfChaos": {
      const s = settings as InitSettings;
      const measured = fact(result, "scaled.gradSpread") ?? Infinity;
      return { solved: s.depth >= CHAOS_MIN_DEPTH && s.activation === "tanh" && s.schemes.includes("scaled") && measured <= CHAOS_MAX_SPREAD, measured };
    }
    default:
      throw new LabError("challenge", `unknown challenge ${JSON.stringify(id)}`);
  }
}
