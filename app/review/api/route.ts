import { z } from "zod";
import { Rating } from "@/lib/srs/schedule";
import { gradeOp, loadBatch, setAsideOp, undoOp } from "../session-server";

/**
 * The review session's API: the browser holds the next cards and sends each
 * grade here in the background (retrying until it is acknowledged), asks for
 * the next batch before it runs out, and undoes. A route handler rather than
 * server actions: a grade in flight must not hold up the page's navigation
 * (Next runs server actions one at a time with the router), the browser can
 * flush unsaved grades with `keepalive` when the tab goes away, and retries
 * survive a new build of the app.
 */

export const dynamic = "force-dynamic";

const cardId = z.string().min(1).max(500);
const token = z.string().min(1).max(600);
const request = z.discriminatedUnion("op", [
  z.object({
    op: z.literal("grade"),
    cardId,
    token,
    rating: z.union([z.literal(Rating.Again), z.literal(Rating.Hard), z.literal(Rating.Good), z.literal(Rating.Easy)]),
    durationMs: z.number().int().min(0).max(86_400_000),
  }),
  z.object({ op: z.literal("set-aside"), cardId, token, kind: z.enum(["bury", "suspend"]) }),
  z.object({ op: z.literal("undo") }),
  z.object({ op: z.literal("queue"), held: z.array(z.object({ id: cardId, token })).max(200) }),
]);

const json = (body: unknown, status = 200) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/**
 * A request from this app's own pages: the browser says so in Sec-Fetch-Site
 * and Origin. The host itself is checked for every request by proxy.ts; this
 * refuses a page on another site posting here (which a JSON body alone would
 * not stop: a form can send text/plain).
 */
function sameOrigin(req: Request): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin") return false;
  const origin = req.headers.get("origin");
  if (!origin) return site === "same-origin";
  try {
    return new URL(origin).host === req.headers.get("host");
  } catch {
    return false;
  }
}

export async function POST(req: Request): Promise<Response> {
  if (!sameOrigin(req)) return json({ ok: false, error: "invalid" }, 403);
  if (!req.headers.get("content-type")?.startsWith("application/json")) return json({ ok: false, error: "invalid" }, 415);
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    return json({ ok: false, error: "invalid" }, 400);
  }
  const parsed = request.safeParse(body);
  if (!parsed.success) return json({ ok: false, error: "invalid" }, 400);
  const r = parsed.data;
  try {
    switch (r.op) {
      case "grade":
        return json(await gradeOp(r));
      case "set-aside":
        return json(await setAsideOp(r));
      case "undo":
        return json(await undoOp());
      case "queue":
        return json({ ok: true, batch: await loadBatch(r.held) });
    }
  } catch (err) {
    console.error(`review ${r.op} failed`, err);
    // 503: the browser keeps the request and tries again.
    return json({ ok: false, error: "save-failed" }, 503);
  }
}
