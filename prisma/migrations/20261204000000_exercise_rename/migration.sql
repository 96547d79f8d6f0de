-- One name for live exercises: what was stored as "quiz" is renamed in place.
-- Card ids do not change (ReviewLog, Attempt and CardAction rows point at them),
-- so every card keeps its schedule and history.
ALTER TABLE "Card" RENAME COLUMN "quiz" TO "exercise";
UPDATE "Card" SET "kind" = 'exercise' WHERE "kind" = 'quiz';
UPDATE "Attempt" SET "context" = 'exercise' WHERE "context" = 'quiz';
