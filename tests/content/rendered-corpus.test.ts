import type { Element, Root, RootContent } from "hast";
import { fromHtml } from "hast-util-from-html";
import { describe, expect, it } from "vitest";
import { loadContent } from "@/lib/content/load";
import { contentParseOptions } from "@/lib/content/options";
import { renderMarkdown } from "@/lib/content/render";
import { markdownToAnkiHtml } from "@/lib/export/anki";

// What a reader sees of the real content/: every note and every card face, in
// both languages, on the page and in the Anki export. The HTML is read back
// with parse5 (hast-util-from-html), not with the pipeline that wrote it.
const { notes } = loadContent("content", contentParseOptions());

const classes = (e: Element) => (Array.isArray(e.properties.className) ? e.properties.className.map(String) : []);

/** Visible prose text: code, maths (Temml's MathML, or TeX kept for Anki's MathJax) left out. */
function proseText(root: Root | Element): string {
  let out = "";
  const walk = (n: RootContent | Root) => {
    if (n.type === "text") out += n.value;
    if (n.type === "element" && (n.tagName === "code" || n.tagName === "pre" || n.tagName === "math" || classes(n).includes("temml-error"))) return;
    if ("children" in n) for (const c of n.children) walk(c as RootContent);
  };
  walk(root);
  return out;
}

const hasClass = (root: Root, name: string): boolean => {
  let found = false;
  const walk = (n: RootContent | Root) => {
    if (found) return;
    if (n.type === "element" && classes(n).includes(name)) found = true;
    if ("children" in n) for (const c of n.children) walk(c as RootContent);
  };
  walk(root);
  return found;
};

const MARKERS = ["**", "__", "=="] as const;
/** Anki keeps TeX as text in \(…\) / \[…\]; drop those spans before looking for Markdown markers. */
const withoutAnkiTex = (s: string) => s.replace(/\\\(.*?\\\)|\\\[.*?\\\]/g, " ");

const faces = notes.flatMap((n) => [
  { where: `${n.path} prose`, lang: n.lang, md: n.prose },
  ...n.cards.flatMap((c) => [
    { where: `${n.path} ${c.id} front`, lang: n.lang, md: c.front },
    { where: `${n.path} ${c.id} back`, lang: n.lang, md: c.back },
  ]),
]);

describe("the rendered corpus", () => {
  it("covers both languages and many card faces", () => {
    expect(new Set(faces.map((f) => f.lang))).toEqual(new Set(["en", "zh"]));
    expect(faces.length).toBeGreaterThan(400);
  });

  it("leaves no Markdown emphasis or cloze marker in any note or card, and no maths error", () => {
    const failures: string[] = [];
    for (const f of faces) {
      const r = renderMarkdown(f.md);
      const tree = fromHtml(r.html, { fragment: true });
      const text = proseText(tree);
      for (const m of MARKERS) if (text.includes(m)) failures.push(`${f.where}: literal ${m} in "${text.slice(Math.max(0, text.indexOf(m) - 20), text.indexOf(m) + 20)}"`);
      if (hasClass(tree, "temml-error")) failures.push(`${f.where}: maths error`);
      if (r.errors.length) failures.push(`${f.where}: ${r.errors.join("; ")}`);
    }
    expect(failures).toEqual([]);
  });

  it("leaves no Markdown emphasis or cloze marker in the Anki export of any card", () => {
    const failures: string[] = [];
    for (const f of faces.filter((x) => !x.where.endsWith("prose"))) {
      const text = withoutAnkiTex(proseText(fromHtml(markdownToAnkiHtml(f.md), { fragment: true })));
      for (const m of MARKERS) if (text.includes(m)) failures.push(`${f.where}: literal ${m}`);
    }
    expect(failures).toEqual([]);
  });

  it("makes Chinese emphasis next to full-width punctuation bold, on the page and in the export", () => {
    const md = "梯度要乘上**[w·σ′(z)]**，每一层都如此。";
    const page = fromHtml(renderMarkdown(md).html, { fragment: true });
    const anki = fromHtml(markdownToAnkiHtml(md), { fragment: true });
    for (const tree of [page, anki]) {
      const strong: string[] = [];
      const walk = (n: RootContent | Root) => {
        if (n.type === "element" && n.tagName === "strong") strong.push(proseText(n));
        if ("children" in n) for (const c of n.children) walk(c as RootContent);
      };
      walk(tree);
      expect(strong).toEqual(["[w·σ′(z)]"]);
    }
  });
});
