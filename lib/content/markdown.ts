import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from "rehype-sanitize";
import remarkCjkFriendly from "remark-cjk-friendly";
import remarkCjkFriendlyGfmStrikethrough from "remark-cjk-friendly-gfm-strikethrough";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import type { Preset } from "unified";

/**
 * The one Markdown dialect of notes, cards and exports: CommonMark + GFM, with
 * emphasis that works next to CJK punctuation (`乘上**[…]**，` is bold, which
 * plain CommonMark's flanking rules refuse), and `$…$` / `$$…$$` maths.
 */
export const noteMarkdown: Preset = {
  plugins: [remarkParse, remarkGfm, remarkCjkFriendly, remarkCjkFriendlyGfmStrikethrough, remarkMath],
};

/**
 * What may survive into HTML built from content: GitHub's sanitizing rules
 * (no raw HTML, no event handlers, no `style`), links only to http(s),
 * mailto, relative or in-page addresses, plus the classes that mark maths for
 * maths. Temml runs after this step, with `trust: false`, so its own markup
 * is never filtered and can never carry a link or a script.
 */
export const safeHtmlSchema: SanitizeSchema = {
  ...defaultSchema,
  protocols: { ...defaultSchema.protocols, href: ["http", "https", "mailto"], cite: ["http", "https"], src: ["http", "https"] },
  attributes: {
    ...defaultSchema.attributes,
    code: [["className", "language-math", "math-inline", "math-display", /^language-[\w-]+$/]],
  },
};

/**
 * Markdown AST → sanitized HTML AST. Raw HTML in notes is dropped
 * (remark-rehype's default) and the sanitizer removes unsafe URLs and
 * attributes that Markdown itself can produce (`[x](javascript:…)`).
 */
export const safeHtml: Preset = {
  plugins: [remarkRehype, [rehypeSanitize, safeHtmlSchema]],
};
