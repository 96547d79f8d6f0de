import "server-only";
import type { ParsedNote } from "@/lib/content/types";
import { newCardState } from "@/lib/srs/schedule";
import { seedStateFromHistory } from "@/lib/srs/seed";
import type { Db } from "./client";

export interface SyncReport {
  notes: number;
  cardsCreated: number;
  cardsUpdated: number;
  cardsRetired: number;
  notesRetired: number;
}

/**
 * Upserts notes and cards from parsed content in one transaction.
 * - A card keeps its schedule across edits (its id is stable).
 * - A card no longer in the Markdown is retired, never deleted: its history stays.
 * - A note that failed to parse (its path in `unreadablePaths`) is left alone,
 *   so a typo in one file does not retire that note's cards.
 * - New cards of a note with review history in its frontmatter start from that
 *   history; once the database has a state, the database wins.
 */
export async function syncNotes(
  db: Db,
  notes: ParsedNote[],
  options: { now: Date; unreadablePaths?: string[] },
): Promise<SyncReport> {
  const { now } = options;
  const report: SyncReport = { notes: notes.length, cardsCreated: 0, cardsUpdated: 0, cardsRetired: 0, notesRetired: 0 };
  await db.$transaction(async (tx) => {
    const existing = await tx.card.findMany({ select: { id: true, noteId: true, retired: true } });
    const byId = new Map(existing.map((c) => [c.id, c]));
    const liveNoteIds = new Set(notes.map((n) => n.id));
    const keepPaths = new Set(options.unreadablePaths ?? []);

    for (const note of notes) {
      const noteData = {
        path: note.path,
        title: note.title,
        lang: note.lang,
        tags: JSON.stringify(note.meta.tags),
        relatedOutlines: JSON.stringify(note.meta.relatedOutlines),
        difficulty: note.meta.difficulty,
        prose: note.prose,
        contentHash: note.contentHash,
        retired: false,
        syncedAt: now,
      };
      await tx.note.upsert({ where: { id: note.id }, create: { id: note.id, ...noteData }, update: noteData });

      const seeded = seedStateFromHistory(note.meta);
      const seen = new Set<string>();
      for (const card of note.cards) {
        seen.add(card.id);
        const content = {
          noteId: note.id,
          kind: card.kind,
          front: card.front,
          back: card.back,
          line: card.line,
          ord: card.ord,
          quiz: card.quiz ? JSON.stringify(card.quiz) : null,
          retired: false,
        };
        if (byId.has(card.id)) {
          await tx.card.update({ where: { id: card.id }, data: content });
          report.cardsUpdated++;
        } else {
          const state = seeded ?? newCardState(now);
          await tx.card.create({ data: { id: card.id, ...content, ...state } });
          report.cardsCreated++;
        }
      }
      for (const c of existing) {
        if (c.noteId === note.id && !seen.has(c.id) && !c.retired) {
          await tx.card.update({ where: { id: c.id }, data: { retired: true } });
          report.cardsRetired++;
        }
      }
    }

    const gone = await tx.note.findMany({ where: { retired: false, id: { notIn: [...liveNoteIds] } }, select: { id: true, path: true } });
    for (const n of gone) {
      if (keepPaths.has(n.path)) continue;
      await tx.note.update({ where: { id: n.id }, data: { retired: true } });
      const r = await tx.card.updateMany({ where: { noteId: n.id, retired: false }, data: { retired: true } });
      report.cardsRetired += r.count;
      report.notesRetired++;
    }
  });
  return report;
}
