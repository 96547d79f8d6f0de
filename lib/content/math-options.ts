import type { Options as TemmlOptions } from "temml";

/**
 * Temml settings for every formula the app draws, on the server and in the
 * browser (kept apart from the Markdown pipeline so a client component can
 * import it without bundling remark).
 *
 * Temml writes MathML, which the browser lays out with the Latin Modern Math
 * font (app/math/): about a seventh of the bytes of KaTeX's HTML for the same
 * formulas (30 KB against 242 KB for the longest note), so a note page stays
 * light. The caps keep a formula from content from covering the page
 * (`\rule{1000em}{1000em}` is drawn at most 10 em / 100 pt) or expanding
 * macros without end; `trust: false` refuses `\href`, `\class` and friends.
 * `annotate` keeps the TeX source beside the MathML (copy, screen readers).
 */
export const mathOptions = {
  trust: false,
  maxSize: [10, 100],
  maxExpand: 200,
  annotate: true,
  strict: false,
} as const satisfies TemmlOptions;
