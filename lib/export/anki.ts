import type { Element, ElementContent, Root as HastRoot, RootContent as HastContent } from "hast";
import type { Root as MdRoot, RootContent as MdContent } from "mdast";
import rehypeStringify from "rehype-stringify";
import { unified } from "unified";
import type { VFile } from "vfile";
import { noteMarkdown, safeHtml } from "@/lib/content/markdown";
import { displayMathOnOwnLines } from "@/lib/content/render";

/**
 * Cards as an Anki text import (File → Import, Anki 2.1.55+ reads the header
 * lines): one row per card, tab-separated, fields as HTML, tags in column 3.
 *
 * Math stays TeX, in the delimiters Anki's built-in MathJax looks for:
 * `$…$` becomes `\(…\)` and `$$…$$` becomes `\[…\]`. Everything else goes
 * through the same Markdown pipeline as the app (GFM, CJK-friendly
 * emphasis, raw HTML dropped, unsafe links removed), minus KaTeX.
 *
 * Every card is a basic front/back row. A cloze card is already one card per
 * blank here (front with […], back with the answer in bold), so it is exported
 * as that pair rather than rebuilt into Anki's {{c1::…}} syntax; a live
 * exercise exports its title, as Anki cannot run it.
 */

export const ANKI_HEADER_LINES = ["#separator:tab", "#html:true", "#tags column:3"] as const;

export interface AnkiCardInput {
  id: string;
  noteId: string;
  /** The note's tags as written in its frontmatter. */
  noteTags: readonly string[];
  kind: string;
  front: string;
  back: string;
  leech: boolean;
  /** Generator name of a live exercise, null for flashcards. */
  exerciseGenerator: string | null;
}

/**
 * Names the HTML markdownToAnkiHtml makes: change it whenever that HTML
 * changes, so that what sync stored with the old one is rendered again.
 */
export const ANKI_HTML_FORMAT = "anki-html-1";

/** The whole import file: header lines, then one row per card. */
export function formatAnkiExport(cards: readonly AnkiCardInput[]): string {
  const rows = cards.map(ankiRow);
  return ankiHeader() + rows.map((r) => `${r}\n`).join("");
}

/** The header lines, each ending in a line break. */
export function ankiHeader(): string {
  return ANKI_HEADER_LINES.map((l) => `${l}\n`).join("");
}

export function ankiRow(card: AnkiCardInput): string {
  return ankiRowFromHtml(card, markdownToAnkiHtml(card.front), markdownToAnkiHtml(card.back));
}

/** A card's row from its front and back already rendered by markdownToAnkiHtml. */
export function ankiRowFromHtml(card: Omit<AnkiCardInput, "front" | "back">, frontHtml: string, backHtml: string): string {
  let back = backHtml;
  if (card.kind === "exercise" && back === "") {
    back = escapeHtml(`Live exercise in GradPrep (generator: ${card.exerciseGenerator ?? "unknown"}); answer it in the app.`);
  }
  const tags = ankiTags([...card.noteTags, card.noteId, ...(card.leech ? ["leech"] : [])]);
  return [frontHtml, back, tags].map(ankiField).join("\t");
}

