import { describe, expect, it } from "vitest";
import { dayKey, dayStart, daysBetween, nextDayStart } from "@/lib/srs/day";
import { parseSteps, settingsSchema, DEFAULT_SETTINGS } from "@/lib/srs/settings";
import { useTimeZone } from "../support/time-zone";

// Node re-reads TZ when it changes, so each zone below is really in effect.
useTimeZone();

describe.each([
  // zone, an instant, its local study day with a 4 am boundary (each differs from the UTC reading but the last)
  ["America/New_York", "2026-03-11T05:00:00Z", "2026-03-10"], // 01:00 EDT on the 11th
  ["Asia/Shanghai", "2026-03-10T21:00:00Z", "2026-03-11"], // 05:00 CST on the 11th
  ["UTC", "2026-03-10T03:59:59Z", "2026-03-09"],
] as const)("study days in %s", (zone, instant, day) => {
  it("a 4 am boundary puts late-night reviews on the previous day", () => {
    process.env.TZ = zone;
    expect(dayKey(new Date(instant), 4)).toBe(day);
  });
});

describe("day boundary arithmetic (TZ=America/New_York, with a DST change)", () => {
  it("the day starts at the local boundary hour, before or after midnight", () => {
    process.env.TZ = "America/New_York";
    // 02:30 local on 10 March is before 4 am: the study day is still the 9th.
    const t = new Date("2026-03-10T06:30:00Z"); // 02:30 EDT
    const s = dayStart(t, 4);
    expect(s.getHours()).toBe(4);
    expect(s.getDate()).toBe(9);
    expect(s.getTime()).toBeLessThanOrEqual(t.getTime());
    expect(t.getTime() - s.getTime()).toBeLessThan(25 * 3600_000);
    expect(dayKey(t, 4)).toBe("2026-03-09");
    expect(dayKey(t, 0)).toBe("2026-03-10");
  });

  it("the next day starts at the boundary hour even across the DST change (a 23-hour day)", () => {
    process.env.TZ = "America/New_York";
    const t = new Date("2026-03-07T12:00:00Z"); // Saturday 7 March, 07:00 EST
    const s = dayStart(t, 4);
    const n = nextDayStart(t, 4);
    expect(n.getHours()).toBe(4);
    expect(dayKey(n, 4)).toBe("2026-03-08");
    const after = nextDayStart(n, 4);
    // Clocks jump 2 am → 3 am on Sunday 8 March 2026: that study day starts 23 hours after the 7th's.
    expect((n.getTime() - s.getTime()) / 3600_000).toBe(23);
    expect((after.getTime() - n.getTime()) / 3600_000).toBe(24);
  });

  it("daysBetween counts study days, not 24-hour periods", () => {
    process.env.TZ = "Asia/Shanghai";
    const evening = new Date("2026-05-01T15:00:00Z"); // 23:00 local, 1 May
    const lateNight = new Date("2026-05-01T19:00:00Z"); // 03:00 local, 2 May: still study day 1 May
    const morning = new Date("2026-05-01T21:00:00Z"); // 05:00 local, 2 May
    expect(daysBetween(evening, lateNight, 4)).toBe(0);
    expect(daysBetween(evening, morning, 4)).toBe(1);
    expect(daysBetween(morning, evening, 4)).toBe(-1);
  });
});

describe("settings", () => {
  it("steps are whole numbers of m, h or d", () => {
    expect(parseSteps("1m 10m")).toEqual(["1m", "10m"]);
    expect(parseSteps(" 1h, 1d ")).toEqual(["1h", "1d"]);
    expect(parseSteps("")).toEqual([]);
    expect(() => parseSteps("10 min")).toThrow(/"10" is not a step/);
    expect(() => parseSteps("0m")).toThrow(/"0m"/);
    expect(() => parseSteps("1.5h")).toThrow(/"1.5h"/);
  });

  it("the schema accepts the defaults and names the field that is out of range", () => {
    const { weights: _w, optimizedAt: _o, ...plain } = DEFAULT_SETTINGS;
    expect(settingsSchema.safeParse(plain).success).toBe(true);
    const bad = settingsSchema.safeParse({ ...plain, retention: 0.99 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(["retention"]);
    const steps = settingsSchema.safeParse({ ...plain, learningSteps: "1m soon" });
    expect(steps.error?.issues[0]?.message).toMatch(/"soon" is not a step/);
  });
});

describe("the workload estimate on the settings page", () => {
  it("intervalRatio matches ts-fsrs' own intervals at two retentions", async () => {
    const { intervalRatio } = await import("@/lib/srs/settings");
    const { fsrs, generatorParameters } = await import("ts-fsrs");
    const at = (r: number) => fsrs(generatorParameters({ request_retention: r, maximum_interval: 36500, enable_fuzz: false }));
    // A long stability keeps the rounding to whole days small.
    for (const r of [0.8, 0.85, 0.95, 0.97]) {
      const ratio = at(r).next_interval(5000, 0) / at(0.9).next_interval(5000, 0);
      expect(intervalRatio(r)).toBeCloseTo(ratio, 3);
    }
    expect(intervalRatio(0.9)).toBe(1);
  });
});
