import { describe, expect, it } from "vitest";
import { ankiField, ankiTags, formatAnkiExport, markdownToAnkiHtml, type AnkiCardInput } from "@/lib/export/anki";
import { decodeEntities, parseAnkiText } from "./parse-export";

const card = (over: Partial<AnkiCardInput> = {}): AnkiCardInput => ({
  id: "n:c",
  noteId: "n",
  noteTags: [],
  kind: "basic",
  front: "Q",
  back: "A",
  leech: false,
  exerciseGenerator: null,
  ...over,
});

/** The TeX between each pair of MathJax delimiters, entities decoded, whitespace collapsed. */
function mathIn(html: string, open: string, close: string): string[] {
  const text = decodeEntities(html);
  const out: string[] = [];
  let at = 0;
  for (;;) {
    const s = text.indexOf(open, at);
    if (s < 0) return out;
    const e = text.indexOf(close, s + open.length);
    if (e < 0) throw new Error(`unclosed ${open} in ${html}`);
    out.push(text.slice(s + open.length, e).replace(/\s+/g, " ").trim());
    at = e + close.length;
  }
}
const inline = (html: string) => mathIn(html, "\\(", "\\)");
const display = (html: string) => mathIn(html, "\\[", "\\]");

describe("math for Anki's MathJax", () => {
  it("inline $…$ becomes \\(…\\) with the TeX unchanged, and no KaTeX markup", () => {
    const html = markdownToAnkiHtml("What is the max of $\\sigma'(z)$ and of $\\tanh'(z)$?");
    expect(inline(html)).toEqual(["\\sigma'(z)", "\\tanh'(z)"]);
    expect(html).not.toContain("$");
    expect(html).not.toMatch(/katex/i);
  });

  it("a display block becomes \\[…\\], HTML-special characters in TeX survive decoding", () => {
    const tex = "\\begin{aligned} a &= b \\\\ c &< d \\end{aligned}";
    const html = markdownToAnkiHtml(`Before\n\n$$\n${tex}\n$$\n\nafter`);
    expect(display(html)).toEqual([tex]);
    expect(inline(html)).toEqual([]);
    expect(decodeEntities(html)).toContain("Before");
    expect(decodeEntities(html)).toContain("after");
  });

  it("a multi-line display block keeps every line of TeX, on one line", () => {
    const lines = ["\\frac{\\partial L}{\\partial h_1}", "= \\prod_{k=1}^{n} J_k \\\\", "\\le (\\tfrac14)^n"];
    const html = markdownToAnkiHtml(["$$", ...lines, "$$"].join("\n"));
    expect(html).not.toMatch(/[\r\n]/);
    expect(display(html)).toEqual([lines.join(" ")]);
  });

  it("a one-line $$…$$, alone or inside a sentence, is display math", () => {
    expect(display(markdownToAnkiHtml("$$\\frac{a}{b}$$"))).toEqual(["\\frac{a}{b}"]);
    const mid = markdownToAnkiHtml("so $$x^2$$ follows");
    expect(display(mid)).toEqual(["x^2"]);
    expect(inline(mid)).toEqual([]);
  });

  it("a TeX % comment is dropped rather than commenting out the joined lines; \\% stays", () => {
    const html = markdownToAnkiHtml("$$\na + b % the sum\n= c\n$$");
    expect(display(html)).toEqual(["a + b = c"]);
    expect(inline(markdownToAnkiHtml("rate $50\\%$ here"))).toEqual(["50\\%"]);
  });

  it("$ inside inline code and code blocks is left alone", () => {
    const html = markdownToAnkiHtml("Run `echo $HOME $PATH` then:\n\n```sh\ncost=$$\necho \"$1\"\n```");
    expect(inline(html)).toEqual([]);
    expect(display(html)).toEqual([]);
    const text = decodeEntities(html);
    expect(text).toContain("<code>echo $HOME $PATH</code>");
    expect(text).toContain("cost=$$");
    expect(text).toContain('echo "$1"');
  });

  it("an escaped \\$ is a dollar sign, not math", () => {
    const html = markdownToAnkiHtml("costs \\$5 or \\$6");
    expect(decodeEntities(html)).toContain("costs $5 or $6");
    expect(inline(html)).toEqual([]);
  });
});

