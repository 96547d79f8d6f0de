-- The card browser (/browse, lib/db/browse.ts) at 100,000 cards: one covering
-- index holding every column its filters and sorts read (about 10 MB at 100k
-- cards), so that a count, a filter or a sorted page reads the index only,
-- never a card's row with its text, and a note's cards are a range of it.
-- CreateIndex
CREATE INDEX "Card_browse_idx" ON "Card"("retired", "noteId", "state", "suspended", "leech", "buriedUntil", "due", "stability", "difficulty", "scheduledDays", "lapses", "lastReview", "kind");
