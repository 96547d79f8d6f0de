import { GENERATORS } from "../exercises/registry";
import type { ParseOptions } from "./parse";

/**
 * Parse options for the app's own content: quiz blocks must name a generator
 * of lib/engine and only the parameters (and values) it accepts.
 */
export function contentParseOptions(): ParseOptions {
  return { generators: Object.fromEntries(Object.values(GENERATORS).map((g) => [g.id, g.params])) };
}
