-- AlterTable
ALTER TABLE "Card" ADD COLUMN "suspended" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Card" ADD COLUMN "buriedUntil" DATETIME;
ALTER TABLE "Card" ADD COLUMN "leech" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "CardAction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cardId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "previous" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "CardAction_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "Card" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CardAction_createdAt_idx" ON "CardAction"("createdAt");

-- CreateTable
CREATE TABLE "Settings" (
    "id" INTEGER NOT NULL PRIMARY KEY DEFAULT 1,
    "retention" REAL NOT NULL DEFAULT 0.9,
    "newPerDay" INTEGER NOT NULL DEFAULT 20,
    "reviewsPerDay" INTEGER NOT NULL DEFAULT 200,
    "learningSteps" TEXT NOT NULL DEFAULT '1m 10m',
    "relearningSteps" TEXT NOT NULL DEFAULT '10m',
    "maximumInterval" INTEGER NOT NULL DEFAULT 36500,
    "fuzz" BOOLEAN NOT NULL DEFAULT true,
    "dayStartHour" INTEGER NOT NULL DEFAULT 4,
    "theme" TEXT NOT NULL DEFAULT 'system',
    "weights" TEXT,
    "optimizedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);
