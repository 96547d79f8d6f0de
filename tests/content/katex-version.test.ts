import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@/lib/content/render";

// The page's KaTeX CSS is the top-level package's (app/layout.tsx imports
// "katex/dist/katex.min.css"); the HTML comes from whichever katex
// rehype-katex resolves. Two versions draw sub- and superscripts full size,
// because the class names changed between them (`sizing` → `katex-sizing`).
const root = path.resolve(import.meta.dirname, "../..");
const fromRoot = createRequire(path.join(root, "package.json"));
const fromRehypeKatex = createRequire(fromRoot.resolve("rehype-katex"));
const version = (req: NodeRequire) => (JSON.parse(readFileSync(req.resolve("katex/package.json"), "utf8")) as { version: string }).version;

const layout = readFileSync(path.join(root, "app/layout.tsx"), "utf8");
const css = readFileSync(fromRoot.resolve("katex/dist/katex.min.css"), "utf8");
const cssClasses = new Set([...css.matchAll(/\.([A-Za-z_][\w-]*)/g)].map((m) => m[1]));
// KaTeX's atom classes (ord, rel, bin...) carry meaning for spacing in its own
// code but no CSS rule of their own; every other class must be styled.
const ATOM_CLASSES = new Set(["mord", "mrel", "mopen", "mclose", "mbin", "mop", "mpunct", "minner", "mtight", "text"]);

describe("one KaTeX renders and styles every formula", () => {
  it("the layout ships the top-level katex's CSS", () => {
    expect(layout).toContain('import "katex/dist/katex.min.css"');
  });

  it("rehype-katex renders with that same katex version", () => {
    expect(version(fromRehypeKatex)).toBe(version(fromRoot));
  });

  it("every layout class in rendered maths is defined in the shipped CSS", () => {
    const formulas = ["$C = \\tfrac{1}{2}(a_4 - y)^2$", "$w_{j+1}\\,\\sigma'(z_j)$", "$$\\frac{\\partial C}{\\partial b_1} = \\prod_{j=1}^{4} w_j \\sigma'(z_j)$$", "$\\sqrt{\\frac{2}{n_{\\text{in}}}}$"];
    for (const f of formulas) {
      const { html } = renderMarkdown(f);
      const used = new Set([...html.matchAll(/class="([^"]*)"/g)].flatMap((m) => m[1]!.split(/\s+/)).filter(Boolean));
      expect(used.has("msupsub") || used.has("mfrac")).toBe(true);
      const unstyled = [...used].filter((c) => !ATOM_CLASSES.has(c) && !cssClasses.has(c));
      expect({ formula: f, unstyled }).toEqual({ formula: f, unstyled: [] });
    }
  });
});
