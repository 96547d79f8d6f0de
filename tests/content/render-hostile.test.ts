import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Root, RootContent } from "hast";
import { fromHtml } from "hast-util-from-html";
import { describe, expect, it } from "vitest";
import { parseNote } from "@/lib/content/parse";
import { renderMarkdown } from "@/lib/content/render";
import { markdownToAnkiHtml } from "@/lib/export/anki";

// Hostile Markdown (tests/content/fixtures/hostile-markdown, README there)
// through both outputs of the one pipeline: the app's HTML and the Anki
// export. The output is read back with parse5 and checked element by element.
const dir = path.resolve(import.meta.dirname, "fixtures/hostile-markdown");
const files = readdirSync(dir).filter((f) => f.endsWith(".md") && f !== "README.md").sort();

const SAFE_SCHEMES = new Set(["http:", "https:", "mailto:"]);
const URL_ATTRIBUTES = new Set(["href", "src", "action", "formAction", "xLinkHref", "poster", "cite", "background", "srcSet", "data"]);
const FORBIDDEN_TAGS = new Set(["script", "iframe", "object", "embed", "style", "link", "meta", "base", "form", "svg", "math-external"]);

/** A URL attribute is safe when it is relative/in-page or uses an allowed scheme, as a browser would parse it. */
function unsafeUrl(value: string): boolean {
  // Browsers strip ASCII whitespace and control characters from a scheme before reading it.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  const cleaned = value.replace(/[\u0000-\u0020\u007f]/g, "");
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned)?.[1];
  if (scheme === undefined) return false;
  return !SAFE_SCHEMES.has(`${scheme.toLowerCase()}:`);
}

function problems(html: string): string[] {
  const out: string[] = [];
  const walk = (n: RootContent | Root) => {
    if (n.type === "element") {
      if (FORBIDDEN_TAGS.has(n.tagName)) out.push(`<${n.tagName}>`);
      for (const [name, raw] of Object.entries(n.properties)) {
        const value = Array.isArray(raw) ? raw.join(" ") : String(raw);
        if (name.toLowerCase().startsWith("on")) out.push(`${n.tagName}[${name}]`);
        if (URL_ATTRIBUTES.has(name) && unsafeUrl(value)) out.push(`${n.tagName}[${name}=${value}]`);
        if (name === "style" && /url\(|expression\(|position\s*:\s*fixed/i.test(value)) out.push(`${n.tagName}[style=${value}]`);
        if (name === "id" || name === "name") {
          if (!value.startsWith("user-content-")) out.push(`${n.tagName}[${name}=${value}] can clobber the page's ids`);
        }
      }
    }
    if ("children" in n) for (const c of n.children) walk(c as RootContent);
  };
  walk(fromHtml(html, { fragment: true }));
  return out;
}

/**
 * The largest length in any inline style or MathML size attribute, in em:
 * Temml writes rule and space sizes as `width="…em"` or in pt (12 pt = 1 em
 * at the browser's default 16 px).
 */
function largestEm(html: string): number {
  const lengths = [...html.matchAll(/(?:style|width|height|depth|voffset|lspace|rspace|minsize|maxsize)="([^"]*)"/g)].flatMap((m) =>
    [...m[1]!.matchAll(/(-?\d+(?:\.\d+)?)(em|pt)/g)].map((x) => Math.abs(Number(x[1])) / (x[2] === "pt" ? 12 : 1)),
  );
  return Math.max(0, ...lengths);
}

describe("hostile Markdown", () => {
  it("has the fixture files its README lists", () => {
    const readme = readFileSync(path.join(dir, "README.md"), "utf8");
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const f of files) expect(readme).toContain(`| ${f} |`);
  });

  describe.each(files)("%s", (file) => {
    const text = readFileSync(path.join(dir, file), "utf8");
    // The same text as a note body too, so cloze blanks and Q::A lines become cards of their own.
    const parsed = parseNote(`---\ntitle: hostile\n---\n${text}`, `hostile/${file}`, {}).note;
    const faces = [text, ...(parsed?.cards.flatMap((c) => [c.front, c.back]) ?? [])];

    it("keeps no script-capable element, attribute or URL in the app's HTML", () => {
      const started = performance.now();
      for (const md of faces) expect({ md, problems: problems(renderMarkdown(md).html) }).toEqual({ md, problems: [] });
      expect(performance.now() - started).toBeLessThan(2000);
    });

    it("keeps none in the Anki export either", () => {
      for (const md of faces) expect({ md, problems: problems(markdownToAnkiHtml(md)) }).toEqual({ md, problems: [] });
    });

    it("draws nothing larger than the 10 em cap", () => {
      for (const md of faces) expect(largestEm(renderMarkdown(md).html)).toBeLessThanOrEqual(10.5);
    });
  });

  it("keeps safe links and Temml's own markup", () => {
    const { html } = renderMarkdown("[docs](https://katex.org) [mail](mailto:a@b.c) [here](#cards) [rel](../notes/en/01) $x^2$");
    expect(html).toContain('href="https://katex.org"');
    expect(html).toContain('href="mailto:a@b.c"');
    expect(html).toContain('href="#cards"');
    expect(html).toContain('href="../notes/en/01"');
    expect(html).toContain("<msup><mi>x</mi><mn class=\"tml-sml-pad\">2</mn></msup>");
  });
});
