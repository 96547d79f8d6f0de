import "server-only";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseNote, type ParseOptions } from "./parse";
import type { ContentIssue, ParsedNote } from "./types";

export const DEFAULT_CONTENT_DIR = "content";

export interface LoadedContent {
  notes: ParsedNote[];
  issues: ContentIssue[];
  /** Files that could not be loaded at all; their database state is kept. */
  unreadablePaths: string[];
}

/** Every `.md` under `dir`, except README.md files (they document the folder). */
export function listNoteFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (sub: string) => {
    for (const e of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${e.name}` : e.name;
      if (e.name.startsWith(".")) continue;
      if (e.isDirectory()) walk(rel);
      else if (e.isFile() && /\.md$/i.test(e.name) && e.name.toLowerCase() !== "readme.md") out.push(rel);
    }
  };
  walk("");
  return out.sort();
}

export function loadContent(dir: string = process.env.CONTENT_DIR || DEFAULT_CONTENT_DIR, options: ParseOptions = {}): LoadedContent {
  const notes: ParsedNote[] = [];
  const issues: ContentIssue[] = [];
  const unreadablePaths: string[] = [];
  const ids = new Map<string, string>();
  for (const rel of listNoteFiles(dir)) {
    const result = parseNote(readFileSync(path.join(dir, rel), "utf8"), rel, options);
    issues.push(...result.issues);
    if (!result.note) {
      unreadablePaths.push(rel);
      continue;
    }
    const other = ids.get(result.note.id);
    if (other) {
      issues.push({ file: rel, line: 1, field: "id", message: `note id "${result.note.id}" is already used by ${other}` });
      unreadablePaths.push(rel);
      continue;
    }
    ids.set(result.note.id, rel);
    notes.push(result.note);
  }
  return { notes, issues, unreadablePaths };
}
