import { describe, expect, it } from "vitest";
import { browseHref, browseQuery, calendarDay, readParams } from "@/app/browse/params";

const study = { dayStartHour: 4, timeZone: "UTC" };
const now = new Date("2026-06-15T12:00:00Z");

describe("the browser's URL parameters", () => {
  it("keeps what fits, names what does not, and treats empty form fields as no condition", () => {
    const { params, ignored } = readParams({
      q: "  gradient ",
      note: "",
      tag: "e2e",
      state: "leech",
      gen: "sigmoid-derivative",
      from: "2026-06-01",
      to: "2026-02-30",
      sort: "retrievability",
      dir: "sideways",
      page: "2",
      card: ["a", "b"],
    });
    expect(params).toEqual({ q: "gradient", tag: "e2e", state: "leech", gen: "sigmoid-derivative", from: "2026-06-01", sort: "retrievability", page: 2 });
    expect(ignored.sort()).toEqual(["card", "dir", "to"]);
  });

  it("refuses names that are not ours: an unknown state, generator or sort, Object.prototype's keys, a page that is not a whole number", () => {
    const { params, ignored } = readParams({ state: "constructor", gen: "toString", sort: "__proto__", page: "1.5", q: "x".repeat(201) });
    expect(params).toEqual({});
    expect(ignored.sort()).toEqual(["gen", "page", "q", "sort", "state"]);
    expect(readParams(Object.create({ q: "inherited" }) as Record<string, string>).params).toEqual({});
  });

  it("a due range covers whole study days, `to` included; sort, direction and page default to due, ascending, 1", () => {
    const query = browseQuery({ from: "2026-06-20", to: "2026-06-21" }, now, study);
    expect(query).toEqual({ dueFrom: new Date("2026-06-20T04:00:00Z"), dueBefore: new Date("2026-06-22T04:00:00Z"), sort: "due", dir: "asc", page: 1 });
    expect(browseQuery({ q: "σ", note: "en/basics" }, now, study)).toMatchObject({ text: "σ", note: "en/basics" });
  });

  it("calendar days and links", () => {
    expect(calendarDay("1970-01-02")).toBe(1);
    expect(calendarDay("2026-02-29")).toBeNull();
    expect(calendarDay("2026-6-1")).toBeNull();
    expect(browseHref({ q: "a b", state: "new", page: 3 }, { sort: "lapses" }, ["page"])).toBe("/browse?q=a+b&state=new&sort=lapses");
    expect(browseHref({})).toBe("/browse");
  });
});
