import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "@/lib/export/sha256";

describe("sha256Hex", () => {
  it("matches the published test vectors", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  });

  it("matches node:crypto on every length across block boundaries and on UTF-8 text", () => {
    const texts = Array.from({ length: 200 }, (_, n) => "x".repeat(n));
    texts.push("笔记/链式法则:zh-max", "e2e/basics:first", "σ′(z) · ∂L/∂a 🎯".repeat(9));
    for (const t of texts) expect(sha256Hex(t), JSON.stringify(t)).toBe(createHash("sha256").update(t, "utf8").digest("hex"));
  });
});
