import { describe, expect, it } from "vitest";
import { formatDuration, formatInterval, formatRelative } from "@/lib/i18n/interval";

const MIN = 60_000;
const DAY = 86_400_000;

/**
 * The grade buttons' intervals come from Intl in the interface language. The
 * rounding is the app's (Anki's); the words are ICU's, so they are checked by
 * what they must contain rather than letter for letter.
 */
describe("grade button intervals", () => {
  it.each([
    [0, "1", /^min$/, "分钟"],
    [30_000, "1", /^min$/, "分钟"],
    [10 * MIN, "10", /^min$/, "分钟"],
    [59.4 * MIN, "59", /^min$/, "分钟"],
    [3 * 60 * MIN, "3", /^hr$/, "小时"],
    [DAY, "1", /^days?$/, "天"],
    [4 * DAY, "4", /^days$/, "天"],
    [29 * DAY, "29", /^days$/, "天"],
    [61 * DAY, "2", /^(mths?|mos?|months?)$/, "个月"],
    [45 * DAY, "1.5", /^(mths?|mos?|months?)$/, "个月"],
    [400 * DAY, "1.1", /^(yrs?|years?)$/, "年"],
    [730.5 * DAY, "2", /^(yrs?|years?)$/, "年"],
  ])("%d ms → %s", (ms, number, enUnit, zhUnit) => {
    const en = formatInterval(ms, "en");
    const [n, unit, ...rest] = en.split(/\s+/);
    expect(n).toBe(number);
    expect(unit).toMatch(enUnit);
    expect(rest).toEqual([]);
    expect(formatInterval(ms, "zh")).toBe(`${number}${zhUnit}`);
  });

  it("days read as days in both languages", () => {
    expect(formatInterval(4 * DAY, "en")).toContain("day");
    expect(formatInterval(4 * DAY, "zh")).toContain("天");
    expect(formatInterval(4 * DAY, "zh")).not.toMatch(/[a-z]/);
  });

  it("stays short enough for a button", () => {
    for (const ms of [MIN, 59 * MIN, 23 * 60 * MIN, 29 * DAY, 300 * DAY, 100 * 365 * DAY]) {
      for (const l of ["en", "zh"] as const) expect(formatInterval(ms, l).length, `${ms} ${l}`).toBeLessThanOrEqual(9);
    }
  });
});

describe("relative times", () => {
  it.each([
    [5, /^in 5 min/, "5分钟后"],
    [-5, /^5 min.* ago$/, "5分钟前"],
    [90, /^in 2 h/, "2小时后"],
    [-90, /^2 h.* ago$/, "2小时前"],
    [3 * 1440, /^in 3 days?$/, "3天后"],
    [-3 * 1440, /^3 days? ago$/, "3天前"],
  ])("%d minutes", (minutes, en, zh) => {
    expect(formatRelative(minutes, "en")).toMatch(en);
    expect(formatRelative(minutes, "zh")).toBe(zh);
  });
});

describe("durations", () => {
  it("whole seconds, with minutes from one minute on", () => {
    expect(formatDuration(45, "en")).toMatch(/^45 sec/);
    expect(formatDuration(45, "zh")).toBe("45秒");
    expect(formatDuration(125, "en")).toMatch(/^2 min 5 sec/);
    expect(formatDuration(125, "zh")).toBe("2分钟5秒");
    expect(formatDuration(59.6, "zh")).toBe("1分钟0秒");
  });
});