/** Anki tags are separated by spaces, so whitespace inside a tag becomes `_`. Empty and repeated tags are dropped. */
export function ankiTags(tags: readonly string[]): string {
  const out: string[] = [];
  for (const t of tags) {
    const tag = t.trim().replace(/\s+/g, "_");
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out.join(" ");
}

/** First characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection"). */
const FORMULA_START = new Set(["=", "+", "-", "@", "\t", "\r"]);

/**
 * One field of a row. Anki's rule: a field holding the separator, a line
 * break or a double quote goes in double quotes, with inner quotes doubled.
 * A field starting with `#` is quoted too, so its row cannot read as a comment.
 * The file is tab-separated text that a spreadsheet will also open, so a field
 * starting like a formula gets a leading `'`, as OWASP's guidance says, and is
 * read as text there.
 */
export function ankiField(value: string): string {
  const text = FORMULA_START.has(value.charAt(0)) ? `'${value}` : value;
  return /["\t\r\n]/.test(text) || text.startsWith("#") ? `"${text.replace(/"/g, '""')}"` : text;
}

const processor = unified()
  .use(noteMarkdown)
  .use(mathAsAnkiTex)
  .use(safeHtml)
  .use(onOneLine)
  // &amp; and &lt; rather than numeric references: what Anki's own editor writes.
  .use(rehypeStringify, { characterReferences: { useNamedReferences: true } });

/** Markdown with TeX → one line of HTML for an Anki field (no tab, no line break). */
export function markdownToAnkiHtml(markdown: string): string {
  if (markdown.trim() === "") return "";
  const html = String(processor.processSync(displayMathOnOwnLines(markdown)));
  // Text nodes are the only place a tab can survive; &#9; keeps it without splitting the row.
  return html.replace(/\t/g, "&#9;").replace(/\r\n?|\n/g, "<br>");
}

/**
 * TeX for MathJax on one line: `%` comments (to the end of their line) are
 * dropped, since joining lines would otherwise comment out what follows;
 * line breaks and tabs become spaces, which TeX reads the same way.
 */
export function texOnOneLine(tex: string): string {
  return tex
    .split(/\r\n?|\n/)
    .map((line) => {
      const m = /(^|[^\\])(\\\\)*%/.exec(line);
      return m ? line.slice(0, m.index + m[0].length - 1) : line;
    })
    .join(" ")
    .replace(/\t/g, " ")
    .trim();
}

/** Remark step: math nodes become plain text in MathJax delimiters. */
function mathAsAnkiTex() {
  return (tree: MdRoot, file: VFile) => {
    const source = String(file.value);
    const visit = (node: { children?: MdContent[] }) => {
      if (!node.children) return;
      node.children = node.children.map((child): MdContent => {
        if (child.type === "inlineMath") {
          // remark-math reads `$$x$$` inside a sentence as inline math; it was meant as display.
          const at = child.position?.start.offset;
          const display = at !== undefined && source.startsWith("$$", at);
          const tex = texOnOneLine(child.value);
          return { type: "text", value: display ? `\\[${tex}\\]` : `\\(${tex}\\)` };
        }
        if (child.type === "math") {
          return { type: "paragraph", children: [{ type: "text", value: `\\[${texOnOneLine(child.value)}\\]` }] };
        }
        visit(child as { children?: MdContent[] });
        return child;
      });
    };
    visit(tree);
  };
}

const BLOCK = new Set([
  "address", "article", "aside", "blockquote", "details", "div", "dl", "dd", "dt", "figcaption", "figure", "footer",
  "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "pre", "section", "summary",
  "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
]);

const isBlock = (n: HastContent | undefined) => n?.type === "element" && BLOCK.has(n.tagName);
const br = (): Element => ({ type: "element", tagName: "br", properties: {}, children: [] });

/**
 * Rehype step that removes every line break from the HTML without changing
 * what it shows: layout newlines between blocks go, a line break inside a
 * code block or a paragraph becomes <br> (Obsidian shows a single newline in
 * a paragraph as a line break too).
 */
function onOneLine() {
  return (tree: HastRoot) => {
    const visit = (parent: HastRoot | Element, inPre: boolean) => {
      const kids = parent.children as HastContent[];
      if (inPre && parent.type === "element" && parent.tagName === "code") {
        const last = kids[kids.length - 1];
        if (last?.type === "text") last.value = last.value.replace(/\n$/, "");
      }
      const out: HastContent[] = [];
      kids.forEach((child, i) => {
        if (child.type === "element") {
          visit(child, inPre || child.tagName === "pre");
          out.push(child);
          return;
        }
        if (child.type !== "text" || !/[\r\n]/.test(child.value)) {
          out.push(child);
          return;
        }
        let value = child.value;
        if (!inPre) {
          const layoutOnly = /^\s*$/.test(value) && (parent.type === "root" || isBlock(kids[i - 1]) || isBlock(kids[i + 1]));
          if (layoutOnly) return;
          // A hard break (<br>) is followed by the newline it came from.
          const prev = kids[i - 1];
          if (prev?.type === "element" && prev.tagName === "br") value = value.replace(/^\r?\n/, "");
        }
        value.split(/\r\n?|\n/).forEach((part, k) => {
          if (k > 0) out.push(br());
          if (part) out.push({ type: "text", value: part });
        });
      });
      parent.children = out as ElementContent[];
    };
    visit(tree, false);
  };
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
