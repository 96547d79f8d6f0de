-- The review queue at 100,000 cards (lib/db/queue.ts; issue 12's due-queue target is 5 ms), two indexes:
--
-- New cards: with new siblings buried, a session takes each note's first new card (by position) in note
-- order. Without an index on (state, noteId, ord) SQLite grouped every new card of the collection by note
-- for that, 15-40 ms at 33,000 new cards; with this one each note's first new card is one look-up, and what
-- the queue filters on besides (suspended, buried, due) is read from the index, not the card's row.
--
-- Due cards: the due-range index of 20261212020000_covering_indexes also holds the card's id and whether it
-- is a live exercise (an index on that expression, which schema.prisma cannot describe), so that the
-- session's reviews due today (800 or more at 100k cards) are read from the index alone: each card's row,
-- with its text, was read for those two columns, most of that query's time.

-- CreateIndex
CREATE INDEX "Card_retired_state_noteId_ord_suspended_buriedUntil_due_idx" ON "Card"("retired", "state", "noteId", "ord", "suspended", "buriedUntil", "due");

-- DropIndex
DROP INDEX "Card_retired_state_due_suspended_buriedUntil_noteId_idx";

-- CreateIndex
CREATE INDEX "Card_queue_due_idx" ON "Card"("retired", "state", "due", "suspended", "buriedUntil", "noteId", "id", ("exercise" IS NOT NULL));
