import { GENERATORS } from "../exercises/registry";
import type { ParseOptions } from "./parse";

/**
 * Parse options for the app's own content: exercise blocks must name a generator
 * of lib/exercises and only the parameters (and values) it accepts.
 */
export function contentParseOptions(): ParseOptions {
  return { generators: Object.fromEntries(Object.values(GENERATORS).map((g) => [g.id, g.params])) };
}
