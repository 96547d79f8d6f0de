import { describe, expect, it } from "vitest";
import { dailyTotals, heatmap } from "@/lib/stats/daily";
import { newYork } from "../support/time-zone";

// Study days in New York; the process runs in UTC (vitest.config.ts).
const NY = "America/New_York";
const local = (m: number, d: number, hh: number, mm = 0) => newYork(2026, m, d, hh, mm);

describe("reviews per study day", () => {
  it("sums counts and time per day over the last N days, a 2 am review on the day before", () => {
    const now = local(3, 10, 12);
    const rows = [
      { reviewedAt: local(3, 10, 9), durationMs: 1000 },
      { reviewedAt: local(3, 10, 2), durationMs: 2000 }, // 2 am on the 10th: study day the 9th
      { reviewedAt: local(3, 9, 20), durationMs: 3000 },
      { reviewedAt: local(3, 8, 1, 30), durationMs: 500 }, // DST night, 01:30: study day the 7th
      { reviewedAt: local(3, 1, 12), durationMs: 9999 }, // 9 days ago: outside a 3-day window
    ];
    expect(dailyTotals(rows, now, 4, NY, 3)).toEqual([
      { day: "2026-03-08", count: 0, ms: 0 },
      { day: "2026-03-09", count: 2, ms: 5000 },
      { day: "2026-03-10", count: 1, ms: 1000 },
    ]);
    expect(dailyTotals(rows, now, 4, NY, 4)[0]).toEqual({ day: "2026-03-07", count: 1, ms: 500 });
  });
});

describe("calendar heatmap", () => {
  it("365 cells in week columns, Sunday on top, today in the last column", () => {
    const now = local(3, 10, 12); // a Tuesday
    const h = heatmap([], now, 4, NY, 365);
    expect(h.cells).toHaveLength(365);
    expect(h.total).toBe(0);
    expect(h.max).toBe(0);
    const last = h.cells[364]!;
    expect(last.day).toBe("2026-03-10");
    expect(last.weekday).toBe(2);
    expect(last.week).toBe(h.weeks - 1);
    expect(h.cells[0]!.week).toBe(0);
    expect(h.cells[0]!.day).toBe("2025-03-11");
    expect(h.cells[0]!.weekday).toBe(new Date(Date.UTC(2025, 2, 11)).getUTCDay());
    // Each column holds consecutive days, one per weekday.
    for (let i = 1; i < 365; i++) {
      const [a, b] = [h.cells[i - 1]!, h.cells[i]!];
      expect(b.weekday).toBe((a.weekday + 1) % 7);
      expect(b.week).toBe(a.weekday === 6 ? a.week + 1 : a.week);
    }
    // 11 March 2025 was a Tuesday: 2 empty slots above it, 365 days → 53 columns.
    expect(h.weeks).toBe(Math.ceil((2 + 365) / 7));
  });

  it("levels split 1…max into quarters", () => {
    const now = local(3, 10, 12);
    const on = (d: number, n: number) => Array.from({ length: n }, (_, i) => ({ reviewedAt: local(3, d, 10, i) }));
    const rows = [...on(10, 8), ...on(9, 1), ...on(8, 2), ...on(7, 3), ...on(6, 5), ...on(5, 6)];
    const h = heatmap(rows, now, 4, NY, 365);
    const level = (day: string) => h.cells.find((c) => c.day === day)!.level;
    expect(h.max).toBe(8);
    expect(h.total).toBe(25);
    expect(h.activeDays).toBe(6);
    expect([level("2026-03-10"), level("2026-03-09"), level("2026-03-08"), level("2026-03-07"), level("2026-03-06"), level("2026-03-05"), level("2026-03-04")]).toEqual([4, 1, 1, 2, 3, 3, 0]);
  });
});
