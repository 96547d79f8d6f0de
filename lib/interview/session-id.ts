/** An interview's session id: a UUID (hex digits and dashes, so it is a valid showing nonce and holds no SQL LIKE wildcard). */
export const INTERVIEW_SESSION_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
