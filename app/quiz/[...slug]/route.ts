/**
 * A note's exercise page was /quiz/<note id> before "exercise" became the one
 * name for live exercises. Old bookmarks and links get a permanent redirect to
 * /exercise/<note id>, with their query (level, card, seed) kept. The path is
 * passed on as it came, still percent-encoded: nothing is decoded here, and
 * proxy.ts has already refused a malformed one.
 */
export function GET(request: Request): Response {
  const url = new URL(request.url);
  const location = `/exercise${url.pathname.slice("/quiz".length)}${url.search}`;
  return new Response(null, { status: 308, headers: { Location: location, "Cache-Control": "no-store" } });
}
