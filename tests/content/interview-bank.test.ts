import { describe, expect, it } from "vitest";
import { loadContent } from "@/lib/content/load";
import { contentParseOptions } from "@/lib/content/options";
import { renderMarkdown } from "@/lib/content/render";

// The real content/: the interview questions' key points, in both languages.
const { notes, issues } = loadContent("content", contentParseOptions());
const questions = (lang: string) =>
  notes
    .filter((n) => n.lang === lang)
    .flatMap((n) => n.cards.filter((c) => c.interview).map((c) => ({ id: c.id.slice(lang.length + 1), points: c.interview!.points })));

describe("interview key points in content/", () => {
  it("load with no problems", () => {
    expect(issues.filter((i) => i.field.startsWith("interview"))).toEqual([]);
  });

  it("cover at least 12 questions per language, with the same ids and the same shape in both", () => {
    const en = questions("en");
    const zh = questions("zh");
    expect(en.length).toBeGreaterThanOrEqual(12);
    // Same questions, same number of points, the same cards behind each (up to the language prefix) and the same kinds of follow-up.
    const shape = (qs: typeof en, lang: string) =>
      qs.map((q) => ({
        id: q.id,
        points: q.points.map((p) => ({
          cards: p.cards.map((c) => c.slice(lang.length + 1)),
          followUp: p.followUp ? (p.followUp.kind === "exercise" ? `exercise:${p.followUp.cardId.slice(lang.length + 1)}` : "question") : null,
        })),
      }));
    expect(shape(zh, "zh")).toEqual(shape(en, "en"));
  });

  it("give every question at least two points and a follow-up for at least half of them, Chinese written in Chinese", () => {
    for (const lang of ["en", "zh"]) {
      const qs = questions(lang);
      for (const q of qs) expect({ q: q.id, enough: q.points.length >= 2 }).toEqual({ q: q.id, enough: true });
      expect(qs.filter((q) => q.points.some((p) => p.followUp)).length * 2).toBeGreaterThanOrEqual(qs.length);
    }
    for (const q of questions("zh")) for (const p of q.points) expect(p.text).toMatch(/[\u4e00-\u9fff]/);
  });

  it("render every point and follow-up with Temml and no errors", () => {
    for (const lang of ["en", "zh"]) {
      for (const q of questions(lang)) {
        for (const p of q.points) {
          const texts = [p.text, ...(p.followUp?.kind === "question" ? [p.followUp.text] : [])];
          for (const text of texts) {
            const { html, errors } = renderMarkdown(text);
            expect({ text, errors }).toEqual({ text, errors: [] });
            expect(html).not.toContain("temml-error");
          }
        }
      }
    }
  });
});
