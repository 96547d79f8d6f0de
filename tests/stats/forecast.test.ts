import { describe, expect, it } from "vitest";
import { forecast } from "@/lib/stats/forecast";
import { newYork } from "../support/time-zone";

// Study days in New York; the process runs in UTC (vitest.config.ts).
const NY = "America/New_York";
const mar = (day: number, hh: number, mm = 0) => newYork(2026, 3, day, hh, mm);

describe("forecast bucketing", () => {
  it("puts each due date on its study day; overdue cards count for today; later ones are left out", () => {
    const now = mar(10, 10);
    const dues = [
      mar(1, 12), // overdue → today
      mar(10, 9), // due earlier today → today
      mar(10, 23), // tonight → today
      mar(11, 3, 59), // before 4 am: still today's study day
      mar(11, 4), // tomorrow
      mar(12, 12),
      mar(12, 13),
      mar(23, 12), // day 13, the last shown
      mar(24, 5), // day 14: not shown
    ];
    const f = forecast(dues, now, 4, NY, 14);
    expect(f).toHaveLength(14);
    expect(f[0]).toEqual({ day: "2026-03-10", offset: 0, count: 4 });
    expect(f[1]).toEqual({ day: "2026-03-11", offset: 1, count: 1 });
    expect(f[2]!.count).toBe(2);
    expect(f[13]).toEqual({ day: "2026-03-23", offset: 13, count: 1 });
    expect(f.reduce((s, d) => s + d.count, 0)).toBe(8);
  });

  it("days stay whole across the DST change (the 23-hour 8 March)", () => {
    const now = mar(7, 10); // EST
    const f = forecast([mar(8, 3, 30), mar(8, 4, 30), mar(9, 3, 59), mar(9, 4)], now, 4, NY, 3);
    expect(f.map((d) => [d.day, d.count])).toEqual([
      ["2026-03-07", 1],
      ["2026-03-08", 2],
      ["2026-03-09", 1],
    ]);
  });

  it("at 2 am the study day is still yesterday's", () => {
    const f = forecast([mar(10, 3)], mar(10, 2), 4, NY, 2);
    expect(f[0]).toEqual({ day: "2026-03-09", offset: 0, count: 1 });
  });
});
