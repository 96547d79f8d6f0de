/**
 * The card an undo restored, kept for a few minutes in a cookie so that the
 * review page shows it next (as Anki does); the next grade or set-aside
 * clears it.
 */
export const UNDONE_COOKIE = { name: "gp_undone", path: "/review", maxAge: 600, sameSite: "lax" as const, httpOnly: true };
