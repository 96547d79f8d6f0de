-- Review aggregates: what the home page, /stats and /settings need from the
-- review log, kept up to date by triggers as grades are written and undone,
-- so that no page reads the whole log (issue 12). Every grade path (the app's
-- grade and undo, a bulk import, a test inserting rows) keeps them right,
-- since SQLite itself maintains them in the transaction that writes the log.
--
-- Study days (a day starts at Settings.dayStartHour in the server's time
-- zone) are computed in SQL from StudyCalendar, which lib/db/study-calendar.ts
-- rewrites when the day start or the zone changes; updating StudyCalendarKey
-- rebuilds every aggregate from the log (trigger at the end of this file).
-- Review log rows are never updated in place (a grade inserts one, undo
-- deletes one), so there are no UPDATE triggers on ReviewLog.

-- CreateTable
CREATE TABLE "ReviewDay" (
    "lang" TEXT NOT NULL,
    "day" INTEGER NOT NULL,
    "kind" INTEGER NOT NULL,
    "rating" INTEGER NOT NULL,
    "reviews" INTEGER NOT NULL,
    "counted" INTEGER NOT NULL,
    "ms" INTEGER NOT NULL,

    PRIMARY KEY ("lang", "day", "kind", "rating")
);

-- CreateTable
CREATE TABLE "OverdueDay" (
    "lang" TEXT NOT NULL,
    "day" INTEGER NOT NULL,
    "opened" INTEGER NOT NULL,
    "closed" INTEGER NOT NULL,

    PRIMARY KEY ("lang", "day")
);

