import { describe, expect, it } from "vitest";
import { effectiveDue, isBuried, isDue, isSetAside } from "@/lib/srs/queue";
import { State } from "@/lib/srs/schedule";

const now = new Date("2026-12-03T12:00:00Z");
const before = new Date("2026-12-03T11:00:00Z");
const after = new Date("2026-12-04T04:00:00Z");
const card = (o: Partial<{ suspended: boolean; buriedUntil: Date | null; state: State; due: Date }> = {}) => ({
  suspended: false,
  buriedUntil: null,
  state: State.Review,
  due: before,
  ...o,
});

describe("the queue's rules for one card", () => {
  it("a card is buried only until its burial date", () => {
    expect(isBuried(card({ buriedUntil: after }), now)).toBe(true);
    expect(isBuried(card({ buriedUntil: before }), now)).toBe(false);
    expect(isBuried(card({ buriedUntil: now }), now)).toBe(false);
    expect(isBuried(card(), now)).toBe(false);
  });

  it("suspended or buried is set aside", () => {
    expect(isSetAside(card({ suspended: true }), now)).toBe(true);
    expect(isSetAside(card({ buriedUntil: after }), now)).toBe(true);
    expect(isSetAside(card(), now)).toBe(false);
  });

  it("due means studied before, due by now, and not set aside", () => {
    expect(isDue(card(), now)).toBe(true);
    expect(isDue(card({ state: State.New }), now)).toBe(false);
    expect(isDue(card({ state: State.Learning }), now)).toBe(true);
    expect(isDue(card({ due: after }), now)).toBe(false);
    expect(isDue(card({ suspended: true }), now)).toBe(false);
    expect(isDue(card({ buriedUntil: after }), now)).toBe(false);
  });

  it("a buried card next shows at its burial date when that is later than its due date", () => {
    expect(effectiveDue(card({ buriedUntil: after }))).toEqual(after);
    expect(effectiveDue(card({ due: after, buriedUntil: before }))).toEqual(after);
    expect(effectiveDue(card())).toEqual(before);
  });
});
