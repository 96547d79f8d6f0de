-- CreateTable
CREATE TABLE "Attempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cardId" TEXT NOT NULL,
    "generator" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "params" TEXT NOT NULL,
    "input" TEXT NOT NULL,
    "parsedValue" TEXT,
    "verdict" TEXT NOT NULL,
    "mistakeId" TEXT,
    "tryNumber" INTEGER NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "context" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Attempt_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "Card" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Attempt_cardId_createdAt_idx" ON "Attempt"("cardId", "createdAt");

-- CreateIndex
CREATE INDEX "Attempt_generator_idx" ON "Attempt"("generator");
