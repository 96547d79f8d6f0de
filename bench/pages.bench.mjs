/**
 * `npm run bench:pages`: what a note page weighs. Serves the shipped corpus
 * (content/) through the production server on a fresh temp database and, for
 * every note page, prints the bytes of the document as transferred without
 * compression (HTML plus the RSC payload Next inlines for hydration) and the
 * maths JavaScript the page loads. Targets (issue 10): under 200 KB per note
 * page, and no maths renderer (KaTeX or Temml) in a note page's scripts.
 *
 * Builds first unless E2E_SKIP_BUILD=1 (reuse .next/). Exits 1 when a target
 * is missed. Options: --port N (default 3931).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const PAGE_TARGET = 200 * 1024;
const root = fileURLToPath(new URL("..", import.meta.url));
const portArg = process.argv.indexOf("--port");
const port = portArg >= 0 ? Number(process.argv[portArg + 1]) : 3931;
const base = `http://127.0.0.1:${port}`;
const dir = mkdtempSync(path.join(tmpdir(), "gradprep-bench-pages-"));

const notes = ["en", "zh"].flatMap((lang) =>
  readdirSync(path.join(root, "content", lang))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `${lang}/${f.slice(0, -3)}`),
);

const server = spawn(process.execPath, [path.join(root, "tests/e2e/web-server.mjs")], {
  cwd: root,
  stdio: ["ignore", "pipe", "inherit"],
  env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "bench.db")}`, CONTENT_DIR: path.join(root, "content"), HOST: "127.0.0.1", PORT: String(port) },
});
server.stdout.on("data", () => {});

async function waitForServer() {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/`)).ok) return;
    } catch {
      // not listening yet: try again
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not answer within 5 minutes");
}

const get = async (url) => {
  const res = await fetch(url, { headers: { "accept-encoding": "identity" } });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
};

let failed = false;
try {
  await waitForServer();
  const chunkCache = new Map();
  const rows = [];
  for (const id of notes) {
    const doc = await get(`${base}/notes/${id}`);
    const html = doc.toString("utf8");
    const payloadStart = html.indexOf("<script>self.__next_f");
    const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);
    let jsBytes = 0;
    let mathJs = 0;
    for (const src of scripts) {
      if (!chunkCache.has(src)) {
        const body = (await get(new URL(src, base).href)).toString("utf8");
        // Both renderers name themselves in their code (error classes, version strings).
        chunkCache.set(src, { bytes: Buffer.byteLength(body), math: /katex|temml/i.test(body) });
      }
      const c = chunkCache.get(src);
      jsBytes += c.bytes;
      if (c.math) mathJs += c.bytes;
    }
    rows.push({ id, bytes: doc.length, html: payloadStart >= 0 ? payloadStart : doc.length, jsBytes, mathJs });
  }
  rows.sort((a, b) => b.bytes - a.bytes);
  const kb = (n) => `${(n / 1024).toFixed(0)} KB`.padStart(7);
  console.log(`${"note page".padEnd(36)} ${"document".padStart(9)} ${"markup".padStart(7)} ${"payload".padStart(7)}  ${"JS".padStart(7)}  maths JS`);
  for (const r of rows) {
    console.log(`${r.id.padEnd(36)} ${kb(r.bytes)}  ${kb(r.html)} ${kb(r.bytes - r.html)}  ${kb(r.jsBytes)}  ${kb(r.mathJs)}`);
  }
  const worst = rows[0];
  const over = rows.filter((r) => r.bytes >= PAGE_TARGET);
  const withMath = rows.filter((r) => r.mathJs > 0);
  console.log(`heaviest note page ${worst.id}: ${kb(worst.bytes).trim()}, target < ${PAGE_TARGET / 1024} KB: ${over.length ? `MISSED on ${over.length} page(s)` : "ok"}`);
  console.log(`maths JavaScript on note pages: ${withMath.length ? `${kb(Math.max(...withMath.map((r) => r.mathJs))).trim()} on ${withMath.length} page(s), target 0 KB: MISSED` : "0 KB, target 0 KB: ok"}`);
  failed = over.length > 0 || withMath.length > 0;
} catch (err) {
  console.error(`bench:pages: ${err instanceof Error ? err.message : err}`);
  failed = true;
} finally {
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
