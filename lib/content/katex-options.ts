import type { KatexOptions } from "katex";

/**
 * KaTeX settings for every formula the app draws, on the server and in the
 * browser (kept apart from the Markdown pipeline so a client component can
 * import it without bundling remark). The caps keep a formula from content
 * from covering the page (`\rule{1000em}{1000em}` is drawn at most 10 em wide)
 * or expanding macros without end; `trust: false` refuses `\href`,
 * `\htmlClass` and friends.
 */
export const katexOptions = {
  strict: "ignore",
  trust: false,
  maxSize: 10,
  maxExpand: 200,
} as const satisfies KatexOptions;
