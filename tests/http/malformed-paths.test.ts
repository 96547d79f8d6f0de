import { describe, expect, it } from "vitest";
import NotePage from "@/app/notes/[...slug]/page";
import ExercisePage from "@/app/exercise/[...slug]/page";

/**
 * Issue 13 item 8: `/notes/%E0%A4%A` and `/quiz/%E0%A4%A` (now `/exercise/…`) were a 500 (an
 * uncaught URIError from decodeURIComponent). The pages are called as Next
 * calls them; a 404 is Next's notFound() error, whose digest Next turns into
 * the not-found page. It is raised before any request or database access.
 */
const NOT_FOUND = "NEXT_HTTP_ERROR_FALLBACK;404";

describe("malformed percent-encoding in a note path is a 404, not a 500", () => {
  it.each([["%E0%A4%A"], ["%"], ["en", "100%"], ["%ED%A0%80"]])("notes: %s", async (...slug) => {
    await expect(NotePage({ params: Promise.resolve({ slug }) })).rejects.toMatchObject({ digest: NOT_FOUND });
  });

  it.each([["%E0%A4%A"], ["%"], ["en", "100%"], ["%ED%A0%80"]])("exercise: %s", async (...slug) => {
    await expect(ExercisePage({ params: Promise.resolve({ slug }), searchParams: Promise.resolve({}) })).rejects.toMatchObject({ digest: NOT_FOUND });
  });
});
