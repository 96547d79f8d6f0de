import { describe, expect, it } from "vitest";
import { buttonCounts, exerciseAccuracy, topMistakes } from "@/lib/stats/answers";
import { histogram, RETRIEVABILITY_EDGES, STABILITY_EDGES } from "@/lib/stats/histogram";
import { noteMastery } from "@/lib/stats/mastery";

describe("histograms", () => {
  it("bins are [from, to); an open last bin catches the rest; a closed one keeps its top edge", () => {
    const s = histogram([0, 0.5, 1, 3.9, 365, 1000, -1, Number.NaN], STABILITY_EDGES, true);
    expect(s.map((b) => b.count)).toEqual([2, 1, 1, 0, 0, 0, 0, 0, 0, 2]);
    expect(s[9]).toMatchObject({ from: 365, to: null });
    const r = histogram([0, 9.99, 10, 95, 100, 100.5], RETRIEVABILITY_EDGES);
    expect(r).toHaveLength(10);
    expect(r.map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0, 2]);
  });
});

describe("note mastery", () => {
  it("mean retrievability with new cards as 0, weakest first", () => {
    const m = noteMastery(
      [
        { noteId: "a", retrievability: 0.9, studied: true },
        { noteId: "a", retrievability: 0, studied: false },
        { noteId: "b", retrievability: 0.8, studied: true },
        { noteId: "b", retrievability: 0.6, studied: true },
        { noteId: "c", retrievability: 0, studied: false },
      ],
      [
        { id: "a", title: "A" },
        { id: "b", title: "B" },
        { id: "c", title: "C" },
        { id: "d", title: "No cards" },
      ],
    );
    expect(m.map((n) => n.noteId)).toEqual(["c", "a", "b"]);
    expect(m[1]).toMatchObject({ cards: 2, studied: 1 });
    expect(m[1]!.mastery).toBeCloseTo(0.45);
    expect(m[2]!.mastery).toBeCloseTo(0.7);
    expect(m[0]!.mastery).toBe(0);
  });
});

describe("answer buttons and exercises", () => {
  it("groups grades by the card's state before them", () => {
    const b = buttonCounts([
      { state: 0, scheduledDays: 0, rating: 3 },
      { state: 1, scheduledDays: 0, rating: 1 },
      { state: 3, scheduledDays: 0, rating: 3 },
      { state: 2, scheduledDays: 20, rating: 2 },
      { state: 2, scheduledDays: 21, rating: 4 },
      { state: 2, scheduledDays: 50, rating: 1 },
    ]);
    expect(b).toEqual({ learning: [1, 0, 2, 0], young: [0, 1, 0, 0], mature: [1, 0, 0, 1] });
  });

  it("accuracy per generator is correct ÷ stored attempts; mistakes by frequency", () => {
    const rows = [
      { generator: "g1", verdict: "correct", mistakeId: null },
      { generator: "g1", verdict: "wrong", mistakeId: "sigma-not-prime" },
      { generator: "g1", verdict: "revealed", mistakeId: null },
      { generator: "g1", verdict: "wrong", mistakeId: "sigma-not-prime" },
      { generator: "g2", verdict: "correct", mistakeId: null },
      { generator: "g2", verdict: "wrong", mistakeId: "sign" },
    ];
    const q = exerciseAccuracy(rows);
    expect(q.map((g) => [g.generator, g.attempts, g.correct])).toEqual([
      ["g1", 4, 1],
      ["g2", 2, 1],
    ]);
    expect(q[0]!.accuracy).toBe(0.25);
    expect(topMistakes(rows)).toEqual([
      { generator: "g1", mistakeId: "sigma-not-prime", count: 2 },
      { generator: "g2", mistakeId: "sign", count: 1 },
    ]);
  });
});
