import { describe, expect, it } from "vitest";
import { dayIndex, dayKey, dayStart, dayStartOffset, daysBetween, dueNotToday, nextDayStart } from "@/lib/srs/day";
import { parseSteps, settingsSchema, DEFAULT_SETTINGS } from "@/lib/srs/settings";

// The process runs in UTC (vitest.config.ts); every zone below is passed in.
const iso = (d: Date) => d.toISOString();

describe("the zone is a parameter, not the process's zone", () => {
  it("the process really is in UTC, so a zone that were ignored would read as UTC", () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe("UTC");
  });

  it("Shanghai (UTC+8, no DST): a 4 am study day starts at 20:00 UTC the evening before", () => {
    const t = new Date("2026-03-10T21:00:00Z"); // 05:00 on the 11th in Shanghai
    expect(iso(dayStart(t, 4, "Asia/Shanghai"))).toBe("2026-03-10T20:00:00.000Z");
    expect(iso(nextDayStart(t, 4, "Asia/Shanghai"))).toBe("2026-03-11T20:00:00.000Z");
    expect(iso(dayStartOffset(t, 4, "Asia/Shanghai", -2))).toBe("2026-03-08T20:00:00.000Z");
    expect(dayKey(t, 4, "Asia/Shanghai")).toBe("2026-03-11");
    // The same instant in UTC is still the 10th's study day, which began at 04:00Z.
    expect(iso(dayStart(t, 4, "UTC"))).toBe("2026-03-10T04:00:00.000Z");
    expect(dayKey(t, 4, "UTC")).toBe("2026-03-10");
    expect(dayIndex(t, 4, "Asia/Shanghai") - dayIndex(t, 4, "UTC")).toBe(1);
  });

  it("New York: a 4 am study day starts at 09:00 UTC in winter and 08:00 UTC in summer", () => {
    expect(iso(dayStart(new Date("2026-01-15T12:00:00Z"), 4, "America/New_York"))).toBe("2026-01-15T09:00:00.000Z");
    expect(iso(dayStart(new Date("2026-07-15T12:00:00Z"), 4, "America/New_York"))).toBe("2026-07-15T08:00:00.000Z");
    // 07:30Z is 03:30 EDT: before the boundary, so still the 14th, which began at 08:00Z on the 14th.
    const early = new Date("2026-07-15T07:30:00Z");
    expect(iso(dayStart(early, 4, "America/New_York"))).toBe("2026-07-14T08:00:00.000Z");
    expect(dayKey(early, 4, "America/New_York")).toBe("2026-07-14");
    expect(dayKey(early, 4, "UTC")).toBe("2026-07-15");
  });

  it("two zones, one instant, different study days: the count of days between follows the zone", () => {
    const a = new Date("2026-05-01T12:00:00Z"); // 20:00 Shanghai, 08:00 New York
    const b = new Date("2026-05-01T21:00:00Z"); // 05:00 on the 2nd in Shanghai, 17:00 New York
    expect(daysBetween(a, b, 4, "Asia/Shanghai")).toBe(1);
    expect(daysBetween(a, b, 4, "America/New_York")).toBe(0);
    expect(daysBetween(a, b, 4, "UTC")).toBe(0);
  });

  it("a name that is not a time zone is an error, not a silent UTC", () => {
    expect(() => dayStart(new Date(), 4, "Mars/Olympus_Mons")).toThrow(RangeError);
  });
});

describe.each([
  // zone, an instant, its local study day with a 4 am boundary (each differs from the UTC reading but the last)
  ["America/New_York", "2026-03-11T05:00:00Z", "2026-03-10"], // 01:00 EDT on the 11th
  ["Asia/Shanghai", "2026-03-10T21:00:00Z", "2026-03-11"], // 05:00 CST on the 11th
  ["UTC", "2026-03-10T03:59:59Z", "2026-03-09"],
] as const)("study days in %s", (zone, instant, day) => {
  it("a 4 am boundary puts late-night reviews on the previous day", () => {
    expect(dayKey(new Date(instant), 4, zone)).toBe(day);
  });
});

