import { describe, expect, it } from "vitest";
import { parseNote } from "@/lib/content/parse";

const note = (body: string) => parseNote(`---\ntitle: t\n---\n${body}`, "en/t.md").note!;

describe("a note's prose without its cards", () => {
  it("drops a Cards section made only of cards, so the page has one Cards heading", () => {
    const n = note("# T\n\nIntro.\n\n## Cards\n\nQ1::A1\n\nQ2::A2\n");
    expect(n.cards).toHaveLength(2);
    expect(n.prose).toBe("# T\n\nIntro.");
  });

  it("keeps a section that still has text, and a heading whose content is a subsection", () => {
    const n = note("## Cards\n\nSome words.\n\nQ::A\n\n## Next\n\n### Sub\n\nText.\n");
    expect(n.prose).toBe("## Cards\n\nSome words.\n\n## Next\n\n### Sub\n\nText.");
  });

  it("drops an empty heading in the middle but not a '#' line inside fenced code", () => {
    const n = note("## A\n\nQ::A\n\n## B\n\n```sh\n# not a heading\n```\n");
    expect(n.prose).toBe("## B\n\n```sh\n# not a heading\n```");
  });
});
