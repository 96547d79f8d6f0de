import { describe, expect, it } from "vitest";
import { decodeNote } from "@/lib/content/decode";

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))));

describe("decodeNote", () => {
  it("decodes UTF-8, CJK included", () => {
    expect(decodeNote(bytes("---\ntitle: 梯度\n---\nCafé"), "a.md")).toEqual({ ok: true, text: "---\ntitle: 梯度\n---\nCafé" });
  });

  it("refuses a Latin-1 note, naming the byte offset and line of the first bad byte", () => {
    const r = decodeNote(bytes("# x\nCaf", [0xe9], "\n"), "latin1.md");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issue).toMatchObject({ file: "latin1.md", line: 2, field: "encoding" });
    expect(r.issue.message).toContain("byte offset 7");
    expect(r.issue.message).toContain("0xE9");
  });

  it("points at the lead byte of a truncated sequence, not the byte after it", () => {
    const r = decodeNote(bytes("ab", [0xe6, 0xa2], "c"), "t.md");
    expect(!r.ok && r.issue.message).toContain("byte offset 2");
  });

  it("refuses GBK-encoded Chinese", () => {
    // "梯度" in GBK
    const r = decodeNote(bytes("x: ", [0xcc, 0xdd, 0xb6, 0xc8]), "gbk.md");
    expect(!r.ok && r.issue.field).toBe("encoding");
    expect(!r.ok && r.issue.message).toContain("byte offset 3");
  });

  it("keeps a byte-order mark, so write-back keeps it in the file", () => {
    expect(decodeNote(bytes([0xef, 0xbb, 0xbf], "x"), "bom.md")).toEqual({ ok: true, text: "\uFEFFx" });
  });

  it("refuses a binary file", () => {
    const r = decodeNote(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]), "image.md");
    expect(!r.ok && r.issue).toMatchObject({ file: "image.md", line: 3, field: "file" });
  });

  it("finds a bad byte at the end of a megabyte quickly", () => {
    const big = bytes("a".repeat(1_000_000), [0xff]);
    const t = performance.now();
    const r = decodeNote(big, "big.md");
    expect(performance.now() - t).toBeLessThan(500);
    expect(!r.ok && r.issue.message).toContain("byte offset 1000000");
  });
});