describe("fields stay inside their row", () => {
  it("line breaks become <br>: paragraph line breaks and code lines", () => {
    const html = markdownToAnkiHtml("first line\nsecond line\n\n```\na\nb\n```");
    expect(html).not.toMatch(/[\r\n]/);
    expect(html).toMatch(/first line<br ?\/?>second line/);
    expect(html).toMatch(/a<br ?\/?>b/);
  });

  it("layout newlines between blocks add no <br>, and a code block gets none after its last line", () => {
    const html = markdownToAnkiHtml("para one\n\npara two\n\n- item\n- item\n\n```\nlast\n```");
    expect(html).not.toMatch(/[\r\n]/);
    expect(html).not.toMatch(/<\/(p|li|ul)><br/);
    expect(html).not.toMatch(/<br ?\/?><(p|li|ul|pre)/);
    expect(html).toMatch(/last<\/code>/);
  });

  it("a tab in a code block becomes a character reference", () => {
    const html = markdownToAnkiHtml("```\nif x:\n\treturn 1\n```");
    expect(html).not.toContain("\t");
    expect(decodeEntities(html)).toContain("\treturn 1");
  });

  it("quotes, tabs and newlines in any field: each row still reads back as exactly 3 fields", () => {
    const cards = [
      card({ front: 'He said "vanish"?', back: "```\n\tindented\n```\n\nand\nmore", noteTags: ['a "quoted" tag'] }),
      card({ id: "n:d", front: "#hash first", back: "plain" }),
    ];
    const { rows } = parseAnkiText(formatAnkiExport(cards));
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r).toHaveLength(3);
    expect(decodeEntities(rows[0]![0]!)).toContain('He said "vanish"?');
    expect(decodeEntities(rows[0]![1]!)).toContain("\tindented");
    expect(rows[0]![2]!.split(" ")).toContain('a_"quoted"_tag');
    expect(decodeEntities(rows[1]![0]!)).toContain("#hash first");
  });

  it("ankiField quotes only what needs it, doubling inner quotes", () => {
    expect(ankiField("plain <b>html</b>")).toBe("plain <b>html</b>");
    expect(ankiField('say "hi"')).toBe('"say ""hi"""');
    expect(ankiField("a\tb")).toBe('"a\tb"');
    expect(ankiField("#x")).toBe('"#x"');
  });

  it("ankiField neutralises spreadsheet formulas (OWASP CSV injection) with a leading quote", () => {
    expect(ankiField("=HYPERLINK(\"http://x\")")).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(ankiField("+1+1")).toBe("'+1+1");
    expect(ankiField("-2+3")).toBe("'-2+3");
    expect(ankiField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(ankiField("\tx")).toBe(`"'\tx"`);
    expect(ankiField("a=b")).toBe("a=b");
    const row = formatAnkiExport([{ id: "en/x:1", noteId: "en/x", noteTags: ["=cmd|' /C calc'!A0", "ok"], kind: "basic", front: "q", back: "a", leech: false, exerciseGenerator: null }]).split("\n")[3]!;
    expect(row.split("\t")[2]!.startsWith("'=")).toBe(true);
  });

  it("CJK text is written as UTF-8 text, not as character references", () => {
    const front = "梯度消失的根本原因是什么？";
    const back = "$\\tfrac14$，在 $z = 0$ 处取得";
    const { rows } = parseAnkiText(formatAnkiExport([card({ front, back, noteTags: ["深度学习"] })]));
    expect(rows[0]![0]).toContain(front);
    expect(rows[0]![1]).toContain("，在 ");
    expect(rows[0]![1]).toContain(" 处取得");
    expect(inline(rows[0]![1]!)).toEqual(["\\tfrac14", "z = 0"]);
    expect(rows[0]![2]!.split(" ")).toContain("深度学习");
  });
});

describe("the file", () => {
  it("starts with Anki's header lines: tab separator, HTML, tags in column 3", () => {
    const text = formatAnkiExport([card()]);
    expect(text.split("\n").slice(0, 3)).toEqual(["#separator:tab", "#html:true", "#tags column:3"]);
  });

  it("with no cards it is just the header lines", () => {
    const { headers, rows } = parseAnkiText(formatAnkiExport([]));
    expect(headers).toHaveLength(3);
    expect(rows).toEqual([]);
  });

  it("tags: spaces become underscores, the note id is a tag, leech cards carry leech", () => {
    const text = formatAnkiExport([
      card({ noteId: "deep/rnn basics", noteTags: ["vanishing gradients", "  rnn  ", "", "rnn"], leech: true }),
      card({ id: "n:e", noteTags: ["x"] }),
    ]);
    const { rows } = parseAnkiText(text);
    expect(rows[0]![2]!.split(" ").sort()).toEqual(["deep/rnn_basics", "leech", "rnn", "vanishing_gradients"]);
    expect(rows[1]![2]!.split(" ").sort()).toEqual(["n", "x"]);
    expect(ankiTags(["a\tb", "c\nd"])).toBe("a_b c_d");
  });

  it("a cloze card is a front/back pair with the blank on the front and the answer on the back", () => {
    const { rows } = parseAnkiText(
      formatAnkiExport([card({ kind: "cloze", front: "He uses **[…]** for ReLU", back: "He uses **$2/n_\\text{in}$** for ReLU" })]),
    );
    expect(rows[0]![0]).toContain("<strong>[…]</strong>");
    expect(inline(rows[0]![1]!)).toEqual(["2/n_\\text{in}"]);
    expect(rows[0]![1]).not.toContain("{{c1::");
  });

  it("a live exercise exports its title, and says on the back that it is live in GradPrep", () => {
    const { rows } = parseAnkiText(
      formatAnkiExport([card({ kind: "exercise", front: "Evaluate the sigmoid derivative", back: "", exerciseGenerator: "sigmoid-derivative" })]),
    );
    expect(rows[0]![0]).toContain("Evaluate the sigmoid derivative");
    expect(rows[0]![1]).toContain("sigmoid-derivative");
  });
});
