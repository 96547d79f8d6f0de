import { describe, expect, it } from "vitest";
import { checkHost, hostPolicy, parseHost } from "@/lib/http/host";

/** Issue 13 item 7: DNS rebinding. Only the hosts the server was told to serve are answered. */
const local = hostPolicy({ HOST: "127.0.0.1" });

describe("Host header parsing", () => {
  it.each([
    ["127.0.0.1:3000", "127.0.0.1", "3000"],
    ["localhost", "localhost", null],
    ["LOCALHOST:80", "localhost", "80"],
    ["[::1]:3000", "::1", "3000"],
    ["[::1]", "::1", null],
    ["Study.Example.org:8443", "study.example.org", "8443"],
  ])("%s", (header, hostname, port) => {
    expect(parseHost(header)).toEqual({ hostname, port });
  });

  it.each(["", "::1", "[::1", "[nope]:3000", "host:", "host:abc", "host:99999", "host:3000:1", "a b", "user@host", "host/x", "host\r\nx", "é.example", "[::1]x", "x".repeat(256)])(
    "malformed %j",
    (header) => {
      expect(parseHost(header)).toBeNull();
    },
  );
});

describe("which hosts are served", () => {
  it.each(["127.0.0.1:3000", "localhost:3000", "[::1]:3000", "localhost", "LocalHost:3000"])("the loopback host %s", (h) => {
    expect(checkHost(h, local)).toEqual({ ok: true });
  });

  it.each(["evil.example:3000", "evil.example", "127.0.0.1.evil.example:3000", "localhost.evil.example", "localhost.:3000", "10.0.0.5:3000", "[::2]:3000", "0.0.0.0:3000"])(
    "a rebinding name or another address %s is 421",
    (h) => {
      const v = checkHost(h, local);
      expect(v.ok).toBe(false);
      if (!v.ok) {
        expect(v.status).toBe(421);
        expect(v.reason).toContain("ALLOWED_HOSTS");
      }
    },
  );

  it("a missing or malformed Host is 400", () => {
    for (const h of [null, undefined, "", "a b", "host:x"]) {
      const v = checkHost(h, local);
      expect(v.ok ? 0 : v.status).toBe(400);
    }
  });

  it("HOST adds the name or address the server listens on", () => {
    const p = hostPolicy({ HOST: "192.168.1.20" });
    expect(checkHost("192.168.1.20:3000", p).ok).toBe(true);
    expect(checkHost("192.168.1.21:3000", p).ok).toBe(false);
    expect(checkHost("[fe80::1]:3000", hostPolicy({ HOST: "fe80::1" })).ok).toBe(true);
    expect(checkHost("mybox.lan:3000", hostPolicy({ HOST: "MyBox.lan" })).ok).toBe(true);
  });

  it("ALLOWED_HOSTS adds a comma-separated list (case, spaces, brackets and ports ignored)", () => {
    const p = hostPolicy({ HOST: "127.0.0.1", ALLOWED_HOSTS: " Study.Example.org , [::2],other.test:8080,, " });
    expect(checkHost("study.example.org", p).ok).toBe(true);
    expect(checkHost("STUDY.EXAMPLE.ORG:3000", p).ok).toBe(true);
    expect(checkHost("[::2]:3000", p).ok).toBe(true);
    expect(checkHost("other.test:3000", p).ok).toBe(true);
    expect(checkHost("evil.example:3000", p).ok).toBe(false);
    expect(checkHost("example.org", p).ok).toBe(false);
  });

  it("with no HOST the loopback names are still served, and nothing else", () => {
    const p = hostPolicy({});
    expect(checkHost("localhost:3000", p).ok).toBe(true);
    expect(checkHost("evil.example:3000", p).ok).toBe(false);
    expect(checkHost("192.168.1.20:3000", p).ok).toBe(false);
  });

  it("a wildcard HOST serves any address, but a name only when it is allowed", () => {
    for (const HOST of ["0.0.0.0", "::", "[::]"]) {
      const p = hostPolicy({ HOST, ALLOWED_HOSTS: "mybox.lan" });
      expect(checkHost("192.168.1.20:3000", p).ok).toBe(true);
      expect(checkHost("[fe80::1]:3000", p).ok).toBe(true);
      expect(checkHost("mybox.lan:3000", p).ok).toBe(true);
      expect(checkHost("evil.example:3000", p).ok).toBe(false);
    }
  });

  it("looks names up in a set, not on an object: prototype names are not hosts", () => {
    for (const h of ["constructor", "__proto__", "tostring", "hasownproperty"]) expect(checkHost(h, local).ok).toBe(false);
  });
});
