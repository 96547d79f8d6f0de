-- AlterTable: the hash of what content sync last wrote for a note and its cards, so that a start with unchanged content skips the note instead of rewriting every card. Empty until the next sync writes it, which then syncs each note once.
ALTER TABLE "Note" ADD COLUMN "syncHash" TEXT NOT NULL DEFAULT '';
