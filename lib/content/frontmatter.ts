import { isMap, isScalar } from "yaml";
import { z } from "zod";
import type { ContentIssue, NoteMeta } from "./types";
import { keyLineOf, keyName, parseYamlDocument, yamlData, type YamlDocument, type YamlFailure } from "./yaml";

/** Where the frontmatter sits in the file (0-based line indexes). */
export interface FrontmatterBlock {
  /** YAML text between the delimiters. */
  yaml: string;
  /** Index of the first YAML line. */
  firstLine: number;
  /** Index of the first body line (after the closing delimiter). */
  bodyStart: number;
}

export function findFrontmatter(lines: string[]): FrontmatterBlock | null {
  if (lines[0]?.replace(/^\uFEFF/, "").trimEnd() !== "---") return null;
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i]!.trimEnd();
    if (l === "---" || l === "...") {
      return { yaml: lines.slice(1, i).join("\n"), firstLine: 1, bodyStart: i + 1 };
    }
  }
  return null;
}

const dateLike = z
  .union([z.string(), z.date(), z.null()])
  .optional()
  .transform((v, ctx) => {
    if (v == null || v === "") return null;
    if (v instanceof Date) {
      if (Number.isNaN(v.getTime())) {
        ctx.addIssue({ code: "custom", message: "not a valid date" });
        return z.NEVER;
      }
      const iso = v.toISOString();
      return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
    }
    if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) || Number.isNaN(Date.parse(v))) {
      ctx.addIssue({ code: "custom", message: `expected a date like 2025-10-19, got "${v}"` });
      return z.NEVER;
    }
    const impossible = calendarProblem(v);
    if (impossible) {
      ctx.addIssue({ code: "custom", message: impossible });
      return z.NEVER;
    }
    return v;
  });

const stringList = z
  .union([z.array(z.union([z.string(), z.number(), z.null()])), z.null()])
  .optional()
  .transform((v) => (v ?? []).filter((x) => x !== null).map(String));

/**
 * Tags as Obsidian accepts them: a list, or one string holding several
 * (`"#x"`, `a, b`, `#a #b`). A leading `#` is dropped, as Obsidian shows them.
 * An empty list item (`- ` or `- #x`, which YAML reads as a comment) is ignored.
 */
