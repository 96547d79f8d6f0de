import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { proxy } from "@/proxy";

/**
 * The request hook as Next calls it. Next reads HOST/ALLOWED_HOSTS from the
 * server's environment; here HOST is the default 127.0.0.1 and
 * ALLOWED_HOSTS is empty, so the loopback names are the served ones.
 */
beforeAll(() => {
  vi.stubEnv("HOST", "127.0.0.1");
  vi.stubEnv("ALLOWED_HOSTS", "");
});
function request(host: string | null, method = "GET", path = "/export/backup"): NextRequest {
  const headers = new Headers();
  if (host !== null) headers.set("host", host);
  if (method === "POST") headers.set("origin", `http://${host}`);
  return new NextRequest(`http://127.0.0.1:3000${path}`, { method, headers });
}

describe("proxy: the Host check in front of every route", () => {
  it("passes a loopback host on to the app", () => {
    for (const h of ["127.0.0.1:3000", "localhost:3000", "[::1]:3000"]) {
      const res = proxy(request(h));
      expect(res.headers.get("x-middleware-next")).toBe("1");
    }
  });

  it("answers a rebinding host with 421 before any route runs (GET backup, POST action)", async () => {
    for (const method of ["GET", "HEAD", "POST"]) {
      const res = proxy(request("evil.example:3000", method, method === "POST" ? "/review" : "/export/backup"));
      expect(res.status).toBe(421);
      expect(res.headers.get("x-middleware-next")).toBeNull();
      expect(await res.text()).toMatch(/^Misdirected request: .*ALLOWED_HOSTS/);
    }
  });

  it("answers a malformed Host with 400", () => {
    expect(proxy(request("a b")).status).toBe(400);
  });
});

describe("proxy: paths Next cannot decode", () => {
  it("answers a malformed percent-encoding with 400 before Next's router turns it into a 500", async () => {
    for (const path of ["/notes/%E0%A4%A", "/exercise/%E0%A4%A", "/quiz/%E0%A4%A", "/notes/en/100%", "/exercise/%", "/quiz/%"]) {
      const res = proxy(request("127.0.0.1:3000", "GET", path));
      expect(res.status, path).toBe(400);
      expect(await res.text()).toMatch(/malformed percent-encoding/);
    }
  });

  it("passes well-formed encoded paths on", () => {
    for (const path of ["/notes/en/01-symptoms", "/notes/zh/%E6%A2%AF%E5%BA%A6", "/notes/a%20b"]) {
      expect(proxy(request("127.0.0.1:3000", "GET", path)).headers.get("x-middleware-next"), path).toBe("1");
    }
  });
});
