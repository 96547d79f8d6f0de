/**
 * A one-formula Markdown rendering without its paragraph, to sit inside a
 * sentence or a label: a <p> inside the sentence's <p> broke the line
 * ("Answer:" then the value below it).
 */
export function inline(html: string): string {
  const paragraphs = html.match(/<p[\s>]/g)?.length ?? 0;
  return paragraphs === 1 ? html.replace(/^\s*<p>([\s\S]*)<\/p>\s*$/, "$1") : html;
}