const tagList = z
  .union([z.string(), z.array(z.union([z.string(), z.number(), z.null()])), z.null()])
  .optional()
  .transform((v) => {
    const items = typeof v === "string" ? v.split(/[\s,]+/) : (v ?? []).filter((x) => x !== null).map(String);
    return items.map((t) => t.trim().replace(/^#/, "")).filter(Boolean);
  });

/**
 * Frontmatter schema: the seed-003 keys plus optional id/title/lang. Other
 * keys (Obsidian's `aliases`, `cssclasses`, `publish`…) are ignored.
 */
export const frontmatterSchema = z.object({
  id: z.string().regex(/^[\w\u4e00-\u9fff/.-]+$/, "use letters, digits, - _ . and /").optional(),
  title: z.string().min(1).optional(),
  lang: z.enum(["en", "zh"]).optional(),
  created: dateLike,
  last_reviewed: dateLike,
  next_review: dateLike,
  review_count: z.number().int().min(0).optional().default(0),
  difficulty: z.enum(["easy", "medium", "hard"]).optional().default("medium"),
  mastery_level: z.number().min(0).max(1).optional().default(0),
  tags: tagList,
  related_outlines: stringList,
});

export type Frontmatter = z.infer<typeof frontmatterSchema>;

export function toMeta(fm: Frontmatter): NoteMeta {
  return {
    created: fm.created,
    lastReviewed: fm.last_reviewed,
    nextReview: fm.next_review,
    reviewCount: fm.review_count,
    difficulty: fm.difficulty,
    masteryLevel: fm.mastery_level,
    tags: fm.tags,
    relatedOutlines: fm.related_outlines,
  };
}

/**
 * Index of the line among `lines` that starts the YAML key `key` (plain or
 * quoted, optionally indented), or -1. Plain string comparison: a key is
 * content and never becomes a regular expression.
 */
export function findKeyLine(lines: readonly string[], key: string, indented: "top" | "nested" = "top"): number {
  const forms = [key, `"${key}"`, `'${key}'`];
  return lines.findIndex((raw) => {
    const text = indented === "top" ? raw : raw.trimStart();
    if (indented === "nested" && text.length === raw.length) return false;
    return forms.some((f) => text.startsWith(f) && text.slice(f.length).trimStart().startsWith(":"));
  });
}

const DATE_KEYS = ["created", "last_reviewed", "next_review"] as const;

/**
 * Why a date as written is not a real calendar date (`2025-02-30`,
 * `2025-13-45`), or null. YAML and Date.parse both roll such dates forward
 * silently, so the text is checked before either reads it.
 */
export function calendarProblem(text: string): string | null {
  const t = text.trim();
  const parts = t.slice(0, 10).split("-");
  if (parts.length !== 3 || parts[0]!.length !== 4) return null;
  const [y, mo, d] = parts.map((p) => (/^\d{1,2}$|^\d{4}$/.test(p) ? Number(p) : NaN)) as [number, number, number];
  if (!Number.isInteger(y) || !Number.isInteger(mo) || !Number.isInteger(d)) return null;
  if (mo < 1 || mo > 12) return `"${t}" is not a real date (month ${mo})`;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d < 1 || d > days) return `"${t}" is not a real date (${y}-${String(mo).padStart(2, "0")} has ${days} days)`;
  const time = /^[T ](\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(t.slice(10));
  if (time && (Number(time[1]) > 23 || Number(time[2]) > 59 || Number(time[3] ?? 0) > 59)) return `"${t}" is not a real time of day`;
  return null;
}

/** The top-level keys of a frontmatter document with the 0-based line each starts on (the first, if repeated). */
function keyLines(parsed: YamlDocument): Map<string, number> {
  const { doc } = parsed;
  const lines = new Map<string, number>();
  if (!isMap(doc.contents)) return lines;
  for (const pair of doc.contents.items) {
    const name = keyName(pair);
    const line = keyLineOf(parsed, pair);
    if (name !== null && line !== null && !lines.has(name)) lines.set(name, line);
  }
  return lines;
}

/** Impossible calendar dates among the date keys, read from the text as written (before the timestamp tag rolls them). */
function dateIssues({ doc, lineAt }: YamlDocument, block: FrontmatterBlock, file: string): ContentIssue[] {
  const issues: ContentIssue[] = [];
  if (!isMap(doc.contents)) return issues;
  for (const key of DATE_KEYS) {
    const value = doc.contents.items.find((p) => keyName(p) === key)?.value;
    if (!isScalar(value) || !value.range) continue;
    const text = typeof value.source === "string" ? value.source : typeof value.value === "string" ? value.value : "";
    const problem = calendarProblem(text);
    if (problem) issues.push({ file, line: block.firstLine + lineAt(value.range[0]) + 1, field: key, message: problem });
  }
  return issues;
}

const SCHEMA_KEYS = Object.keys(frontmatterSchema.shape);

export function parseFrontmatter(
  lines: string[],
  file: string,
): { block: FrontmatterBlock | null; fm: Frontmatter | null; issues: ContentIssue[] } {
  const block = findFrontmatter(lines);
  if (!block) {
    if (lines[0]?.trimEnd() === "---") {
      return { block: null, fm: null, issues: [{ file, line: 1, field: "frontmatter", message: "opening --- has no closing ---" }] };
    }
    return { block: null, fm: frontmatterSchema.parse({}), issues: [] };
  }
  const yamlIssue = (e: YamlFailure) => {
    const issue = { file, line: block.firstLine + e.line + 1, field: e.key ?? "frontmatter", message: `invalid YAML: ${e.message}` };
    return { block, fm: null, issues: [issue] };
  };
  const doc = parseYamlDocument(block.yaml);
  if (!doc.ok) return yamlIssue(doc);
  const yaml = yamlData(doc, SCHEMA_KEYS);
  if (!yaml.ok) return yamlIssue(yaml);
  const data = yaml.data ?? {};
  if (typeof data !== "object" || Array.isArray(data)) {
    return { block, fm: null, issues: [{ file, line: block.firstLine + 1, field: "frontmatter", message: "expected key: value pairs" }] };
  }
  // An empty property (`title:`, as Obsidian templates leave them) means "not set".
  const set = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== null));
  const impossibleDates = dateIssues(doc, block, file);
  if (impossibleDates.length) return { block, fm: null, issues: impossibleDates };
  const result = frontmatterSchema.safeParse(set);
  if (result.success) return { block, fm: result.data, issues: [] };
  const lineOfKey = keyLines(doc);
  const issues = result.error.issues.map((iss) => {
    const key = String(iss.path[0] ?? "frontmatter");
    return { file, line: block.firstLine + (lineOfKey.get(key) ?? 0) + 1, field: iss.path.join(".") || "frontmatter", message: iss.message };
  });
  // In file order, as a reader goes through them.
  issues.sort((a, b) => a.line - b.line);
  return { block, fm: null, issues };
}
