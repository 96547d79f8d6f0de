import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@/lib/content/render";

/*
 * renderMarkdown keeps what it rendered, by source, least recently used
 * first, within 4 million characters (source + HTML): issue 12's note page
 * renders 250 card sides per request. Observed from outside: the same object
 * comes back while it is kept, a fresh (equal) one once it has been dropped.
 */

/** One paragraph of `chars` plain characters: its HTML is about as long again. */
const big = (tag: string, chars: number) => `${tag} ${"lorem ".repeat(Math.floor(chars / 6))}`;

describe("renderMarkdown's cache", () => {
  it("gives the same frozen result for the same source, equal to what the source renders to", () => {
    const a = renderMarkdown("cache test: $\\sigma'(z) \\le 1/4$ and **bold**");
    expect(renderMarkdown("cache test: $\\sigma'(z) \\le 1/4$ and **bold**")).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(a.html).toContain("<strong>bold</strong>");
    expect(a.html).toContain("<math");
    expect(a.errors).toEqual([]);
  });

  it("drops the least recently used source first once more than 4 million characters are held", () => {
    const kept = renderMarkdown(big("kept", 100_000));
    const dropped = renderMarkdown(big("dropped", 100_000));
    // 12 sources of about 2 × 200,000 characters each: 4.8 million, over the bound.
    for (let i = 0; i < 12; i++) {
      renderMarkdown(big(`filler-${i}`, 200_000));
      expect(renderMarkdown(big("kept", 100_000))).toBe(kept); // used again: moves to the end
    }
    const again = renderMarkdown(big("dropped", 100_000));
    expect(again).not.toBe(dropped);
    expect(again.html).toBe(dropped.html);
    expect(renderMarkdown(big("kept", 100_000))).toBe(kept);
  });

  it("does not keep a source too large for it (over an eighth of the bound)", () => {
    const huge = renderMarkdown(big("huge", 300_000));
    expect(renderMarkdown(big("huge", 300_000))).not.toBe(huge);
  });
});
