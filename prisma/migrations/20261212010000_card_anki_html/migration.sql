-- CreateTable: each card's front and back as the Anki export writes them (HTML on one line, maths
-- in MathJax delimiters), rendered when content sync writes the card rather than for every card on
-- every export: rendering 100,000 cards' Markdown took most of a minute (issue 12). Filled by the
-- next sync (a change of `format` makes sync write every note once more).
CREATE TABLE "CardAnkiHtml" (
    "cardId" TEXT NOT NULL PRIMARY KEY,
    "format" TEXT NOT NULL,
    "front" TEXT NOT NULL,
    "back" TEXT NOT NULL
);
