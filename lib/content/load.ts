import "server-only";
import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { decodeNote } from "./decode";
import { findFrontmatter, findKeyLine } from "./frontmatter";
import { parseNote, type ParseOptions } from "./parse";
import { checkInterviewRefs } from "./interview";
import type { ContentIssue, ParsedNote } from "./types";

export const DEFAULT_CONTENT_DIR = "content";

export interface LoadedContent {
  notes: ParsedNote[];
  issues: ContentIssue[];
  /** Files that could not be loaded at all; their database state is kept. */
  unreadablePaths: string[];
}

export interface NoteFiles {
  /** Paths relative to the folder, forward slashes, sorted. */
  files: string[];
  /** Symbolic links that cannot be followed (outside the folder, broken, looping). */
  issues: ContentIssue[];
}

const isNoteName = (name: string) => name.toLowerCase().endsWith(".md") && name.toLowerCase() !== "readme.md";

/**
 * Every `.md` under `dir`, except README.md files (they document the folder)
 * and hidden ones. A symbolic link is followed when it resolves inside `dir`
 * (a file reached both directly and through a link is listed once, under its
 * own path); a link leading outside `dir`, broken or looping is reported.
 */
export function scanNoteFiles(dir: string): NoteFiles {
  const root = realpathSync(dir);
  const inside = (real: string) => real === root || real.startsWith(root + path.sep);
  const found = new Map<string, string>(); // real path → first relative path that reached it
  const issues: ContentIssue[] = [];
  const visitedDirs = new Set<string>([root]);
  const linkIssue = (rel: string, message: string) => issues.push({ file: rel, line: 1, field: "file", message });

  const walk = (sub: string) => {
    for (const e of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${e.name}` : e.name;
      if (e.name.startsWith(".")) continue;
      if (e.isDirectory()) {
        visitedDirs.add(realpathSync(path.join(dir, rel)));
        walk(rel);
      } else if (e.isFile()) {
        if (isNoteName(e.name)) found.set(realpathSync(path.join(dir, rel)), rel);
      } else if (e.isSymbolicLink()) {
        let real: string;
        try {
          real = realpathSync(path.join(dir, rel));
        } catch {
          if (isNoteName(e.name)) linkIssue(rel, "symbolic link to a file that does not exist (or a link loop); not loaded");
          continue;
        }
        const stat = statSync(real);
        if (!stat.isDirectory() && !isNoteName(e.name)) continue;
        if (!inside(real)) {
          linkIssue(rel, `symbolic link leads outside the content folder (to ${real}); not loaded`);
          continue;
        }
        if (stat.isDirectory()) {
          if (visitedDirs.has(real)) continue; // a loop, or a folder already read
          visitedDirs.add(real);
          walk(rel);
        } else if (stat.isFile() && !found.has(real)) {
          found.set(real, rel);
        }
      }
    }
  };
  walk("");
  // A note reached through a link and directly is listed under its own path.
  const files = new Set<string>();
  for (const [real, rel] of found) {
    const own = path.relative(root, real).split(path.sep).join("/");
    const ownIsListed = isNoteName(path.basename(own)) && !own.split("/").some((part) => part.startsWith("."));
    files.add(ownIsListed ? own : rel);
  }
  issues.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files: [...files].sort(), issues };
}

/** Every loadable note path under `dir` (see scanNoteFiles). */
export function listNoteFiles(dir: string): string[] {
  return scanNoteFiles(dir).files;
}

/** 1-based line of the note's `id:` key, or 1 when the id comes from the path. */
function idLine(text: string): number {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const block = findFrontmatter(lines);
  if (!block) return 1;
  const idx = findKeyLine(block.yaml.split("\n"), "id");
  return idx < 0 ? 1 : block.firstLine + idx + 1;
}

export function loadContent(dir: string = process.env.CONTENT_DIR || DEFAULT_CONTENT_DIR, options: ParseOptions = {}): LoadedContent {
  const issues: ContentIssue[] = [];
  const unreadablePaths: string[] = [];
  const scan = scanNoteFiles(dir);
  issues.push(...scan.issues);
  const loaded: { note: ParsedNote; text: string }[] = [];
  for (const rel of scan.files) {
    // The notes are data read at run time (CONTENT_DIR), not files for Next's build to trace.
    const file = path.join(/* turbopackIgnore: true */ dir, rel);
    const decoded = decodeNote(readFileSync(/* turbopackIgnore: true */ file), rel);
    if (!decoded.ok) {
      issues.push(decoded.issue);
      unreadablePaths.push(rel);
      continue;
    }
    const result = parseNote(decoded.text, rel, options);
    issues.push(...result.issues);
    if (!result.note) {
      unreadablePaths.push(rel);
      continue;
    }
    loaded.push({ note: result.note, text: decoded.text });
  }

  // A note id used by two files: neither is loaded (so the database keeps
  // both notes' cards as they were), and each file's problem names the other.
  // Which file sorts first must not decide whose cards survive.
  const byId = new Map<string, { note: ParsedNote; text: string }[]>();
  for (const l of loaded) byId.set(l.note.id, [...(byId.get(l.note.id) ?? []), l]);
  const notes: ParsedNote[] = [];
  for (const l of loaded) {
    const same = byId.get(l.note.id)!;
    if (same.length === 1) {
      notes.push(l.note);
      continue;
    }
    const others = same.filter((o) => o !== l).map((o) => o.note.path);
    issues.push({
      file: l.note.path,
      line: idLine(l.text),
      field: "id",
      message: `note id "${l.note.id}" is also used by ${others.join(", ")}; neither file is loaded until one id is changed`,
    });
    unreadablePaths.push(l.note.path);
  }
  // Key points name cards in other notes: checked once every note is read.
  issues.push(...checkInterviewRefs(notes));
  return { notes, issues, unreadablePaths };
}
