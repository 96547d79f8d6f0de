import { describe, expect, it } from "vitest";
import { BasicLearningStepsStrategy, generatorParameters, Rating, State } from "ts-fsrs";
import { schedulerFor } from "@/lib/srs/config";
import { ankiLearningSteps, createScheduler, grade, newCardState, previewDue, type CardState } from "@/lib/srs/schedule";
import { DEFAULT_SETTINGS } from "@/lib/srs/settings";

const now = new Date("2026-03-01T09:00:00Z");
const MIN = 60_000;

/** Minutes from `at` to each grade's due date: Again, Hard, Good (Easy graduates to days and is left out). */
function stepMinutes(s: CardState, at: Date, f = createScheduler({ learningSteps: ["1m", "10m"] })) {
  const p = previewDue(f, s, at, "card");
  return [Rating.Again, Rating.Hard, Rating.Good].map((r) => (p[r as 1 | 2 | 3].getTime() - at.getTime()) / MIN);
}

describe("learning steps as Anki applies them (rslib/src/scheduler/states/steps.rs)", () => {
  it("steps 1m 10m, first step: Again 1m, Hard 6m (the average), Good 10m", () => {
    expect(stepMinutes(newCardState(now), now)).toEqual([1, 6, 10]);
  });

  it("steps 1m 10m, second step: Hard repeats the step, 10m (ts-fsrs' own strategy says 6m)", () => {
    const f = createScheduler({ learningSteps: ["1m", "10m"] });
    const second = grade(f, newCardState(now), Rating.Good, now, "card").next;
    expect(second.state).toBe(State.Learning);
    const at = second.due;
    const [again, hard, good] = stepMinutes(second, at, f);
    expect(again).toBe(1);
    expect(hard).toBe(10);
    // Good on the last step graduates: days, not minutes.
    expect(good).toBeGreaterThanOrEqual(24 * 60);
    // The grade gives what the button showed, and keeps the card on the same step.
    const hardNext = grade(f, second, Rating.Hard, at, "card").next;
    expect(hardNext.due.getTime() - at.getTime()).toBe(10 * MIN);
    expect(hardNext.learningSteps).toBe(1);
    // ts-fsrs' basic strategy for the same card: the 6m this replaces.
    const basic = BasicLearningStepsStrategy(generatorParameters({ learning_steps: ["1m", "10m"] }), State.Learning, 1);
    expect(basic[Rating.Hard]?.scheduled_minutes).toBe(6);
  });

  it("the default settings (1m 10m) use the same rule", () => {
    const f = schedulerFor({ ...DEFAULT_SETTINGS, fuzz: false });
    const second = grade(f, newCardState(now), Rating.Good, now, "card").next;
    expect(stepMinutes(second, second.due, f).slice(0, 2)).toEqual([1, 10]);
  });

  it("three steps 1m 10m 100m: Hard is 6m, then 10m, then 100m (Anki's table for these steps)", () => {
    const params = generatorParameters({ learning_steps: ["1m", "10m", "100m"] });
    const hard = [0, 1, 2].map((step) => ankiLearningSteps(params, State.Learning, step)[Rating.Hard]?.scheduled_minutes);
    expect(hard).toEqual([6, 10, 100]);
    const good = [0, 1, 2].map((step) => ankiLearningSteps(params, State.Learning, step)[Rating.Good]?.scheduled_minutes);
    expect(good).toEqual([10, 100, undefined]);
  });

  it("one step: Hard is half as long again, at most a day more, in whole days past a day", () => {
    expect(ankiLearningSteps(generatorParameters({ learning_steps: ["10m"] }), State.Learning, 0)[Rating.Hard]?.scheduled_minutes).toBe(15);
    // 3 days: 4.5 days would pass the one-day cap, so 4 days.
    expect(ankiLearningSteps(generatorParameters({ learning_steps: ["3d"] }), State.Learning, 0)[Rating.Hard]?.scheduled_minutes).toBe(4 * 1440);
  });

  it("relearning (default 10m): a lapse starts the step; Hard on it is 15m", () => {
    const params = generatorParameters({ relearning_steps: ["10m"] });
    expect(ankiLearningSteps(params, State.Review, 0)).toEqual({ [Rating.Again]: { scheduled_minutes: 10, next_step: 0 } });
    expect(ankiLearningSteps(params, State.Relearning, 0)[Rating.Hard]).toEqual({ scheduled_minutes: 15, next_step: 0 });
  });
});
