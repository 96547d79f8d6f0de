/**
 * Failure codes of review operations, worded by the browser in the interface
 * language (messages.review.errors); the note page's unsuspend/unbury shares
 * them. The review session itself talks to its API route (app/review/api),
 * not to server actions: see the reasons there.
 */
export type { ActionError } from "./session-types";
