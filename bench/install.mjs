// Installs a benchmark's own dependencies (bench/<name>/package.json and its
// lockfile) on first use, so the app's `npm ci` never downloads them.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const name = process.argv[2];
const dir = path.join(import.meta.dirname, name ?? "");
if (!name || !existsSync(path.join(dir, "package.json"))) {
  console.error(`bench/install.mjs: no benchmark package at bench/${name ?? "?"}/package.json`);
  process.exit(2);
}
if (!existsSync(path.join(dir, "node_modules"))) {
  console.error(`installing bench/${name}'s own dependencies (first use only)…`);
  execFileSync(process.platform === "win32" ? "npm.cmd" : "npm", ["ci", "--no-audit", "--no-fund"], { cwd: dir, stdio: "inherit" });
}
