import path from "node:path";

/**
 * `file:./data/x.db` → an absolute file path (relative to the working
 * directory). Its own module, without the migration runner, so that the app's
 * routes (backup) can use it without bundling the runner's directory scan.
 */
export function sqliteFile(url: string): string {
  if (!url.startsWith("file:")) throw new Error(`DATABASE_URL must be a file: URL for SQLite, got "${url}"`);
  return path.resolve(url.slice("file:".length).replace(/\?.*$/, ""));
}
