import { isIP } from "node:net";

/**
 * Which Host headers the server answers (DNS rebinding defence).
 *
 * A page on `http://evil.example:3000` whose name the attacker re-points at
 * 127.0.0.1 is same-origin with itself, so the browser lets it post to our
 * server actions and read `/export/backup`; the only thing that gives it
 * away is the Host header, which a browser always sets to the name in the
 * address bar and a page cannot change. So a request is served only when its
 * Host names a host this server was told to serve: the loopback names, `HOST`,
 * and the comma-separated `ALLOWED_HOSTS`. The port is not checked (the
 * server listens on one port anyway).
 *
 * When `HOST` is a wildcard (`0.0.0.0`, `::`), the machine's own names are not
 * known, so any IP-address Host is served too: a rebinding attack always
 * arrives under a DNS name, never under an address. Names still need
 * `ALLOWED_HOSTS`.
 */

export const LOOPBACK_HOSTS: readonly string[] = ["127.0.0.1", "localhost", "::1"];

export interface HostPolicy {
  /** Lower-case host names and addresses (IPv6 without brackets). */
  hosts: ReadonlySet<string>;
  /** Serve any IP-address Host (the server listens on every interface). */
  anyAddress: boolean;
}

export type HostVerdict = { ok: true } | { ok: false; status: 400 | 421; reason: string };

/** Bind addresses meaning every interface. */
const WILDCARDS: ReadonlySet<string> = new Set(["0.0.0.0", "::", "[::]"]);

/** `Host` header syntax (RFC 9110 §7.2): a name, IPv4 address or [IPv6] literal, optionally `:port`. */
export function parseHost(value: string | null | undefined): { hostname: string; port: string | null } | null {
  if (!value || value.length > 255) return null;
  let hostname: string;
  let rest: string;
  if (value.startsWith("[")) {
    const close = value.indexOf("]");
    if (close < 0) return null;
    hostname = value.slice(1, close).toLowerCase();
    if (isIP(hostname) !== 6) return null;
    rest = value.slice(close + 1);
  } else {
    const colon = value.indexOf(":");
    hostname = (colon < 0 ? value : value.slice(0, colon)).toLowerCase();
    rest = colon < 0 ? "" : value.slice(colon);
    if (hostname === "") return null;
    for (const c of hostname) {
      const ok = (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c === "." || c === "-" || c === "_";
      if (!ok) return null;
    }
  }
  if (rest === "") return { hostname, port: null };
  const port = rest.slice(1);
  if (rest[0] !== ":" || port.length === 0 || port.length > 5) return null;
  for (const c of port) if (c < "0" || c > "9") return null;
  if (Number(port) > 65535) return null;
  return { hostname, port };
}

/** An entry of HOST or ALLOWED_HOSTS as a host name: `[::1]`, `Example.COM:3000` → `::1`, `example.com`. */
function hostEntry(entry: string): string | null {
  const t = entry.trim();
  if (t === "") return null;
  if (isIP(t) === 6) return t.toLowerCase();
  return parseHost(t)?.hostname ?? null;
}

/** The policy for a server started with these environment variables (HOST, ALLOWED_HOSTS). */
export function hostPolicy(env: { HOST?: string; ALLOWED_HOSTS?: string }): HostPolicy {
  const hosts = new Set(LOOPBACK_HOSTS);
  const bind = (env.HOST ?? "").trim();
  const anyAddress = WILDCARDS.has(bind);
  const bound = anyAddress ? null : hostEntry(bind);
  if (bound) hosts.add(bound);
  for (const entry of (env.ALLOWED_HOSTS ?? "").split(",")) {
    const h = hostEntry(entry);
    if (h) hosts.add(h);
  }
  return { hosts, anyAddress };
}

/** Whether a request with this Host header is served. */
export function checkHost(header: string | null | undefined, policy: HostPolicy): HostVerdict {
  const parsed = parseHost(header);
  if (!parsed) return { ok: false, status: 400, reason: header ? "malformed Host header" : "missing Host header" };
  if (policy.hosts.has(parsed.hostname)) return { ok: true };
  if (policy.anyAddress && isIP(parsed.hostname) !== 0) return { ok: true };
  return { ok: false, status: 421, reason: "this server does not serve that host name (add it to ALLOWED_HOSTS to allow it)" };
}
