import { renderMarkdown } from "@/lib/content/render";

/** Server-rendered Markdown + KaTeX. The HTML comes from our own renderer, which drops raw HTML. */
export function Markdown({ source, className }: { source: string; className?: string }) {
  const { html } = renderMarkdown(source);
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
