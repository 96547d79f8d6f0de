import { NextResponse, type NextRequest } from "next/server";
import { checkHost, hostPolicy, type HostPolicy } from "@/lib/http/host";

/**
 * Runs before every request (no matcher: pages, server actions, route
 * handlers such as /export/backup, and static files). Refuses a Host this
 * server was not told to serve, which is how a DNS-rebinding page shows
 * itself; the rule is lib/http/host.ts.
 */
let policy: HostPolicy | undefined;

export function proxy(request: NextRequest): NextResponse {
  policy ??= hostPolicy({ HOST: process.env.HOST, ALLOWED_HOSTS: process.env.ALLOWED_HOSTS });
  const verdict = checkHost(request.headers.get("host"), policy);
  if (verdict.ok) return NextResponse.next();
  return new NextResponse(`${verdict.status === 421 ? "Misdirected request" : "Bad request"}: ${verdict.reason}\n`, {
    status: verdict.status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
