import { readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_CONTENT_DIR, listNoteFiles } from "@/lib/content/load";
import { decodeNote } from "@/lib/content/decode";
import { contentParseOptions } from "@/lib/content/options";
import { parseNote } from "@/lib/content/parse";
import { formatIssue } from "@/lib/content/types";
import { reviewValuesFor, writeBack, type FieldChange } from "@/lib/content/writeback";
import { createDb, databaseUrl, type Db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { noteReviewStats } from "@/lib/db/note-stats";

/**
 * `npm run content:writeback [-- --dry-run] [DIR]`: writes each note's review
 * metadata from the database into its frontmatter (see lib/content/writeback.ts
 * for what changes and how). A file is written only if its bytes are still
 * those it was computed from, via a temp file and a rename.
 */

export interface WritebackFileReport {
  file: string;
  status: "written" | "would-write" | "unchanged" | "skipped";
  changes: FieldChange[];
  /** Why a file was skipped. */
  reason?: string;
}

export interface WritebackOptions {
  now: Date;
  dryRun?: boolean;
  /** Called after the new text is computed, before the file is checked and written (tests use it to edit the file in between). */
  beforeWrite?: (absPath: string) => void;
}

export type WriteOutcome = "written" | "changed";

/**
 * Replaces `absPath` with `text` only if it still holds exactly `expected`:
 * re-reads and compares the bytes, writes a temp file beside it (same mode),
 * then renames it over the original.
 */
export function writeIfUnchanged(absPath: string, expected: Buffer, text: string): WriteOutcome {
  let current: Buffer;
  try {
    current = readFileSync(absPath);
  } catch {
    return "changed";
  }
  if (!current.equals(expected)) return "changed";
  const tmp = path.join(path.dirname(absPath), `.${path.basename(absPath)}.writeback-${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text, { encoding: "utf8", mode: statSync(absPath).mode, flag: "wx" });
    renameSync(tmp, absPath);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  return "written";
}

export async function writeBackContent(db: Db, dir: string, options: WritebackOptions): Promise<WritebackFileReport[]> {
  const stats = await noteReviewStats(db, options.now);
  const parseOptions = contentParseOptions();
  const reports: WritebackFileReport[] = [];
  const files = listNoteFiles(dir).map((rel) => {
    // A symbolic link inside the folder is written through: the rename replaces its target, not the link.
    const abs = realpathSync(path.join(dir, rel));
    const original = readFileSync(abs);
    // Never Buffer#toString: it turns bytes that are not UTF-8 into U+FFFD, and writing that back destroys the note.
    const decoded = decodeNote(original, rel);
    return { rel, abs, original, decoded, parsed: decoded.ok ? parseNote(decoded.text, rel, parseOptions) : null };
  });
  const idFiles = new Map<string, string[]>();
  for (const f of files) if (f.parsed?.note) idFiles.set(f.parsed.note.id, [...(idFiles.get(f.parsed.note.id) ?? []), f.rel]);
  for (const { rel, abs, original, decoded, parsed } of files) {
    const skip = (reason: string) => reports.push({ file: rel, status: "skipped", changes: [], reason });
    if (!decoded.ok) {
      skip(`does not load: ${formatIssue(decoded.issue)}`);
      continue;
    }
    const text = decoded.text;
    if (!parsed?.note) {
      skip(`does not load: ${formatIssue(parsed!.issues[0]!)}`);
      continue;
    }
    const { id } = parsed.note;
    const sharing = idFiles.get(id)!.filter((f) => f !== rel);
    if (sharing.length) {
      skip(`note id "${id}" is also used by ${sharing.join(", ")}`);
      continue;
    }
    const s = stats.get(id);
    if (!s) {
      skip(`note "${id}" is not in the database (run npm run content:sync)`);
      continue;
    }
    const result = writeBack(text, reviewValuesFor(s), rel);
    if (!result.ok) {
      skip(`${rel}:${result.line}: ${result.field}: ${result.message}`);
      continue;
    }
    if (!result.changes.length) {
      reports.push({ file: rel, status: "unchanged", changes: [] });
      continue;
    }
    if (options.dryRun) {
      reports.push({ file: rel, status: "would-write", changes: result.changes });
      continue;
    }
    options.beforeWrite?.(abs);
    if (writeIfUnchanged(abs, original, result.text) === "changed") {
      skip("the file changed while it was being written back; run again");
      continue;
    }
    reports.push({ file: rel, status: "written", changes: result.changes });
  }
  return reports;
}

/** Human-readable lines: one per change, skipped files with reasons, then the summary. */
export function formatReport(reports: WritebackFileReport[], dryRun: boolean): string[] {
  const lines: string[] = [];
  for (const r of reports) {
    if (r.status === "written" || r.status === "would-write") {
      for (const c of r.changes) lines.push(`${r.file}:${c.line}: ${c.key}: ${c.before ?? "(added)"} → ${c.after}`);
    }
  }
  for (const r of reports) if (r.status === "skipped") lines.push(`skipped ${r.file}: ${r.reason}`);
  const count = (s: WritebackFileReport["status"]) => reports.filter((r) => r.status === s).length;
  lines.push(
    `${dryRun ? `${count("would-write")} would be written (dry run, nothing written)` : `${count("written")} written`}, ` +
      `${count("unchanged")} unchanged, ${count("skipped")} skipped`,
  );
  return lines;
}

async function main(argv: string[]): Promise<number> {
  const dryRun = argv.includes("--dry-run");
  const unknown = argv.filter((a) => a.startsWith("-") && a !== "--dry-run");
  if (unknown.length) {
    console.error(`unknown option ${unknown[0]}; usage: content:writeback [--dry-run] [DIR]`);
    return 2;
  }
  const dir = argv.find((a) => !a.startsWith("-")) ?? (process.env.CONTENT_DIR || DEFAULT_CONTENT_DIR);
  const url = databaseUrl();
  migrate(url);
  const db = createDb(url);
  try {
    const reports = await writeBackContent(db, dir, { now: new Date(), dryRun });
    const lines = formatReport(reports, dryRun);
    for (const l of lines) console.log(l);
    // Non-zero when a file was skipped, so that a script notices.
    return reports.some((r) => r.status === "skipped") ? 1 : 0;
  } finally {
    await db.$disconnect();
  }
}

const isEntry = (() => {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();
if (isEntry) process.exitCode = await main(process.argv.slice(2));
