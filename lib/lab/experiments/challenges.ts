import { type ChallengeCheck, type ChallengeId, type ExperimentId, type ExperimentResult } from "./types";

export const CHALLENGE_IDS: readonly ChallengeId[] = ["vanish", "explodeThenClip", "edgeOfChaos"];

/** Which experiment's tab each challenge is played in. */
export const CHALLENGE_EXPERIMENT: ReadonlyMap<ChallengeId, ExperimentId> = new Map<ChallengeId, ExperimentId>([
  ["vanish", "init"],
  ["explodeThenClip", "rnn"],
  ["edgeOfChaos", "init"],
]);

export function isChallengeId(x: unknown): x is ChallengeId {
  return typeof x === "string" && (CHALLENGE_IDS as readonly string[]).includes(x);
}

export function checkChallenge(_id: ChallengeId, _settings: object, _result: ExperimentResult): ChallengeCheck {
  return { solved: false, measured: 0 };
}
