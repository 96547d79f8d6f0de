/**
 * `npm run bench:browse`: the card browser (/browse) at 100,000 cards.
 *
 * On the generated collection of bench/review-collection.ts (100,000 cards and
 * about a million review logs over three years, built once and cached; the
 * same one `npm run bench:review` uses), copied and migrated:
 *
 *   1. lib/db: each search shape (every sort both ways, text, every state,
 *      note, tag, due range, generator, a deep page, card info) timed
 *      --requests times through browseCards / cardInfo, with SQLite's plan;
 *   2. the production server (`npm run serve`, after `npm run build` unless
 *      --skip-build): the same searches as GET /browse?…, server time (request
 *      sent to last byte received on 127.0.0.1), --requests times each.
 *
 * Every figure is printed against the target (server time p95 under 200 ms,
 * issue 12); the last line is `browse server time p95 N ms at C cards`, the
 * worst search's. It serves .next/, so run it under `flock
 * /tmp/gradprep-next.lock` where others build in the same tree. Options:
 * --requests N (20) --port N (3943) --skip-build --skip-server --keep.
 */
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { browseCards, explainBrowse, type BrowseQuery } from "../lib/db/browse";
import { cardInfo } from "../lib/db/browse-card";
import { createDb } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { getSettings } from "../lib/db/settings";
import { schedulerFor } from "../lib/srs/config";
import { dayKey, dayStartOffset } from "../lib/srs/day";
import { reviewCollection } from "./review-collection";
import { startServer, stopServer, timedGet } from "./server";
import { positiveIntArg } from "./args";

process.env.TZ = "UTC";

