import rehypeKatex from "rehype-katex";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

export interface Rendered {
  html: string;
  /** KaTeX and Markdown problems, e.g. an unknown TeX command. */
  errors: string[];
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkMath)
  // Raw HTML in notes is dropped (remark-rehype's default): notes are data, not code.
  .use(remarkRehype)
  .use(rehypeKatex, { strict: "ignore" })
  .use(rehypeStringify);

/** Markdown with TeX → HTML. Errors are collected, never thrown, so one bad formula cannot break a page. */
export function renderMarkdown(markdown: string): Rendered {
  const file = processor.processSync(markdown);
  const errors = file.messages.map((m) => (m.cause instanceof Error ? `${m.reason}: ${m.cause.message}` : m.reason));
  const html = String(file);
  return { html, errors };
}
