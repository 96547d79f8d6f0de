import { describe, expect, it } from "vitest";
import { followUpPoint, freshProgress, missedCards, restoreProgress, stopClock, topicSummary, usedMs, type SessionQuestion } from "@/lib/interview/session";

const question = (id: string, topic: string, points: [string[], boolean][]): SessionQuestion => ({
  id,
  lang: "en",
  topic: { id: topic, title: topic.toUpperCase() },
  questionHtml: id,
  answerHtml: "",
  points: points.map(([cards, follow]) => ({ html: cards.join(), cards, followUp: follow ? { kind: "question", html: "why?" } : null })),
});
const qs = [
  question("q1", "a", [[["x:1"], false], [["x:2", "x:3"], true]]),
  question("q2", "b", [[["x:3"], true], [["x:4"], false]]),
  question("q3", "a", [[["x:5"], false]]),
];

describe("an interview's progress", () => {
  it("counts answer time while the clock runs, capped at the limit", () => {
    const p = { ...freshProgress(qs).questions[0]!, usedMs: 10_000, runningSince: 1_000 };
    expect(usedMs(p, 31_000, 120_000)).toBe(40_000);
    expect(usedMs(p, 500_000, 120_000)).toBe(120_000);
    expect(stopClock(p, 31_000, 120_000)).toMatchObject({ usedMs: 40_000, runningSince: null });
  });

  it("lists the distinct cards behind missed points of answered questions only, and the follow-up of the first missed point that has one", () => {
    const p = freshProgress(qs);
    p.questions[0] = { ...p.questions[0]!, phase: "done", ticked: [true, false] };
    p.questions[1] = { ...p.questions[1]!, phase: "check", ticked: [false, false] };
    // q3 was never answered (still "answer"): its point is not counted as missed.
    expect(missedCards(qs, p)).toEqual(["x:2", "x:3", "x:4"]);
    expect(followUpPoint(qs[0]!, p.questions[0]!)?.cards).toEqual(["x:2", "x:3"]);
    expect(followUpPoint(qs[0]!, { ...p.questions[0]!, ticked: [true, true] })).toBeNull();
    expect(topicSummary(qs, p)).toEqual([
      { topic: { id: "a", title: "A" }, questions: 2, covered: 1, points: 3 },
      { topic: { id: "b", title: "B" }, questions: 1, covered: 0, points: 2 },
    ]);
  });

  it("restores a stored progress only when it fits the questions", () => {
    const p = freshProgress(qs);
    expect(restoreProgress(JSON.parse(JSON.stringify(p)), qs)).toEqual(p);
    expect(restoreProgress(null, qs)).toBeNull();
    expect(restoreProgress({ ...p, index: 7 }, qs)).toBeNull();
    expect(restoreProgress({ ...p, questions: p.questions.slice(1) }, qs)).toBeNull();
    expect(restoreProgress({ ...p, questions: [{ ...p.questions[0]!, ticked: [true] }, ...p.questions.slice(1)] }, qs)).toBeNull();
    expect(restoreProgress({ ...p, questions: [{ ...p.questions[0]!, phase: "hacked" }, ...p.questions.slice(1)] }, qs)).toBeNull();
  });
});
