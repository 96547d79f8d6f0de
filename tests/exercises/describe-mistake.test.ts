import { describe, expect, it } from "vitest";
import { buildInstance } from "@/lib/exercises/registry";
import { describeMistake } from "@/lib/exercises/server";

describe("describeMistake (the stats page's list of frequent mistakes)", () => {
  it("rebuilds the instance from its seed and params and gives that mistake's explanation with its numbers", () => {
    const spec = { difficulty: 2, params: {} };
    for (const seed of [1, 7, 42]) {
      const instance = buildInstance("sigmoid-derivative", seed, spec);
      for (const m of instance.mistakes) {
        const d = describeMistake("sigmoid-derivative", seed, JSON.stringify({ ...spec.params, difficulty: 2 }), m.id, "en")!;
        expect(d.title.length).toBeGreaterThan(0);
        // Rendered HTML (KaTeX), not the Markdown source.
        expect(d.html).toMatch(/<(p|span)/);
        expect(d.html).not.toContain("$");
      }
    }
  });

  it("is null when the instance or the mistake cannot be rebuilt", () => {
    expect(describeMistake("sigmoid-derivative", 1, "{not json", "sigma-not-prime", "en")).toBeNull();
    expect(describeMistake("no-such-generator", 1, "{}", "x", "en")).toBeNull();
    expect(describeMistake("sigmoid-derivative", 1, '{"difficulty":2}', "no-such-mistake", "en")).toBeNull();
  });
});
