/**
 * Route segments from a URL path, percent-decoded without throwing.
 * `decodeURIComponent` throws a URIError on malformed input such as
 * `%E0%A4%A` (a cut-off UTF-8 sequence) or a lone `%`, which turned a bad
 * link into a 500; callers answer null with a 404 instead.
 */
export function decodePathSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** A note id from a catch-all route's segments (`["a", "b%20c"]` → `a/b c`), or null when any segment is malformed. */
export function idFromSlug(slug: readonly string[]): string | null {
  const parts: string[] = [];
  for (const segment of slug) {
    const part = decodePathSegment(segment);
    if (part === null) return null;
    parts.push(part);
  }
  return parts.join("/");
}

/**
 * Whether a raw URL path has a segment that cannot be percent-decoded. Next
 * decodes a dynamic route's segments itself before any page runs and answers
 * a malformed one with a bare 500, so the request hook refuses such a path
 * first (400) for every route.
 */
export function hasMalformedSegment(pathname: string): boolean {
  return pathname.split("/").some((segment) => decodePathSegment(segment) === null);
}
