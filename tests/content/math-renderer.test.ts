import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@/lib/content/render";

// Every formula is drawn by one Temml: the server's Markdown pipeline and the
// answer preview in the browser. Its stylesheet is a copy in app/_math (the
// package ships the stylesheet but not the Latin Modern font it names), so a
// temml upgrade that changes the stylesheet must fail here until the copy is
// refreshed, and no second maths renderer may creep back into the app.
const root = path.resolve(import.meta.dirname, "../..");
const read = (p: string) => readFileSync(path.join(root, p));
const lock = JSON.parse(read("package-lock.json").toString()) as { packages: Record<string, { version?: string }> };

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) return name === "generated" ? [] : sources(rel);
    return /\.(ts|tsx|css)$/.test(name) ? [rel] : [];
  });
}

describe("one maths renderer draws and styles every formula", () => {
  it("the layout ships the copied Temml stylesheet", () => {
    expect(read("app/layout.tsx").toString()).toContain('import "./_math/temml.css"');
  });

  it("the copy is byte for byte the installed temml's stylesheet and script font", () => {
    expect(read("app/_math/temml.css").equals(read("node_modules/temml/dist/Temml-Latin-Modern.css"))).toBe(true);
    expect(read("app/_math/Temml.woff2").equals(read("node_modules/temml/dist/Temml.woff2"))).toBe(true);
  });

  it("ships the Latin Modern Math font the stylesheet names, as WOFF2", () => {
    expect(read("app/_math/temml.css").toString()).toContain("url('./latinmodernmath.woff2')");
    const font = read("app/_math/latinmodernmath.woff2");
    expect(font.subarray(0, 4).toString("latin1")).toBe("wOF2");
    expect(font.length).toBeGreaterThan(100_000);
  });

  it("installs exactly one temml", () => {
    const copies = Object.keys(lock.packages).filter((k) => k === "node_modules/temml" || k.endsWith("/node_modules/temml"));
    expect(copies).toEqual(["node_modules/temml"]);
  });

  it("no app code draws maths with KaTeX", () => {
    const offenders = [...sources("app"), ...sources("components"), ...sources("lib")].filter((f) => /from "katex|katex\/dist/.test(read(f).toString()));
    expect(offenders).toEqual([]);
  });

  it("every Temml class in rendered maths is defined in the shipped stylesheet", () => {
    const css = read("app/_math/temml.css").toString();
    const defined = new Set([...css.matchAll(/\.([A-Za-z_][\w-]*)/g)].map((m) => m[1]));
    const formulas = ["$x^2$", "$C = \\tfrac{1}{2}(a_4 - y)^2$", "$$\\frac{\\partial C}{\\partial b_1} = \\prod_{j=1}^{4} w_j \\sigma'(z_j)$$", "$\\underbrace{a\\,b}_{\\text{two}}$", "$\\sqrt{\\frac{2}{n_{\\text{in}}}}$"];
    for (const f of formulas) {
      const { html, errors } = renderMarkdown(f);
      expect(errors).toEqual([]);
      const used = [...html.matchAll(/class="([^"]*)"/g)].flatMap((m) => m[1]!.split(/\s+/)).filter((c) => c.startsWith("tml-"));
      expect({ f, unstyled: used.filter((c) => !defined.has(c)) }).toEqual({ f, unstyled: [] });
    }
  });
});