-- CreateTable
CREATE TABLE "CardHistory" (
    "cardId" TEXT NOT NULL PRIMARY KEY,
    "firstAt" DATETIME NOT NULL,
    "firstId" TEXT NOT NULL,
    "firstState" INTEGER NOT NULL,
    "days" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "StudyCalendar" (
    "fromMs" BIGINT NOT NULL PRIMARY KEY,
    "day" INTEGER NOT NULL
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "StudyCalendarKey" (
    "id" INTEGER NOT NULL PRIMARY KEY DEFAULT 1,
    "dayStartHour" INTEGER NOT NULL,
    "timeZone" TEXT NOT NULL
);

-- CreateIndex: the due-range queries (due cards, counts, forecast, next due) read one state at a time,
-- so cards still new (due = when they were created) are no longer walked by every range over due.
CREATE INDEX "Card_retired_state_due_idx" ON "Card"("retired", "state", "due");

-- One review log row with what the aggregates key it by: its note's language, its study day, its
-- answer group (0 learning: the card was new, learning or relearning before the grade; 1 young review;
-- 2 mature review, interval 21+ days), and for an overdue span the card's state and the study day it
-- was due before the grade, from previousCard (the log's own `due` column is ts-fsrs' last review
-- date); a previousCard that is not JSON gives no span, as lib/stats/streak skips it.
CREATE VIEW "ReviewLogDay" AS
SELECT
    l."id", l."cardId", n."lang", l."state", l."rating", l."reviewedAt", l."durationMs" AS "ms",
    CASE WHEN l."state" = 2 THEN CASE WHEN l."scheduledDays" >= 21 THEN 2 ELSE 1 END ELSE 0 END AS "kind",
    (SELECT k."day" + (CAST(round(unixepoch(l."reviewedAt", 'subsec') * 1000) AS INTEGER) - k."fromMs") / 86400000 FROM "StudyCalendar" k
     WHERE k."fromMs" <= CAST(round(unixepoch(l."reviewedAt", 'subsec') * 1000) AS INTEGER) ORDER BY k."fromMs" DESC LIMIT 1) AS "day",
    CASE WHEN json_valid(l."previousCard") THEN l."previousCard" ->> '$.state' END AS "stateBefore",
    (SELECT k."day" + (CAST(round(unixepoch(CASE WHEN json_valid(l."previousCard") THEN l."previousCard" ->> '$.due' END, 'subsec') * 1000) AS INTEGER) - k."fromMs") / 86400000
     FROM "StudyCalendar" k
     WHERE k."fromMs" <= CAST(round(unixepoch(CASE WHEN json_valid(l."previousCard") THEN l."previousCard" ->> '$.due' END, 'subsec') * 1000) AS INTEGER)
     ORDER BY k."fromMs" DESC LIMIT 1) AS "dueDay"
FROM "ReviewLog" l
JOIN "Card" c ON c."id" = l."cardId"
JOIN "Note" n ON n."id" = c."noteId";

-- A grade: count it on its day; a Review-state grade counts for true retention when it is its card's
-- first that study day (the card's previous Review-state grade fell on an earlier day), and then a
-- later one the same day (only where rows arrive out of time order) no longer is; a studied card graded
-- on a later study day than it was due opens an overdue span on the day it was due and closes it on the
-- day it was graded; a grade 1–4 is one more study day of its card when no other grade of the card falls
-- on that day, and the card's first grade when it is older than the one recorded.
CREATE TRIGGER "ReviewLog_aggregates_insert" AFTER INSERT ON "ReviewLog" BEGIN
    INSERT INTO "ReviewDay" ("lang", "day", "kind", "rating", "reviews", "counted", "ms")
    SELECT v."lang", v."day", v."kind", v."rating", 1,
        v."state" = 2 AND v."day" IS NOT (SELECT p."day" FROM "ReviewLogDay" p WHERE p."id" = (
            SELECT q."id" FROM "ReviewLog" q WHERE q."cardId" = NEW."cardId" AND q."state" = 2 AND q."reviewedAt" <= NEW."reviewedAt" AND (q."reviewedAt" < NEW."reviewedAt" OR q."id" < NEW."id")
            ORDER BY q."reviewedAt" DESC, q."id" DESC LIMIT 1)),
        v."ms"
    FROM "ReviewLogDay" v WHERE v."id" = NEW."id"
    ON CONFLICT ("lang", "day", "kind", "rating") DO UPDATE SET "reviews" = "reviews" + 1, "counted" = "counted" + excluded."counted", "ms" = "ms" + excluded."ms";

    UPDATE "ReviewDay" SET "counted" = "counted" - 1
    WHERE NEW."state" = 2
      AND ("lang", "day", "kind", "rating") = (
        SELECT s."lang", s."day", s."kind", s."rating" FROM "ReviewLogDay" s WHERE s."id" = (
            SELECT q."id" FROM "ReviewLog" q WHERE q."cardId" = NEW."cardId" AND q."state" = 2 AND q."reviewedAt" >= NEW."reviewedAt" AND (q."reviewedAt" > NEW."reviewedAt" OR q."id" > NEW."id")
            ORDER BY q."reviewedAt" ASC, q."id" ASC LIMIT 1))
      AND "day" = (SELECT v."day" FROM "ReviewLogDay" v WHERE v."id" = NEW."id")
      AND "day" IS NOT (SELECT p."day" FROM "ReviewLogDay" p WHERE p."id" = (
            SELECT q."id" FROM "ReviewLog" q WHERE q."cardId" = NEW."cardId" AND q."state" = 2 AND q."reviewedAt" <= NEW."reviewedAt" AND (q."reviewedAt" < NEW."reviewedAt" OR q."id" < NEW."id")
            ORDER BY q."reviewedAt" DESC, q."id" DESC LIMIT 1));

    INSERT INTO "OverdueDay" ("lang", "day", "opened", "closed")
    SELECT v."lang", v."dueDay", 1, 0 FROM "ReviewLogDay" v WHERE v."id" = NEW."id" AND v."stateBefore" <> 0 AND v."day" > v."dueDay"
    ON CONFLICT ("lang", "day") DO UPDATE SET "opened" = "opened" + 1;
    INSERT INTO "OverdueDay" ("lang", "day", "opened", "closed")
    SELECT v."lang", v."day", 0, 1 FROM "ReviewLogDay" v WHERE v."id" = NEW."id" AND v."stateBefore" <> 0 AND v."day" > v."dueDay"
    ON CONFLICT ("lang", "day") DO UPDATE SET "closed" = "closed" + 1;

    INSERT INTO "CardHistory" ("cardId", "firstAt", "firstId", "firstState", "days")
    SELECT NEW."cardId", NEW."reviewedAt", NEW."id", NEW."state",
        NOT EXISTS (
            SELECT 1 FROM "ReviewLogDay" o WHERE o."id" IN (
                (SELECT q."id" FROM "ReviewLog" q WHERE q."cardId" = NEW."cardId" AND q."rating" BETWEEN 1 AND 4 AND q."reviewedAt" <= NEW."reviewedAt" AND (q."reviewedAt" < NEW."reviewedAt" OR q."id" < NEW."id")
                 ORDER BY q."reviewedAt" DESC, q."id" DESC LIMIT 1),
                (SELECT q."id" FROM "ReviewLog" q WHERE q."cardId" = NEW."cardId" AND q."rating" BETWEEN 1 AND 4 AND q."reviewedAt" >= NEW."reviewedAt" AND (q."reviewedAt" > NEW."reviewedAt" OR q."id" > NEW."id")
                 ORDER BY q."reviewedAt" ASC, q."id" ASC LIMIT 1))
            AND o."day" = (SELECT v."day" FROM "ReviewLogDay" v WHERE v."id" = NEW."id"))
    WHERE NEW."rating" BETWEEN 1 AND 4
    ON CONFLICT ("cardId") DO UPDATE SET
        "days" = "days" + excluded."days",
        "firstState" = CASE WHEN excluded."firstAt" < "firstAt" OR (excluded."firstAt" = "firstAt" AND excluded."firstId" < "firstId") THEN excluded."firstState" ELSE "firstState" END,
        "firstId" = CASE WHEN excluded."firstAt" < "firstAt" OR (excluded."firstAt" = "firstAt" AND excluded."firstId" < "firstId") THEN excluded."firstId" ELSE "firstId" END,
        "firstAt" = CASE WHEN excluded."firstAt" < "firstAt" OR (excluded."firstAt" = "firstAt" AND excluded."firstId" < "firstId") THEN excluded."firstAt" ELSE "firstAt" END;
END;

-- Undo (or any delete): the same, taken back, while the row is still there to be read.
CREATE TRIGGER "ReviewLog_aggregates_delete" BEFORE DELETE ON "ReviewLog" BEGIN
    UPDATE "ReviewDay" SET
        "reviews" = "reviews" - 1,
        "ms" = "ms" - OLD."durationMs",
        "counted" = "counted" - (OLD."state" = 2 AND "day" IS NOT (SELECT p."day" FROM "ReviewLogDay" p WHERE p."id" = (
            SELECT q."id" FROM "ReviewLog" q WHERE q."cardId" = OLD."cardId" AND q."state" = 2 AND q."reviewedAt" <= OLD."reviewedAt" AND (q."reviewedAt" < OLD."reviewedAt" OR q."id" < OLD."id")
            ORDER BY q."reviewedAt" DESC, q."id" DESC LIMIT 1)))
    WHERE ("lang", "day", "kind", "rating") = (SELECT v."lang", v."day", v."kind", v."rating" FROM "ReviewLogDay" v WHERE v."id" = OLD."id");

    UPDATE "ReviewDay" SET "counted" = "counted" + 1
    WHERE OLD."state" = 2
      AND ("lang", "day", "kind", "rating") = (
        SELECT s."lang", s."day", s."kind", s."rating" FROM "ReviewLogDay" s WHERE s."id" = (
            SELECT q."id" FROM "ReviewLog" q WHERE q."cardId" = OLD."cardId" AND q."state" = 2 AND q."reviewedAt" >= OLD."reviewedAt" AND (q."reviewedAt" > OLD."reviewedAt" OR q."id" > OLD."id")
            ORDER BY q."reviewedAt" ASC, q."id" ASC LIMIT 1))
      AND "day" = (SELECT v."day" FROM "ReviewLogDay" v WHERE v."id" = OLD."id")
      AND "day" IS NOT (SELECT p."day" FROM "ReviewLogDay" p WHERE p."id" = (
            SELECT q."id" FROM "ReviewLog" q WHERE q."cardId" = OLD."cardId" AND q."state" = 2 AND q."reviewedAt" <= OLD."reviewedAt" AND (q."reviewedAt" < OLD."reviewedAt" OR q."id" < OLD."id")
            ORDER BY q."reviewedAt" DESC, q."id" DESC LIMIT 1));

    DELETE FROM "ReviewDay" WHERE "reviews" = 0 AND ("lang", "day", "kind", "rating") = (SELECT v."lang", v."day", v."kind", v."rating" FROM "ReviewLogDay" v WHERE v."id" = OLD."id");

    UPDATE "OverdueDay" SET "opened" = "opened" - 1
    WHERE ("lang", "day") = (SELECT v."lang", v."dueDay" FROM "ReviewLogDay" v WHERE v."id" = OLD."id" AND v."stateBefore" <> 0 AND v."day" > v."dueDay");
    UPDATE "OverdueDay" SET "closed" = "closed" - 1
    WHERE ("lang", "day") = (SELECT v."lang", v."day" FROM "ReviewLogDay" v WHERE v."id" = OLD."id" AND v."stateBefore" <> 0 AND v."day" > v."dueDay");
    DELETE FROM "OverdueDay" WHERE "opened" = 0 AND "closed" = 0
      AND "lang" = (SELECT v."lang" FROM "ReviewLogDay" v WHERE v."id" = OLD."id")
      AND "day" IN (SELECT v."day" FROM "ReviewLogDay" v WHERE v."id" = OLD."id" UNION ALL SELECT v."dueDay" FROM "ReviewLogDay" v WHERE v."id" = OLD."id");

    UPDATE "CardHistory" SET "days" = "days" - NOT EXISTS (
            SELECT 1 FROM "ReviewLogDay" o WHERE o."id" IN (
                (SELECT q."id" FROM "ReviewLog" q WHERE q."cardId" = OLD."cardId" AND q."rating" BETWEEN 1 AND 4 AND q."reviewedAt" <= OLD."reviewedAt" AND (q."reviewedAt" < OLD."reviewedAt" OR q."id" < OLD."id")
                 ORDER BY q."reviewedAt" DESC, q."id" DESC LIMIT 1),
                (SELECT q."id" FROM "ReviewLog" q WHERE q."cardId" = OLD."cardId" AND q."rating" BETWEEN 1 AND 4 AND q."reviewedAt" >= OLD."reviewedAt" AND (q."reviewedAt" > OLD."reviewedAt" OR q."id" > OLD."id")
                 ORDER BY q."reviewedAt" ASC, q."id" ASC LIMIT 1))
            AND o."day" = (SELECT v."day" FROM "ReviewLogDay" v WHERE v."id" = OLD."id"))
    WHERE "cardId" = OLD."cardId" AND OLD."rating" BETWEEN 1 AND 4;
    -- The card's first grade goes: the next one is its first now, or none is left.
    UPDATE "CardHistory" SET ("firstAt", "firstId", "firstState") = (
            SELECT q."reviewedAt", q."id", q."state" FROM "ReviewLog" q
            WHERE q."cardId" = OLD."cardId" AND q."rating" BETWEEN 1 AND 4 AND q."id" <> OLD."id"
            ORDER BY q."reviewedAt" ASC, q."id" ASC LIMIT 1)
    WHERE "cardId" = OLD."cardId" AND "firstId" = OLD."id"
      AND EXISTS (SELECT 1 FROM "ReviewLog" q WHERE q."cardId" = OLD."cardId" AND q."rating" BETWEEN 1 AND 4 AND q."id" <> OLD."id");
    DELETE FROM "CardHistory" WHERE "cardId" = OLD."cardId" AND "firstId" = OLD."id";
END;

-- The calendar or the day start changed (or a note changed language): every aggregate again, from the
-- whole log, in the transaction that made the change.
CREATE TRIGGER "StudyCalendarKey_rebuild" AFTER UPDATE ON "StudyCalendarKey" BEGIN
    DELETE FROM "ReviewDay";
    DELETE FROM "OverdueDay";
    DELETE FROM "CardHistory";

    INSERT INTO "ReviewDay" ("lang", "day", "kind", "rating", "reviews", "counted", "ms")
    SELECT "lang", "day", "kind", "rating", count(*), sum("state" = 2 AND "day" IS NOT "previousReviewDay"), sum("ms")
    FROM (
        SELECT "lang", "day", "kind", "rating", "state", "ms",
            lag("day") OVER (PARTITION BY "cardId", "state" = 2 ORDER BY "reviewedAt", "id") AS "previousReviewDay"
        FROM "ReviewLogDay"
    ) WHERE true
    GROUP BY "lang", "day", "kind", "rating";

    INSERT INTO "OverdueDay" ("lang", "day", "opened", "closed")
    SELECT "lang", "d", sum("o"), sum("c")
    FROM (
        SELECT "lang", "dueDay" AS "d", 1 AS "o", 0 AS "c", "day", "dueDay" FROM "ReviewLogDay" WHERE "stateBefore" <> 0
        UNION ALL
        SELECT "lang", "day" AS "d", 0 AS "o", 1 AS "c", "day", "dueDay" FROM "ReviewLogDay" WHERE "stateBefore" <> 0
    ) WHERE "day" > "dueDay"
    GROUP BY "lang", "d";

    INSERT INTO "CardHistory" ("cardId", "firstAt", "firstId", "firstState", "days")
    SELECT "cardId", "reviewedAt", "id", "state", "days"
    FROM (
        SELECT "cardId", "reviewedAt", "id", "state",
            row_number() OVER (PARTITION BY "cardId" ORDER BY "reviewedAt", "id") AS "n",
            sum("day" IS NOT "previousDay") OVER (PARTITION BY "cardId") AS "days"
        FROM (
            SELECT "cardId", "reviewedAt", "id", "state", "day",
                lag("day") OVER (PARTITION BY "cardId" ORDER BY "reviewedAt", "id") AS "previousDay"
            FROM "ReviewLogDay" WHERE "rating" BETWEEN 1 AND 4
        )
    ) WHERE "n" = 1;
END;

CREATE TRIGGER "Note_lang_rebuild" AFTER UPDATE OF "lang" ON "Note" WHEN OLD."lang" IS NOT NEW."lang" BEGIN
    UPDATE "StudyCalendarKey" SET "timeZone" = "timeZone";
END;

-- Backfill: study days starting at the saved day start hour in UTC (one 24-hour day after another);
-- the server rewrites the calendar for its own time zone at start when that is not UTC.
INSERT INTO "StudyCalendar" ("fromMs", "day")
SELECT COALESCE((SELECT "dayStartHour" FROM "Settings" WHERE "id" = 1), 4) * 3600000 - 1000000 * 86400000, -1000000;
INSERT INTO "StudyCalendarKey" ("id", "dayStartHour", "timeZone")
SELECT 1, COALESCE((SELECT "dayStartHour" FROM "Settings" WHERE "id" = 1), 4), 'UTC';
UPDATE "StudyCalendarKey" SET "timeZone" = "timeZone";
