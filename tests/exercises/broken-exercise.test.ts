import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseNote } from "@/lib/content/parse";
import { attemptsForCard } from "@/lib/db/attempts";
import { setAside } from "@/lib/db/reviews";
import { syncNotes } from "@/lib/db/sync";
import { EngineError } from "@/lib/engine/errors";
import { getGenerator } from "@/lib/exercises/registry";
import { messages } from "@/lib/i18n/messages";
import { drawForCard, revealSolution, submitAnswer, tryDrawnExercise } from "@/lib/exercises/server";
import { nextCard } from "../support/next-card";
import { createTempDb, type TempDb } from "../support/temp-db";

// An exercise card whose generator name is an Object.prototype property, in a
// database synced by a version that let it through content:check. Before the
// fix the registry found Object.prototype.constructor, drawing threw a
// TypeError, and /review, /cram and /quiz (now /exercise) answered 500 whenever it came up.
const NOTE = `---
id: broken/exercise
---
# Broken

\`\`\`exercise
id: proto
generator: constructor
\`\`\`

Still fine::a plain card ^plain
`;
const CARD = "broken/exercise:proto";
const t0 = new Date("2026-03-01T09:00:00Z");
const spec = { generator: "constructor", difficulty: 2, params: {}, title: null };

let t: TempDb;
beforeEach(async () => {
  t = createTempDb();
  // Parsed without the generator list, as an older version's sync stored it.
  const parsed = parseNote(NOTE, "broken/exercise.md");
  await syncNotes(t.db, [parsed.note!], { now: t0 });
});
afterEach(async () => t.cleanup());

describe("a live exercise that cannot be drawn", () => {
  for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
    it(`the registry refuses "${name}" as an unknown generator (own keys only)`, () => {
      expect(() => getGenerator(name)).toThrow(EngineError);
    });
  }

  it("draws as null (the page shows an error card) instead of throwing", () => {
    expect(tryDrawnExercise(CARD, spec, 1, "en")).toBeNull();
  });

  it("the exercise actions answer with an error and store nothing", async () => {
    expect(await drawForCard(t.db, CARD)).toMatchObject({ ok: false });
    const req = { cardId: CARD, seed: 1, difficulty: 2, tryNumber: 1, elapsedMs: 1000, context: "review" as const };
    expect(await submitAnswer(t.db, { ...req, input: "1" }, t0)).toMatchObject({ ok: false });
    expect(await revealSolution(t.db, req, t0)).toMatchObject({ ok: false });
    expect(await attemptsForCard(t.db, CARD)).toEqual([]);
  });

  it("does not block the review session: it comes up, is buried, and the next card follows", async () => {
    const first = await nextCard(t.db, t0);
    expect(first!.id).toBe(CARD);
    expect(tryDrawnExercise(first!.id, first!.exercise!, 1, "en")).toBeNull();
    expect(await setAside(t.db, { cardId: CARD, kind: "bury", now: t0, until: new Date(t0.getTime() + 86_400_000), token: first!.token })).toEqual({ ok: true });
    expect((await nextCard(t.db, t0))!.id).toBe("broken/exercise:plain");
  });

  it("has an error card message in both languages", () => {
    expect(messages("en").review.brokenCard).toMatch(/cannot be drawn/);
    expect(messages("zh").review.brokenCard).toMatch(/无法生成/);
    expect(messages("zh").exerciseRun.broken("x")).toContain("x");
  });
});