describe("day boundary arithmetic in America/New_York, with DST changes", () => {
  const NY = "America/New_York";

  it("the day starts at the local boundary hour, before or after midnight", () => {
    // 02:30 local on 10 March is before 4 am: the study day is still the 9th.
    const t = new Date("2026-03-10T06:30:00Z"); // 02:30 EDT
    const s = dayStart(t, 4, NY);
    expect(iso(s)).toBe("2026-03-09T08:00:00.000Z"); // 04:00 EDT on the 9th
    expect(dayKey(t, 4, NY)).toBe("2026-03-09");
    expect(dayKey(t, 0, NY)).toBe("2026-03-10");
  });

  it("the next day starts at the boundary hour even across the DST change (a 23-hour day)", () => {
    const t = new Date("2026-03-07T12:00:00Z"); // Saturday 7 March, 07:00 EST
    const s = dayStart(t, 4, NY);
    const n = nextDayStart(t, 4, NY);
    expect(iso(s)).toBe("2026-03-07T09:00:00.000Z"); // 04:00 EST
    expect(iso(n)).toBe("2026-03-08T08:00:00.000Z"); // 04:00 EDT
    expect(dayKey(n, 4, NY)).toBe("2026-03-08");
    const after = nextDayStart(n, 4, NY);
    // Clocks jump 2 am → 3 am on Sunday 8 March 2026: that study day starts 23 hours after the 7th's.
    expect((n.getTime() - s.getTime()) / 3600_000).toBe(23);
    expect((after.getTime() - n.getTime()) / 3600_000).toBe(24);
  });

  it("the day the clocks go back lasts 25 hours, and a due date 24 hours on moves to the next day's start", () => {
    // DST ends at 2 am on Sunday 1 November 2026.
    const at = new Date("2026-10-31T08:30:00Z"); // 04:30 EDT on the 31st
    expect(iso(dayStart(at, 4, NY))).toBe("2026-10-31T08:00:00.000Z"); // 04:00 EDT
    expect(iso(nextDayStart(at, 4, NY))).toBe("2026-11-01T09:00:00.000Z"); // 04:00 EST
    const plus24h = new Date(at.getTime() + 86_400_000); // 03:30 EST on 1 November: still the 31st's study day
    expect(dayKey(plus24h, 4, NY)).toBe("2026-10-31");
    expect(iso(dueNotToday(plus24h, at, 4, NY))).toBe("2026-11-01T09:00:00.000Z");
    // The same instants read in UTC: the 24-hour due date is already the next day, nothing moves.
    expect(iso(dueNotToday(plus24h, at, 4, "UTC"))).toBe(iso(plus24h));
  });

  it("a boundary hour the clocks skip starts the day when they jump, as a local Date would", () => {
    // 02:00 does not exist in New York on 8 March 2026: the day starts at 03:00 EDT (07:00Z).
    expect(iso(dayStart(new Date("2026-03-08T12:00:00Z"), 2, NY))).toBe("2026-03-08T07:00:00.000Z");
    // 01:00 happens twice on 1 November: the day starts at the first (EDT, 05:00Z) and stays started.
    expect(iso(dayStart(new Date("2026-11-01T06:30:00Z"), 1, NY))).toBe("2026-11-01T05:00:00.000Z");
    expect(dayKey(new Date("2026-11-01T06:30:00Z"), 1, NY)).toBe("2026-11-01");
  });

  it("daysBetween counts study days, not 24-hour periods", () => {
    const evening = new Date("2026-05-01T15:00:00Z"); // 23:00 in Shanghai, 1 May
    const lateNight = new Date("2026-05-01T19:00:00Z"); // 03:00 in Shanghai, 2 May: still study day 1 May
    const morning = new Date("2026-05-01T21:00:00Z"); // 05:00 in Shanghai, 2 May
    expect(daysBetween(evening, lateNight, 4, "Asia/Shanghai")).toBe(0);
    expect(daysBetween(evening, morning, 4, "Asia/Shanghai")).toBe(1);
    expect(daysBetween(morning, evening, 4, "Asia/Shanghai")).toBe(-1);
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
