import { describe, expect, it } from "vitest";
import { limitsLeft, newCardNext, progress, queueCounts } from "@/lib/srs/limits";

describe("daily limits", () => {
  it("what is left never goes below zero", () => {
    expect(limitsLeft({ newPerDay: 20, reviewsPerDay: 200 }, { newCards: 5, reviews: 210, total: 230 })).toEqual({ newLeft: 15, reviewsLeft: 0 });
  });

  it("learning cards are not limited; the others are capped", () => {
    expect(queueCounts({ learning: 7, review: 50, new: 3 }, { newLeft: 1, reviewsLeft: 20 })).toEqual({ learning: 7, review: 20, new: 1 });
  });

  it("progress is done over done plus left, and complete when nothing is planned", () => {
    expect(progress(3, { learning: 1, review: 0, new: 0 })).toBe(0.75);
    expect(progress(0, { learning: 0, review: 0, new: 0 })).toBe(1);
  });
});

describe("mixing new cards with reviews", () => {
  /** Plays a day: R reviews and N new cards, always taking what newCardNext says. */
  function day(R: number, N: number): string {
    const done = { newCards: 0, reviews: 0 };
    let order = "";
    while (done.newCards < N || done.reviews < R) {
      const left = { new: N - done.newCards, review: R - done.reviews };
      if (newCardNext(done, left)) {
        order += "n";
        done.newCards++;
      } else {
        order += "r";
        done.reviews++;
      }
    }
    return order;
  }

  it("spreads the new cards through the reviews instead of leaving them to the end", () => {
    const order = day(20, 4);
    expect(order).toHaveLength(24);
    expect(order[0]).toBe("r");
    // Each quarter of the day holds one new card.
    for (let q = 0; q < 4; q++) expect(order.slice(q * 6, q * 6 + 6).split("n").length - 1).toBe(1);
  });

  it("only new or only reviews: nothing to mix", () => {
    expect(day(0, 3)).toBe("nnn");
    expect(day(3, 0)).toBe("rrr");
  });

  it("the gap between new cards never exceeds the ratio by more than one", () => {
    for (const [R, N] of [[200, 20], [37, 5], [10, 10], [3, 9]] as const) {
      const order = day(R, N);
      const gaps = order.split("n").slice(1, -1).map((g) => g.length);
      for (const g of gaps) expect(g).toBeLessThanOrEqual(Math.ceil(R / N) + 1);
    }
  });
});
