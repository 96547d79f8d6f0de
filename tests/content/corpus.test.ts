import { describe, expect, it } from "vitest";
import { loadContent } from "@/lib/content/load";
import { contentParseOptions } from "@/lib/content/options";
import { renderMarkdown } from "@/lib/content/render";
import type { ParsedNote } from "@/lib/content/types";

// The real content/ folder: these tests hold the study material to its promises.
const { notes, issues } = loadContent("content", contentParseOptions());
const byLang = (lang: string) => notes.filter((n) => n.lang === lang);
const stem = (n: ParsedNote) => n.path.split("/").pop()!;
const local = (n: ParsedNote) => n.cards.map((c) => c.id.slice(n.id.length + 1));

describe("the study content", () => {
  it("loads with no problems at all", () => {
    expect(issues).toEqual([]);
  });

  it("has every note in English and in Chinese, with the same cards in the same order", () => {
    const en = byLang("en");
    const zh = byLang("zh");
    expect(en.length).toBeGreaterThanOrEqual(15);
    expect(en.map(stem).sort()).toEqual(zh.map(stem).sort());
    for (const e of en) {
      const z = zh.find((n) => stem(n) === stem(e))!;
      expect({ note: stem(e), cards: local(z) }).toEqual({ note: stem(e), cards: local(e) });
      expect(z.cards.map((c) => c.kind)).toEqual(e.cards.map((c) => c.kind));
      // Same exercises too (titles are translated, the rest is identical).
      const exercises = (n: ParsedNote) => n.cards.flatMap((c) => (c.exercise ? [{ ...c.exercise, title: null }] : []));
      expect(exercises(z)).toEqual(exercises(e));
    }
  });

  // Issue 15's floor: 23 notes, 220 flashcards and 45 live exercises per language
  // (the lab's prediction cards are exercises too, but not counted toward the 45).
  it("has at least 23 notes, 220 flashcards and 45 live exercises per language, in all three card forms", () => {
    for (const lang of ["en", "zh"]) {
      expect(byLang(lang).length).toBeGreaterThanOrEqual(23);
      const cards = byLang(lang).flatMap((n) => n.cards);
      expect(cards.filter((c) => c.kind !== "exercise").length).toBeGreaterThanOrEqual(220);
      const live = cards.filter((c) => c.kind === "exercise" && c.exercise?.generator !== "lab-predict");
      expect(live.length).toBeGreaterThanOrEqual(45);
      expect(new Set(cards.map((c) => c.kind))).toEqual(new Set(["basic", "multiline", "cloze", "exercise"]));
    }
  });

  it("uses every exercise generator in each language", () => {
    const generators = Object.keys(contentParseOptions().generators ?? {});
    expect(generators.length).toBeGreaterThanOrEqual(13);
    for (const lang of ["en", "zh"]) {
      const used = new Set(byLang(lang).flatMap((n) => n.cards.flatMap((c) => (c.exercise ? [c.exercise.generator] : []))));
      expect([...used].sort()).toEqual([...generators].sort());
    }
  });

  it("links related notes that exist, in the same language", () => {
    const ids = new Set(notes.map((n) => n.id));
    for (const n of notes) {
      for (const r of n.meta.relatedOutlines) {
        expect({ note: n.id, related: r, exists: ids.has(r) }).toEqual({ note: n.id, related: r, exists: true });
        expect(r.split("/")[0]).toBe(n.lang);
      }
    }
  });

  it("renders every note and every card with Temml and no errors", () => {
    const failures: string[] = [];
    for (const n of notes) {
      for (const [where, md] of [["prose", n.prose], ...n.cards.flatMap((c) => [[`${c.id} front`, c.front], [`${c.id} back`, c.back]])] as const) {
        const r = renderMarkdown(md);
        if (r.errors.length) failures.push(`${n.path} ${where}: ${r.errors.join("; ")}`);
        if (/\$\S/.test(r.html.replace(/<annotation[^>]*>[\s\S]*?<\/annotation>/g, ""))) failures.push(`${n.path} ${where}: a stray $ survived rendering`);
      }
    }
    expect(failures).toEqual([]);
  });
});
