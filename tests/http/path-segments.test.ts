import { describe, expect, it } from "vitest";
import { decodePathSegment, idFromSlug } from "@/lib/http/path-segments";

describe("decoding a route's path segments", () => {
  it("decodes well-formed segments, including UTF-8 and encoded slashes", () => {
    expect(idFromSlug(["en", "vanishing%20gradients"])).toBe("en/vanishing gradients");
    expect(idFromSlug(["zh", "%E6%A2%AF%E5%BA%A6"])).toBe("zh/梯度");
    expect(idFromSlug(["a%2Fb"])).toBe("a/b");
    expect(idFromSlug(["already decoded 梯度"])).toBe("already decoded 梯度");
    expect(idFromSlug([])).toBe("");
  });

  it.each(["%E0%A4%A", "%", "%zz", "100%", "%E0%A4", "%C0%80", "%ED%A0%80", "ok%"])("malformed %s is null, never a throw", (segment) => {
    expect(() => decodeURIComponent(segment)).toThrow(URIError);
    expect(decodePathSegment(segment)).toBeNull();
    expect(idFromSlug(["notes", segment])).toBeNull();
  });
});
