import { describe, expect, it } from "vitest";
import { suggestedGrade } from "@/lib/srs/exercise-grade";
import { Rating } from "@/lib/srs/schedule";

// The README promises "Easy within 20 s": pinned by value, so changing the constant fails here.
const FAST_MS = 20_000;
const base = { correct: true, wrongTries: 0, hintShown: false, revealed: false, durationMs: FAST_MS + 1 };

describe("grade suggested by an auto-graded exercise", () => {
  it("first try right → Good; and fast → Easy", () => {
    expect(suggestedGrade(base)).toBe(Rating.Good);
    expect(suggestedGrade({ ...base, durationMs: FAST_MS })).toBe(Rating.Easy);
    expect(suggestedGrade({ ...base, durationMs: 19_000 })).toBe(Rating.Easy);
    expect(suggestedGrade({ ...base, durationMs: 21_000 })).toBe(Rating.Good);
  });
  it("right after a retry or a hint → Hard, however fast", () => {
    expect(suggestedGrade({ ...base, wrongTries: 1, durationMs: 1000 })).toBe(Rating.Hard);
    expect(suggestedGrade({ ...base, hintShown: true, durationMs: 1000 })).toBe(Rating.Hard);
  });
  it("wrong, or the solution revealed → Again", () => {
    expect(suggestedGrade({ ...base, correct: false })).toBe(Rating.Again);
    expect(suggestedGrade({ ...base, revealed: true, durationMs: 1000 })).toBe(Rating.Again);
  });
});
