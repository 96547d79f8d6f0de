import { parseCards, type CardParseOptions } from "./cards";
import { parseFrontmatter, toMeta } from "./frontmatter";
import { shortHash } from "./hash";
import type { Lang, ParseResult } from "./types";

export type ParseOptions = CardParseOptions;

const CJK = /[\u3400-\u9fff]/;

/**
 * Parses one note. Pure: `path` is only used for ids and error messages.
 * A note whose frontmatter is broken is not loaded (note = null); a broken
 * card is reported and skipped while the rest of the note loads.
 */
export function parseNote(text: string, path: string, options: ParseOptions = {}): ParseResult {
  const file = path.replace(/\\/g, "/");
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const { block, fm, issues } = parseFrontmatter(lines, file);
  if (!fm) return { note: null, issues };

  const bodyStart = block?.bodyStart ?? 0;
  const bodyLines = lines.slice(bodyStart);
  const id = fm.id ?? file.replace(/\.md$/i, "");
  const heading = bodyLines.map((l) => /^#\s+(.+?)\s*#*\s*$/.exec(l)?.[1]).find(Boolean);
  const title = fm.title ?? heading ?? file.split("/").pop()!.replace(/\.md$/i, "");
  const lang: Lang = fm.lang ?? (file.startsWith("en/") ? "en" : file.startsWith("zh/") || CJK.test(text) ? "zh" : "en");

  const { cards, issues: cardIssues, cardLines } = parseCards(bodyLines, bodyStart + 1, id, file, options);
  const prose = bodyLines
    .filter((_, i) => !cardLines.has(bodyStart + 1 + i))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();

  return {
    note: { id, path: file, title, lang, meta: toMeta(fm), body: bodyLines.join("\n"), prose, cards, contentHash: shortHash(text) },
    issues: [...issues, ...cardIssues],
  };
}
