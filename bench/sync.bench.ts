/**
 * `npm run bench:sync`: content sync at scale on a fresh temp SQLite database
 * migrated by the app's own runner.
 *
 *   1. first sync of NOTES generated notes of 125 cards each (100k cards by default);
 *   2. the same notes again, nothing changed: what every server start pays;
 *   3. the same notes with one note edited.
 *
 * Each figure is printed with its target. Options: --notes N (default 800),
 * --lines N card lines per note (default 94, which gives 125 cards), --keep
 * to leave the database file behind.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseNote } from "../lib/content/parse";
import { createDb } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { syncNotes, type SyncReport } from "../lib/db/sync";
import { generatedNoteText, generatedNotes } from "./generated-notes";

const argValue = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!(Number.isInteger(v) && v >= 1)) throw new Error(`${name} expects a positive integer`);
  return v;
};
const NOTES = argValue("--notes", 800);
const LINES = argValue("--lines", 94);
const NO_CHANGE_TARGET_MS = 5_000;

const dir = mkdtempSync(path.join(tmpdir(), "gradprep-bench-sync-"));
const url = `file:${path.join(dir, "bench.db")}`;
migrate(url);
const db = createDb(url);

const t0 = performance.now();
const notes = generatedNotes(NOTES, LINES);
const cards = notes.reduce((k, n) => k + n.cards.length, 0);
console.log(`generated and parsed ${NOTES} notes, ${cards} cards in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

async function timed(label: string, run: () => Promise<SyncReport>, targetMs: number | null): Promise<void> {
  const start = performance.now();
  const r = await run();
  const ms = performance.now() - start;
  const verdict = targetMs == null ? "(no target)" : ms < targetMs ? `target < ${targetMs / 1000} s: ok` : `target < ${targetMs / 1000} s: MISSED`;
  console.log(`${label.padEnd(28)} ${(ms / 1000).toFixed(2).padStart(7)} s  ${verdict}  ${JSON.stringify(r)}`);
}

try {
  const day = 86_400_000;
  const now = new Date("2026-03-01T09:00:00Z");
  await timed("first sync", () => syncNotes(db, notes, { now }), null);
  await timed("no-change sync", () => syncNotes(db, notes, { now: new Date(now.getTime() + day) }), NO_CHANGE_TARGET_MS);
  const k = Math.floor(NOTES / 2);
  const edited = parseNote(generatedNoteText(k, LINES, 1, 1), `gen/note-${k}.md`).note!;
  const oneEdited = notes.map((n, i) => (i === k ? edited : n));
  await timed("one note edited", () => syncNotes(db, oneEdited, { now: new Date(now.getTime() + 2 * day) }), NO_CHANGE_TARGET_MS);
  console.log(`sync: no-change start at ${cards} cards / ${NOTES} notes, target < ${NO_CHANGE_TARGET_MS / 1000} s`);
} finally {
  await db.$disconnect();
  if (process.argv.includes("--keep")) console.log(`database kept at ${url}`);
  else rmSync(dir, { recursive: true, force: true });
}
