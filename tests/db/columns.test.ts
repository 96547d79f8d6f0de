import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseNote } from "@/lib/content/parse";
import { attemptsForCard, recordAttempt } from "@/lib/db/attempts";
import {
  attemptParams,
  attemptParsedValue,
  cardActionPrevious,
  cardExercise,
  ColumnDecodeError,
  noteRelatedOutlines,
  noteTags,
  reviewLogPreviousCard,
  settingsWeights,
} from "@/lib/db/columns";
import { cardsForAnki } from "@/lib/db/export";
import { cramCards, getCard, getNote, listNotes, listTags } from "@/lib/db/queries";
import { gradeCard, setAside, undoLast } from "@/lib/db/reviews";
import { getSettings, saveWeights } from "@/lib/db/settings";
import { homeProgress } from "@/lib/db/stats";
import { syncNotes } from "@/lib/db/sync";
import { createScheduler, Rating, reviewToken, type CardState } from "@/lib/srs/schedule";
import { createTempDb, type TempDb } from "../support/temp-db";

// Every JSON column is read through one codec (lib/db/columns). A value that
// does not fit (hand-edited, restored from an old backup) must be reported as
// a ColumnDecodeError naming table, column and row, never passed on as if it fitted.

const fixture = path.join(import.meta.dirname, "..", "content", "fixtures", "all-forms.md");
const NOTE = "fixtures/all-forms";
const CARD = "fixtures/all-forms:sigma-max";
const EXERCISE_CARD = "fixtures/all-forms:chain-b1";
const t0 = new Date("2026-03-01T09:00:00Z");
const scheduler = createScheduler();

function expectColumnError(err: unknown, table: string, column: string, rowId: string | number | null) {
  expect(err).toBeInstanceOf(ColumnDecodeError);
  expect(err).toMatchObject({ table, column, rowId });
  expect((err as Error).message).toContain(`${table}.${column}`);
  if (rowId !== null) expect((err as Error).message).toContain(JSON.stringify(rowId));
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => expect.unreachable("expected a rejection"),
    (err: unknown) => err,
  );
}

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (err) {
    return err;
  }
  return expect.unreachable("expected a throw");
}

describe("codecs", () => {
  const state: CardState = {
    due: new Date("2026-03-05T09:00:00Z"),
    stability: 3.2,
    difficulty: 5.1,
    elapsedDays: 1,
    scheduledDays: 4,
    learningSteps: 0,
    reps: 2,
    lapses: 0,
    state: 2,
    lastReview: new Date("2026-03-01T09:00:00Z"),
  };

  it("write the columns' text as before (pinned) and read it back", () => {
    expect(reviewLogPreviousCard.encode(state)).toBe(
      '{"due":"2026-03-05T09:00:00.000Z","stability":3.2,"difficulty":5.1,"elapsedDays":1,"scheduledDays":4,"learningSteps":0,"reps":2,"lapses":0,"state":2,"lastReview":"2026-03-01T09:00:00.000Z"}',
    );
    expect(reviewLogPreviousCard.decode(reviewLogPreviousCard.encode(state), "log")).toEqual(state);
    const fresh = { ...state, state: 0, lastReview: null };
    expect(reviewLogPreviousCard.decode(reviewLogPreviousCard.encode(fresh), "log")).toEqual(fresh);

    expect(cardActionPrevious.encode({ suspended: false, buriedUntil: new Date("2026-03-02T04:00:00Z") })).toBe(
      '{"suspended":false,"buriedUntil":"2026-03-02T04:00:00.000Z"}',
    );
    expect(cardActionPrevious.decode('{"suspended":true,"buriedUntil":null}', "a")).toEqual({ suspended: true, buriedUntil: null });

    const exercise = { generator: "chain-bias-gradient", difficulty: 3, params: { activation: "tanh" }, title: null };
    expect(cardExercise.encode(exercise)).toBe(JSON.stringify(exercise));
    expect(cardExercise.decode(cardExercise.encode(exercise), "c")).toEqual(exercise);
    expect(noteTags.decode(noteTags.encode(["a", "b"]), "n")).toEqual(["a", "b"]);
    expect(noteRelatedOutlines.decode("[]", "n")).toEqual([]);
    expect(attemptParams.decode('{"difficulty":2,"activation":"relu","bias":true}', "x")).toEqual({ difficulty: 2, activation: "relu", bias: true });
    expect(attemptParsedValue.decode("[1,2.5]", "x")).toEqual([1, 2.5]);
    expect(settingsWeights.decode("[0.2,1.5]", 1)).toEqual([0.2, 1.5]);
  });

  it("report text that is not JSON, or JSON of the wrong shape, by table, column and row", () => {
    expectColumnError(thrown(() => noteTags.decode("not json", "n1")), "Note", "tags", "n1");
    expectColumnError(thrown(() => noteTags.decode('["a", 3]', "n1")), "Note", "tags", "n1");
    expectColumnError(thrown(() => noteRelatedOutlines.decode('"a"', "n1")), "Note", "relatedOutlines", "n1");
    expectColumnError(thrown(() => cardExercise.decode('{"generator":"g"}', "c1")), "Card", "exercise", "c1");
    expectColumnError(thrown(() => reviewLogPreviousCard.decode("{}", "l1")), "ReviewLog", "previousCard", "l1");
    expectColumnError(
      thrown(() => reviewLogPreviousCard.decode(reviewLogPreviousCard.encode(state).replace('"state":2', '"state":7'), "l1")),
      "ReviewLog",
      "previousCard",
      "l1",
    );
    expectColumnError(
      thrown(() => reviewLogPreviousCard.decode(reviewLogPreviousCard.encode(state).replace("2026-03-05T09:00:00.000Z", "soon"), "l1")),
      "ReviewLog",
      "previousCard",
      "l1",
    );
    expectColumnError(thrown(() => cardActionPrevious.decode('{"suspended":"no","buriedUntil":null}', "a1")), "CardAction", "previous", "a1");
    expectColumnError(thrown(() => attemptParams.decode('{"difficulty":[2]}', "x1")), "Attempt", "params", "x1");
    expectColumnError(thrown(() => attemptParsedValue.decode("{", "x1")), "Attempt", "parsedValue", "x1");
    expectColumnError(thrown(() => settingsWeights.decode('[1,"2"]', 1)), "Settings", "weights", 1);
  });

  it("name the field that is wrong", () => {
    expect(thrown(() => cardExercise.decode('{"generator":"g","difficulty":"hard","params":{},"title":null}', "c1"))).toHaveProperty(
      "message",
      expect.stringMatching(/^Card\.exercise of row "c1" is invalid: difficulty: /),
    );
  });
});

