import file from "./dataset/digits.json";
import { type Digits, parseDigits } from "./digits";

/**
 * The one place the data file comes in: a static JSON import, so the server,
 * the CLI, the tests and (later) a Web Worker all get it bundled, with no
 * fetch or fs at run time. Parsed once (about 5 ms), then shared read-only.
 */
let cached: Digits | null = null;

export function loadDigits(): Digits {
  cached ??= parseDigits(file.rows);
  return cached;
}
