-- AlterTable: sibling burying (Anki's "bury new siblings" / "bury review siblings", both on by default)
-- and the daily cap on live exercises taken from the review and new queues.
ALTER TABLE "Settings" ADD COLUMN "buryNewSiblings" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "Settings" ADD COLUMN "buryReviewSiblings" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "Settings" ADD COLUMN "exercisesPerDay" INTEGER NOT NULL DEFAULT 10;
