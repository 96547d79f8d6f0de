import { describe, expect, it } from "vitest";
import { parseFrontmatter } from "@/lib/content/frontmatter";
import { parseNote } from "@/lib/content/parse";
import { parseYaml } from "@/lib/content/yaml";

const fm = (yaml: string) => parseFrontmatter(["---", ...yaml.split("\n"), "---", "body"], "n.md");

describe("the YAML dialect notes are read in", () => {
  it("reads unquoted timestamps as js-yaml did (UTC dates; offsets applied; a date needs two-digit month and day)", () => {
    const data = (v: string) => (parseYaml(`v: ${v}`) as { ok: true; data: { v: unknown } }).data.v;
    expect(data("2025-10-19")).toEqual(new Date("2025-10-19T00:00:00Z"));
    expect(data("2025-10-19 10:00:00")).toEqual(new Date("2025-10-19T10:00:00Z"));
    expect(data("2025-10-19T10:00:00+08:00")).toEqual(new Date("2025-10-19T02:00:00Z"));
    expect(data("2025-10-19t1:02:03.1234 -5")).toEqual(new Date("2025-10-19T06:02:03.123Z"));
    expect(data("'2025-10-19'")).toBe("2025-10-19");
    expect(data("2025-1-9")).toBe("2025-1-9");
    expect(data("2025-10-19T10:00")).toBe("2025-10-19T10:00");
  });

  it("normalises unquoted and quoted dates alike, and still refuses impossible ones", () => {
    expect(fm("created: 2025-10-19\nlast_reviewed: '2025-10-19'\nnext_review: 2025-10-19 10:00:00").fm).toMatchObject({
      created: "2025-10-19",
      last_reviewed: "2025-10-19",
      next_review: "2025-10-19T10:00:00.000Z",
    });
    expect(fm("title: x\ncreated: 2025-13-45").issues).toEqual([expect.objectContaining({ line: 3, field: "created" })]);
    expect(fm("created: 2025-1-9").issues).toEqual([expect.objectContaining({ line: 2, field: "created" })]);
  });

  it("names the line of a YAML error; one left open at the end is reported on the closing ---", () => {
    expect(fm("title: a\ntitle: b").issues).toEqual([expect.objectContaining({ line: 3, field: "frontmatter", message: expect.stringContaining("unique") })]);
    expect(fm("title: x\ntags: [a, b").issues).toEqual([expect.objectContaining({ line: 4, field: "frontmatter" })]);
    expect(fm("title: x\n\ttags: y").issues).toEqual([expect.objectContaining({ line: 3, field: "frontmatter" })]);
    expect(fm("title: !nope x").issues).toEqual([expect.objectContaining({ line: 2, field: "frontmatter" })]);
  });

  it("keeps `<<` merges, and a schema error names the key's line even when the key is quoted", () => {
    expect(fm("base: &b {review_count: 4}\n<<: *b").fm).toMatchObject({ review_count: 4 });
    expect(fm('title: x\n"review_count": many').issues).toEqual([expect.objectContaining({ line: 3, field: "review_count" })]);
  });

  it("an alias bomb under a key the app reads is reported at that key; under a key it ignores, it is never expanded", () => {
    const bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]";
    expect(fm(`${bomb}\ntags: [*c, *c, *c, *c, *c, *c, *c, *c, *c]`).issues).toEqual([expect.objectContaining({ line: 5, field: "tags" })]);
    expect(fm(`${bomb}\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ntitle: ok`).fm).toMatchObject({ title: "ok" });
  });

  it("an exercise block keeps __proto__ as an own key and reports an alias bomb on its line", () => {
    const r = parseYaml("generator: g\nparams:\n  __proto__: 1");
    expect(r.ok && Object.hasOwn((r.data as { params: object }).params, "__proto__")).toBe(true);
    const exercise = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nparams: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b]";
    const { issues } = parseNote(`# Q\n\n\`\`\`exercise\n${exercise}\n\`\`\`\n`, "q.md");
    expect(issues).toEqual([expect.objectContaining({ line: 6, field: "exercise" })]);
  });
});
