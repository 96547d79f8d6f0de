/**
 * A card side as one short line of plain text for the browser's list: the
 * Markdown emphasis, cloze and math markers go, TeX commands stay as written
 * (rendering math for 50 rows would cost more than the list itself).
 */
export function plainExcerpt(markdown: string, max = 140): string {
  const text = markdown
    .replace(/\$+/g, "")
    .replace(/\*\*|__|==|`+/g, "")
    .replace(/^[#>\s-]+/gm, "")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
