import { parseCards, type CardParseOptions } from "./cards";
import { proseWithoutCardLines } from "./prose";
import { parseFrontmatter, toMeta } from "./frontmatter";
import { shortHash } from "./hash";
import { inlineTags } from "./inline-tags";
import type { Lang, ParseResult } from "./types";

export type ParseOptions = CardParseOptions;

const CJK = /[\u3400-\u9fff]/g;

/**
 * Whether a body is written in Chinese: its CJK characters (outside math and
 * code) are at least a quarter as many as its Latin letters. A Chinese word
 * or alias in an English note does not make it Chinese.
 */
function mostlyChinese(body: string): boolean {
  const prose = body.replace(/```[\s\S]*?```|`[^`\n]*`|\$\$[\s\S]*?\$\$|\$[^$\n]*\$/g, " ");
  const cjk = prose.match(CJK)?.length ?? 0;
  const latin = prose.match(/[A-Za-z]/g)?.length ?? 0;
  return cjk > 0 && cjk * 4 >= latin;
}

/**
 * Parses one note. Pure: `path` is only used for ids and error messages.
 * A note whose frontmatter is broken is not loaded (note = null); a broken
 * card is reported and skipped while the rest of the note loads.
 */
export function parseNote(text: string, path: string, options: ParseOptions = {}): ParseResult {
  const file = path.replace(/\\/g, "/");
  // A byte-order mark and CRLF line endings (common in notes from Windows) are not content.
  const lines = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").split("\n");
  const { block, fm, issues } = parseFrontmatter(lines, file);
  if (!fm) return { note: null, issues };

  const bodyStart = block?.bodyStart ?? 0;
  const bodyLines = lines.slice(bodyStart);
  const id = fm.id ?? file.replace(/\.md$/i, "");
  const heading = bodyLines.map((l) => /^#\s+(.+?)\s*#*\s*$/.exec(l)?.[1]).find(Boolean);
  const title = fm.title ?? heading ?? file.split("/").pop()!.replace(/\.md$/i, "");
  const lang: Lang = fm.lang ?? (file.startsWith("en/") ? "en" : file.startsWith("zh/") || mostlyChinese(bodyLines.join("\n")) ? "zh" : "en");

  // Obsidian's inline #tags count as tags too, after those in the frontmatter.
  const meta = toMeta(fm);
  meta.tags = [...meta.tags, ...inlineTags(bodyLines).filter((t) => !meta.tags.includes(t))];

  const { cards, issues: cardIssues, cardLines } = parseCards(bodyLines, bodyStart + 1, id, file, options);
  const prose = proseWithoutCardLines(bodyLines.filter((_, i) => !cardLines.has(bodyStart + 1 + i)));

  return {
    note: { id, path: file, title, lang, meta, body: bodyLines.join("\n"), prose, cards, contentHash: shortHash(text) },
    issues: [...issues, ...cardIssues],
  };
}
