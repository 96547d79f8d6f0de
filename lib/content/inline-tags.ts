import { maskInline } from "./cards";

/** `#tag` or `#nested/tag` after a space or at line start; not all digits (Obsidian's rule: `#1` is not a tag). */
const TAG_RE = /(?<=^|\s)#([\p{L}\p{N}_/-]*[\p{L}_/-][\p{L}\p{N}_/-]*)/gu;

/**
 * Obsidian-style inline tags in a note body, in order of appearance, without
 * the `#`. Fenced code, inline code and math are not searched; headings
 * (`# Title`) are not tags because a space follows the `#`.
 */
export function inlineTags(bodyLines: readonly string[]): string[] {
  const tags: string[] = [];
  let fence: string | null = null;
  let inMath = false;
  for (const line of bodyLines) {
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (f && (fence === null || f.startsWith(fence))) {
      fence = fence === null ? f : null;
      continue;
    }
    if (fence !== null) continue;
    const masked = maskInline(line);
    const dollars = (masked.match(/\$\$/g) ?? []).length;
    if (inMath || dollars % 2 === 1) {
      if (dollars % 2 === 1) inMath = !inMath;
      continue;
    }
    for (const m of masked.matchAll(TAG_RE)) {
      const tag = m[1]!.replace(/\/+$/, "");
      if (tag && !tags.includes(tag)) tags.push(tag);
    }
  }
  return tags;
}
