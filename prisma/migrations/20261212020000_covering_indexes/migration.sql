-- Two indexes that hold every column their queries read, so that those queries read the index alone
-- (issue 12, at 100,000 cards and a million reviews):
--
-- The due-range index also holds what the due-range queries filter on besides the range (suspended,
-- buried, the note for its language): without it SQLite scanned all 100,000 entries of the card
-- browser's covering index for the home page's forecast and counts (7-18 ms each) rather than read
-- about 1,000 cards and look each one up.
--
-- The review log's per-card index also holds rating, state and duration: the review-log CSV reads the
-- log card by card, and looking up each of a million rows in a table written in time order took 10 s;
-- the triggers of 20261212000000_review_aggregates find a card's neighbouring grades by state and rating
-- in it too.

-- DropIndex
DROP INDEX "Card_retired_state_due_idx";

-- CreateIndex
CREATE INDEX "Card_retired_state_due_suspended_buriedUntil_noteId_idx" ON "Card"("retired", "state", "due", "suspended", "buriedUntil", "noteId");

-- DropIndex
DROP INDEX "ReviewLog_cardId_reviewedAt_idx";

-- CreateIndex
CREATE INDEX "ReviewLog_cardId_reviewedAt_rating_state_durationMs_idx" ON "ReviewLog"("cardId", "reviewedAt", "rating", "state", "durationMs");
