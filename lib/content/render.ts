import rehypeStringify from "rehype-stringify";
import { unified } from "unified";
import { noteMarkdown, safeHtml } from "@/lib/content/markdown";
import { rehypeTemml } from "@/lib/content/rehype-temml";

export interface Rendered {
  html: string;
  /** Maths and Markdown problems, e.g. an unknown TeX command. */
  errors: string[];
}

const processor = unified().use(noteMarkdown).use(safeHtml).use(rehypeTemml).use(rehypeStringify);

/**
 * Notes written elsewhere put display math on one line (`$$a = b$$`), which
 * remark-math reads as inline math. Split such lines into a display block.
 */
export function displayMathOnOwnLines(markdown: string): string {
  let fence: string | null = null;
  return markdown
    .split("\n")
    .map((line) => {
      const f = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
      if (f && (fence === null || f.startsWith(fence))) fence = fence === null ? f : null;
      if (fence !== null) return line;
      const m = /^(\s*)\$\$(.+?)\$\$\s*$/.exec(line);
      return m && !m[2]!.includes("$$") ? `${m[1]}$$\n${m[1]}${m[2]!.trim()}\n${m[1]}$$` : line;
    })
    .join("\n");
}

/**
 * Markdown with TeX → HTML with MathML. Errors are collected, never thrown, so
 * one bad formula cannot break a page. The result is shared (frozen): the same
 * source gives the same object while it stays in the cache below.
 */
export function renderMarkdown(markdown: string): Rendered {
  const hit = rendered.get(markdown);
  if (hit) {
    // Most recently used goes last: a Map keeps insertion order.
    rendered.delete(markdown);
    rendered.set(markdown, hit);
    return hit;
  }
  const file = processor.processSync(displayMathOnOwnLines(markdown));
  const errors = file.messages.map((m) => (m.cause instanceof Error ? `${m.reason}: ${m.cause.message}` : m.reason));
  const out: Rendered = Object.freeze({ html: String(file), errors: Object.freeze(errors) as string[] });
  remember(markdown, out);
  return out;
}

/**
 * Rendered Markdown by its source, least recently used first, bounded by the
 * characters held (source + HTML). A note page renders each card's front and
 * back on every request, about a millisecond each: 150-250 ms for a note of
 * 125 cards, most of the page's server time (issue 12). 4 million characters
 * keep about ten such notes, 4-8 MB.
 */
const RENDER_CACHE_CHARS = 4_000_000;
const rendered = new Map<string, Rendered>();
let heldChars = 0;

function remember(markdown: string, out: Rendered): void {
  const size = markdown.length + out.html.length;
  if (size > RENDER_CACHE_CHARS / 8) return;
  rendered.set(markdown, out);
  heldChars += size;
  for (const [key, value] of rendered) {
    if (heldChars <= RENDER_CACHE_CHARS) break;
    rendered.delete(key);
    heldChars -= key.length + value.html.length;
  }
}