describe("a corrupt value in the database is reported where it is read", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = createTempDb();
    await syncNotes(t.db, [parseNote(readFileSync(fixture, "utf8"), "all-forms.md").note!], { now: t0 });
  });
  afterEach(async () => t.cleanup());

  it("Note.tags and Note.relatedOutlines", async () => {
    await t.db.note.update({ where: { id: NOTE }, data: { tags: '{"fixtures":true}' } });
    for (const read of [listNotes(t.db, t0), getNote(t.db, NOTE, t0), listTags(t.db), cramCards(t.db, { tag: "fixtures" }), cardsForAnki(t.db)]) {
      expectColumnError(await rejection(read), "Note", "tags", NOTE);
    }
    await t.db.note.update({ where: { id: NOTE }, data: { tags: '["fixtures"]', relatedOutlines: "[null]" } });
    expectColumnError(await rejection(getNote(t.db, NOTE, t0)), "Note", "relatedOutlines", NOTE);
  });

  it("Card.exercise", async () => {
    await t.db.card.update({ where: { id: EXERCISE_CARD }, data: { exercise: '{"generator":"chain-bias-gradient"}' } });
    expectColumnError(await rejection(getCard(t.db, EXERCISE_CARD)), "Card", "exercise", EXERCISE_CARD);
    expectColumnError(await rejection(cardsForAnki(t.db)), "Card", "exercise", EXERCISE_CARD);
  });

  it("Card.state outside ts-fsrs' states", async () => {
    await t.db.card.update({ where: { id: CARD }, data: { state: 7 } });
    expectColumnError(await rejection(getCard(t.db, CARD)), "Card", "state", CARD);
  });

  it("ReviewLog.previousCard: undo refuses and changes nothing; the streak leaves that review out", async () => {
    const card = (await getCard(t.db, CARD))!;
    await gradeCard(t.db, { cardId: CARD, token: reviewToken(CARD, card.schedule), rating: Rating.Good, now: t0, durationMs: 1000, scheduler });
    const graded = (await getCard(t.db, CARD))!;
    const log = (await t.db.reviewLog.findFirst({ where: { cardId: CARD } }))!;
    await t.db.reviewLog.update({ where: { id: log.id }, data: { previousCard: '{"due":"2026-03-01T09:00:00.000Z"}' } });

    expectColumnError(await rejection(undoLast(t.db)), "ReviewLog", "previousCard", log.id);
    expect((await getCard(t.db, CARD))!.schedule).toEqual(graded.schedule);
    expect(await t.db.reviewLog.count()).toBe(1);
    await expect(homeProgress(t.db, t0)).resolves.toBeDefined();
  });

  it("CardAction.previous: undo refuses and the card stays set aside", async () => {
    await setAside(t.db, { cardId: CARD, kind: "suspend", now: t0 });
    const action = (await t.db.cardAction.findFirst())!;
    await t.db.cardAction.update({ where: { id: action.id }, data: { previous: '{"suspended":0}' } });
    expectColumnError(await rejection(undoLast(t.db)), "CardAction", "previous", action.id);
    expect((await getCard(t.db, CARD))!.suspended).toBe(true);
  });

  it("Attempt.params and Attempt.parsedValue", async () => {
    const base = { cardId: EXERCISE_CARD, generator: "chain-bias-gradient", seed: 1, params: { difficulty: 3 }, input: "1", parsedValue: 1 };
    const id = await recordAttempt(t.db, { ...base, verdict: "correct", mistakeId: null, tryNumber: 1, durationMs: 1000, context: "exercise", now: t0 });
    expect((await attemptsForCard(t.db, EXERCISE_CARD))[0]).toMatchObject({ params: { difficulty: 3 }, parsedValue: 1 });
    await t.db.attempt.update({ where: { id }, data: { params: "[3]" } });
    expectColumnError(await rejection(attemptsForCard(t.db, EXERCISE_CARD)), "Attempt", "params", id);
    await t.db.attempt.update({ where: { id }, data: { params: '{"difficulty":3}', parsedValue: "NaN" } });
    expectColumnError(await rejection(attemptsForCard(t.db, EXERCISE_CARD)), "Attempt", "parsedValue", id);
  });

  it("Settings.weights that cannot be read fall back to the defaults, as every other setting does", async () => {
    await saveWeights(t.db, [0.5, 1.5], t0);
    expect((await getSettings(t.db)).weights).toEqual([0.5, 1.5]);
    await t.db.settings.update({ where: { id: 1 }, data: { weights: '[0.5,"x"]' } });
    expect((await getSettings(t.db)).weights).toBeNull();
  });
});
