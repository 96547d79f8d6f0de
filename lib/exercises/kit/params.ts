import { EngineError } from "@/lib/engine/errors";

/** Reading a generator's parameters: the difficulty knob and named string options. */

/** The difficulty knob: 1 (gentle) to 3 (hard). */
export type Difficulty = 1 | 2 | 3;

/** A difficulty clamped to 1..3 (2 for anything in between, or NaN). */
export function clampDifficulty(d: number): Difficulty {
  return d <= 1 ? 1 : d >= 3 ? 3 : 2;
}

/**
 * The difficulty parameter, 1..3 (default 2; values outside are clamped).
 * Anything that is not a finite number is an error naming the parameter,
 * rather than a silent default.
 */
export function difficultyParam(params: { difficulty?: unknown }): Difficulty {
  const d = params.difficulty;
  if (d !== undefined && !(typeof d === "number" && Number.isFinite(d))) {
    throw new EngineError("params.difficulty", `expected a number 1..3, got ${String(d)}`);
  }
  return clampDifficulty(d ?? 2);
}

/** Reads a string parameter, falling back to the first allowed value. */
export function stringParam<T extends string>(params: Record<string, unknown>, key: string, allowed: readonly T[]): T {
  const v = params[key];
  if (v === undefined) return allowed[0]!;
  if (typeof v === "string" && (allowed as readonly string[]).includes(v)) return v as T;
  throw new EngineError(`params.${key}`, `expected one of ${allowed.join(", ")}, got ${String(v)}`);
}
