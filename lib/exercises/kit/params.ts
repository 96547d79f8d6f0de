import { EngineError } from "@/lib/engine/errors";
import type { ExerciseParams } from "../types";

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


/**
 * Reads a generator's declared parameters: the difficulty knob and each
 * declared option, which must be one of its allowed values (the first when
 * absent). Anything else is an error naming the parameter. Other keys pass
 * through unchanged.
 */
export function readDeclaredParams(schema: Readonly<Record<string, readonly (string | number | boolean)[]>>, params: ExerciseParams): ExerciseParams {
  const options: Record<string, string | number | boolean> = {};
  for (const [key, allowed] of Object.entries(schema)) {
    const v = Object.hasOwn(params, key) ? params[key] : undefined;
    if (v === undefined) options[key] = allowed[0]!;
    else if (allowed.includes(v)) options[key] = v;
    else throw new EngineError(`params.${key}`, `expected one of ${allowed.join(", ")}, got ${String(v)}`);
  }
  return { ...params, ...options, difficulty: difficultyParam(params) };
}