const argv = process.argv.slice(2);
const arg = (name: string, fallback: number): number => positiveIntArg(name, fallback, argv);
const REQUESTS = arg("--requests", 20);
const PORT = arg("--port", 3943);
const BASE = `http://127.0.0.1:${PORT}`;
const TARGET_MS = 200;
const root = path.resolve(import.meta.dirname, "..");
// The collection `npm run bench:review` builds by default (the cache key is these parameters).
const COLLECTION = { notes: 800, lines: 94, days: 1095, newPerDay: 65, seed: 1 };

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(0.95 * xs.length) - 1)] ?? NaN;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN;
const fmt = (ms: number) => (ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`);

interface Search {
  label: string;
  /** The URL's parameters (the page parses them into the same query). */
  params: Record<string, string>;
  query?: Omit<BrowseQuery, "sort" | "dir" | "page"> & Partial<BrowseQuery>;
  /** Card info instead of a list. */
  card?: string;
}

function searches(now: Date, busiestCard: string): Search[] {
  const today = dayKey(now, 4, "UTC");
  const inAWeek = dayKey(new Date(now.getTime() + 7 * 86_400_000), 4, "UTC");
  const list: Search[] = [{ label: "all, due ascending (the default)", params: {}, query: {} }];
  for (const sort of ["due", "interval", "stability", "difficulty", "retrievability", "lapses"] as const) {
    for (const dir of ["asc", "desc"] as const) {
      if (sort === "due" && dir === "asc") continue;
      list.push({ label: `all, ${sort} ${dir}`, params: { sort, dir }, query: { sort, dir } });
    }
  }
  list.push(
    { label: "all, last page (OFFSET 99,950)", params: { sort: "stability", page: "2000" }, query: { sort: "stability", page: 2000 } },
    { label: "text 'gradient' (55k matches)", params: { q: "gradient" }, query: { text: "gradient" } },
    { label: "text 'clipping', by retrievability", params: { q: "clipping", sort: "retrievability" }, query: { text: "clipping", sort: "retrievability" } },
    { label: "text '梯度' (no match)", params: { q: "梯度" }, query: { text: "梯度" } },
  );
  for (const state of ["new", "learning", "review", "relearning", "suspended", "buried", "leech"] as const) {
    list.push({ label: `state ${state}`, params: { state, sort: "lapses", dir: "desc" }, query: { state, sort: "lapses", dir: "desc" } });
  }
  list.push(
    { label: "note gen/note-400.md (125 cards)", params: { note: "gen/note-400.md" }, query: { note: "gen/note-400.md" } },
    { label: "tag t7 (47 notes)", params: { tag: "t7", sort: "difficulty" }, query: { tag: "t7", sort: "difficulty" } },
    {
      label: "due in the next 7 days",
      params: { from: today, to: inAWeek },
      query: { dueFrom: dayStartOffset(now, 4, "UTC", 0), dueBefore: dayStartOffset(now, 4, "UTC", 8) },
    },
    { label: "generator", params: { gen: "sigmoid-derivative" }, query: { generator: "sigmoid-derivative" } },
    {
      label: "text + review + stability desc, page 20",
      params: { q: "gradient", state: "review", sort: "stability", dir: "desc", page: "20" },
      query: { text: "gradient", state: "review", sort: "stability", dir: "desc", page: 20 },
    },
    { label: `card info (${busiestCard})`, params: { card: busiestCard }, card: busiestCard },
  );
  return list;
}

const summary: string[] = [];
function report(where: string, label: string, times: number[], extra = ""): number {
  const v = p95(times);
  const line = `${where.padEnd(6)} ${label.padEnd(42)} p95 ${fmt(v).padStart(8)}  median ${fmt(median(times)).padStart(8)}  target < ${TARGET_MS} ms: ${v < TARGET_MS ? "ok" : "MISSED"}${extra ? `  ${extra}` : ""}`;
  console.log(line);
  summary.push(line);
  return v;
}

async function timeDb(url: string, list: Search[]): Promise<void> {
  const db = createDb(url);
  try {
    const settings = await getSettings(db);
    const scheduler = schedulerFor(settings);
    for (const s of list) {
      const times: number[] = [];
      let extra = "";
      for (let i = 0; i < REQUESTS + 2; i++) {
        const now = new Date();
        const t0 = performance.now();
        if (s.card) {
          const info = await cardInfo(db, s.card, { now, scheduler });
          extra = `(${info?.reviews.length ?? 0} reviews)`;
        } else {
          const r = await browseCards(db, { sort: "due", dir: "asc", page: 1, ...s.query }, { now, scheduler });
          extra = `(${r.total} cards, page ${r.page}/${r.pages})`;
        }
        // The first two pay for preparing statements.
        if (i >= 2) times.push(performance.now() - t0);
      }
      report("lib/db", s.label, times, extra);
      if (!s.card) {
        const plan = await explainBrowse(db, { sort: "due", dir: "asc", page: 1, ...s.query }, new Date());
        console.log(`         count: ${plan.count.join(" | ")}\n         page:  ${plan.page.join(" | ")}`);
      }
    }
  } finally {
    await db.$disconnect();
  }
}


async function timeServer(list: Search[]): Promise<number> {
  let worst = 0;
  for (const s of list) {
    const url = `${BASE}/browse${Object.keys(s.params).length ? `?${new URLSearchParams(s.params)}` : ""}`;
    const warm = await timedGet(url);
    if (warm.status !== 200) throw new Error(`${url}: HTTP ${warm.status}`);
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const r = await timedGet(url);
      if (r.status !== 200) throw new Error(`${url}: HTTP ${r.status}`);
      times.push(r.ms);
      bytes = r.bytes;
    }
    worst = Math.max(worst, report("server", s.label, times, `(${(bytes / 1024).toFixed(0)} KB)`));
  }
  return worst;
}

async function main(): Promise<void> {
  const c = await reviewCollection(COLLECTION);
  const dir = mkdtempSync(path.join(tmpdir(), "gradprep-bench-browse-"));
  const file = path.join(dir, "gradprep.db");
  const url = `file:${file}`;
  try {
    copyFileSync(c.dbFile, file);
    let t0 = performance.now();
    const applied = migrate(url).applied;
    console.log(`migrated the copy in ${fmt(performance.now() - t0)}${applied.length ? ` (${applied.join(", ")})` : ""}`);
    const probe = createDb(url);
    const [busiest] = await probe.$queryRaw<{ cardId: string }[]>`SELECT "cardId" FROM "ReviewLog" GROUP BY "cardId" ORDER BY COUNT(*) DESC LIMIT 1`;
    await probe.$disconnect();
    const list = searches(new Date(), busiest?.cardId ?? "gen/note-0:c0");

    console.log(`\n== lib/db (${c.cards} cards, ${c.logs} review logs)`);
    await timeDb(url, list);

    if (!argv.includes("--skip-server")) {
      if (!argv.includes("--skip-build")) {
        t0 = performance.now();
        await new Promise<void>((resolve, reject) => {
          const child = spawn("npm", ["run", "--silent", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
          child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`npm run build failed (exit ${code})`))));
        });
        console.log(`built in ${fmt(performance.now() - t0)}`);
      }
      console.log(`\n== server (GET /browse?…, ${REQUESTS} requests each)`);
      const server = await startServer(PORT, { DATABASE_URL: url, CONTENT_DIR: c.contentDir }, 20 * 60_000);
      console.log(`server started in ${fmt(server.startMs)}`);
      let worst: number;
      try {
        worst = await timeServer(list);
      } finally {
        await stopServer(server);
      }
      console.log("\n== summary");
      for (const line of summary) console.log(line);
      console.log(`browse server time p95 ${Math.round(worst)} ms at ${c.cards} cards (worst search; target < ${TARGET_MS} ms)`);
    } else {
      console.log("\n== summary");
      for (const line of summary) console.log(line);
    }
  } finally {
    if (argv.includes("--keep")) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

await main();
