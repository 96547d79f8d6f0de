import { NextResponse, type NextRequest } from "next/server";
import { checkHost, hostPolicy, type HostPolicy } from "@/lib/http/host";
import { hasMalformedSegment } from "@/lib/http/path-segments";

/**
 * Runs before every request (no matcher: pages, server actions, route
 * handlers such as /export/backup, and static files). Refuses a Host this
 * server was not told to serve, which is how a DNS-rebinding page shows
 * itself (the rule is lib/http/host.ts), and a path Next could not decode.
 */
let policy: HostPolicy | undefined;

export function proxy(request: NextRequest): NextResponse {
  policy ??= hostPolicy({ HOST: process.env.HOST, ALLOWED_HOSTS: process.env.ALLOWED_HOSTS });
  const verdict = checkHost(request.headers.get("host"), policy);
  if (!verdict.ok) return refuse(verdict.status, `${verdict.status === 421 ? "Misdirected request" : "Bad request"}: ${verdict.reason}`);
  if (hasMalformedSegment(new URL(request.url).pathname)) return refuse(400, "Bad request: the address has malformed percent-encoding");
  return NextResponse.next();
}

function refuse(status: number, text: string): NextResponse {
  return new NextResponse(`${text}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
