import type { RnnSettings } from "./rnn";

/**
 * The two stages of the challenge "make a 20-step RNN's gradient explode,
 * then stop it with one change", as pure functions of the remembered
 * exploding setup, the current setup and the facts the rnn experiment gave
 * for it. Nothing here imports the experiment's maths, so the page can judge
 * with it (the worker cannot know stage 1: the browser remembers it).
 *
 * - Stage 1: a setup with T ≥ 20, clipping off and ‖∂C/∂h₀‖ > 100 explodes;
 *   the page remembers it (a later exploding setup replaces it).
 * - Stage 2: solved by a setup that differs from the remembered one in
 *   exactly one of RNN_SETTING_KEYS, still has T ≥ 20, and whose gradient no
 *   longer explodes: clipping on with the clipped global norm ≤ threshold, or
 *   ‖∂C/∂h₀‖ ≤ 100 (a lower scale, another activation, …).
 */
export const EXPLODE_ABOVE = 100;
export const RNN_MIN_STEPS = 20;

/** Every setting of the rnn experiment, in its query's order: what "one change" is counted over. */
export const RNN_SETTING_KEYS = ["steps", "hidden", "scale", "activation", "clip", "threshold", "seed"] as const;
export type RnnSettingKey = (typeof RNN_SETTING_KEYS)[number];
// A key added to RnnSettings and not listed here fails to compile.
type Unlisted = Exclude<keyof RnnSettings, RnnSettingKey>;
const everyKeyListed: [Unlisted] extends [never] ? true : never = true;
void everyKeyListed;

/** The remembered stage 1: the exploding setup and its ‖∂C/∂h₀‖. */
export interface ExplodedSetup {
  settings: RnnSettings;
  h0: number;
}

export interface ExplodeThenClipVerdict {
  /** This setup is a stage-1 explosion: remember it (in place of any earlier one). */
  exploded: boolean;
  /** Keys where this setup differs from the remembered one (empty without one). */
  changes: RnnSettingKey[];
  /** T ≥ 20 and the gradient does not explode here (clipped to the threshold, or h0 ≤ 100). */
  stopped: boolean;
  solved: boolean;
  /** ‖∂C/∂h₀‖ of this setup (Infinity when it overflowed). */
  measured: number;
}

/** The numbers the verdict needs from the rnn experiment's facts; a missing one (an overflow) counts as Infinity. */
export interface ExplodeFacts {
  h0?: number;
  clippedNorm?: number;
}

const factOf = (facts: Readonly<Record<string, number>> | ExplodeFacts, key: "h0" | "clippedNorm"): number => {
  const v = Object.hasOwn(facts, key) ? (facts as Record<string, unknown>)[key] : undefined;
  return typeof v === "number" && !Number.isNaN(v) ? v : Infinity;
};

/** The keys of RNN_SETTING_KEYS whose values differ (by Object.is) between two setups. */
export function settingChanges(from: RnnSettings, to: RnnSettings): RnnSettingKey[] {
  return RNN_SETTING_KEYS.filter((k) => !Object.is(from[k], to[k]));
}

export function checkExplodeThenClip(remembered: ExplodedSetup | null, settings: RnnSettings, facts: Readonly<Record<string, number>> | ExplodeFacts): ExplodeThenClipVerdict {
  const h0 = factOf(facts, "h0");
  const clipped = factOf(facts, "clippedNorm");
  const longEnough = settings.steps >= RNN_MIN_STEPS;
  const exploded = longEnough && !settings.clip && h0 > EXPLODE_ABOVE;
  const stopped = longEnough && (settings.clip ? clipped <= settings.threshold * (1 + 1e-12) : h0 <= EXPLODE_ABOVE);
  const changes = remembered ? settingChanges(remembered.settings, settings) : [];
  return { exploded, changes, stopped, solved: remembered !== null && stopped && changes.length === 1, measured: h0 };
}

const SETTING_TYPES: ReadonlyMap<RnnSettingKey, "number" | "string" | "boolean"> = new Map<RnnSettingKey, "number" | "string" | "boolean">([
  ["steps", "number"],
  ["hidden", "number"],
  ["scale", "number"],
  ["activation", "string"],
  ["clip", "boolean"],
  ["threshold", "number"],
  ["seed", "number"],
]);

/**
 * A remembered setup read back from storage (untrusted JSON): the object with
 * every key of RNN_SETTING_KEYS of the right type and a number h0, or null.
 */
export function parseExplodedSetup(raw: unknown): ExplodedSetup | null {
  if (typeof raw !== "object" || raw === null || !Object.hasOwn(raw, "settings") || !Object.hasOwn(raw, "h0")) return null;
  const { settings, h0 } = raw as { settings: unknown; h0: unknown };
  if (typeof h0 !== "number" || typeof settings !== "object" || settings === null) return null;
  const out: Record<string, unknown> = {};
  for (const k of RNN_SETTING_KEYS) {
    if (!Object.hasOwn(settings, k)) return null;
    const v = (settings as Record<string, unknown>)[k];
    if (typeof v !== SETTING_TYPES.get(k) || (typeof v === "number" && !Number.isFinite(v))) return null;
    out[k] = v;
  }
  return { settings: out as unknown as RnnSettings, h0 };
}
