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

/** Markdown with TeX → HTML with MathML. Errors are collected, never thrown, so one bad formula cannot break a page. */
export function renderMarkdown(markdown: string): Rendered {
  const file = processor.processSync(displayMathOnOwnLines(markdown));
  const errors = file.messages.map((m) => (m.cause instanceof Error ? `${m.reason}: ${m.cause.message}` : m.reason));
  const html = String(file);
  return { html, errors };
}
