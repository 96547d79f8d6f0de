import path from "node:path";

/**
 * `file:./data/x.db` → an absolute file path (relative to the working
 * directory). Its own module, without the migration runner, so that the app's
 * routes (backup) can use it without bundling the runner's directory scan.
 *
 * A query (`?connection_limit=1`) or fragment is dropped. Messages never echo
 * the URL: a DATABASE_URL copied from another database can carry a password.
 */
export function sqliteFile(url: string): string {
  if (!url.startsWith("file:")) throw new Error(`DATABASE_URL must be a file: URL for SQLite such as file:./data/gradprep.db (got ${urlKind(url)})`);
  let rest = url.slice("file:".length);
  const cut = [rest.indexOf("?"), rest.indexOf("#")].filter((i) => i >= 0);
  if (cut.length) rest = rest.slice(0, Math.min(...cut));
  if (rest.startsWith("//")) {
    const authority = rest.slice(2).split("/", 1)[0]!;
    if (authority.includes("@")) throw new Error("DATABASE_URL has a user name or password, which a SQLite file: URL cannot use: write file:./data/gradprep.db or file:/absolute/path.db");
  }
  if (rest === "") throw new Error("DATABASE_URL names no file: write file:./data/gradprep.db or file:/absolute/path.db");
  return path.resolve(rest);
}

/** What kind of URL it is, without any of its text past the scheme. */
function urlKind(url: string): string {
  const colon = url.indexOf(":");
  const scheme = colon > 0 ? url.slice(0, colon) : "";
  let plain = scheme !== "";
  for (const c of scheme) {
    if (!((c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c === "+" || c === "-" || c === ".")) plain = false;
  }
  if (!plain || scheme.length > 20) return url === "" ? "an empty value" : "a value that is not a URL";
  return `a ${scheme}: URL`;
}
