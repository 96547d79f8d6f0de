import type { ParseOptions } from "./parse";

/**
 * Parse options for the app's own content. Quiz blocks are checked against
 * the exercise generators once lib/engine provides a registry of them.
 */
export function contentParseOptions(): ParseOptions {
  return {};
}
