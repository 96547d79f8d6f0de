/**
 * The note's prose once its card lines are taken out: headings left with
 * nothing under them (typically a "## Cards" section made only of cards) are
 * dropped, since the note page lists the cards under a heading of its own.
 * Fenced code is passed over, so a `#` line inside it is not a heading.
 */
export function proseWithoutCardLines(lines: readonly string[]): string {
  const kept: string[] = [];
  let fence: string | null = null;
  const level: (number | null)[] = lines.map((line) => {
    const f = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (f && (fence === null || f.startsWith(fence))) {
      fence = fence === null ? f : null;
      return null;
    }
    if (fence !== null) return null;
    const h = /^ {0,3}(#{1,6})(?:\s|$)/.exec(line);
    return h ? h[1]!.length : null;
  });
  for (let i = 0; i < lines.length; i++) {
    const l = level[i];
    if (l !== null && l !== undefined) {
      let j = i + 1;
      while (j < lines.length && lines[j]!.trim() === "") j++;
      const next = j < lines.length ? level[j] : 0;
      // Nothing before the next heading of the same or a higher level (or the end): an empty section.
      if (next !== null && next !== undefined && next <= l) continue;
    }
    kept.push(lines[i]!);
  }
  return kept.join("\n").replace(/\n{3,}/g, "\n\n").trim();
}
