import { existsSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GET, HEAD } from "@/app/export/backup/route";
import { createTempDb, type TempDb } from "../support/temp-db";

/**
 * Issue 13 item 8: `HEAD /export/backup` left a full copy of the database in
 * the temp folder and an open file descriptor each time. The route is called
 * as Next calls it; the temp folder is a private one (os.tmpdir() follows
 * TMPDIR) so other tests' files do not count.
 */
let t: TempDb;
let tmp: string;
const saved = { TMPDIR: process.env.TMPDIR, DATABASE_URL: process.env.DATABASE_URL };

beforeEach(() => {
  t = createTempDb();
  tmp = mkdtempSync(path.join(tmpdir(), "gradprep-backup-tmp-"));
  process.env.TMPDIR = tmp;
  process.env.DATABASE_URL = t.url;
  expect(tmpdir()).toBe(tmp);
});
afterEach(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(tmp, { recursive: true, force: true });
  await t.cleanup();
});

/** Descriptors this process holds on anything under the private temp folder. */
function openUnderTmp(): string[] {
  if (!existsSync("/proc/self/fd")) return [];
  const held: string[] = [];
  for (const fd of readdirSync("/proc/self/fd")) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (target.startsWith(tmp)) held.push(target);
    } catch {
      // closed meanwhile
    }
  }
  return held;
}

describe("backup download cleanup", () => {
  it("HEAD makes no snapshot and opens nothing", async () => {
    for (let i = 0; i < 3; i++) {
      const res = HEAD();
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="gradprep-backup-\d{4}-\d{2}-\d{2}\.db"$/);
      expect(res.body).toBeNull();
    }
    expect(readdirSync(tmp)).toEqual([]);
    expect(openUnderTmp()).toEqual([]);
  });

  it("GET whose body is never read (what Next did for HEAD) leaves no copy in the temp folder", async () => {
    const res = await GET();
    expect(res.status).toBe(200);
    expect(readdirSync(tmp)).toEqual([]);
    await res.body!.cancel();
    await expect.poll(() => openUnderTmp()).toEqual([]);
  });

  it("GET read to the end closes its descriptor and leaves nothing", async () => {
    const res = await GET();
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 16).toString("latin1")).toBe("SQLite format 3\0");
    expect(bytes.length).toBe(Number(res.headers.get("Content-Length")));
    await expect.poll(() => openUnderTmp()).toEqual([]);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it("GET cancelled part-way closes its descriptor and leaves nothing", async () => {
    const res = await GET();
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    await expect.poll(() => openUnderTmp()).toEqual([]);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it("GET with no database says so, and leaves nothing", async () => {
    process.env.DATABASE_URL = `file:${path.join(tmp, "missing", "none.db")}`;
    const res = await GET();
    expect(res.status).toBe(500);
    expect(await res.text()).toMatch(/no database to back up/);
    expect(readdirSync(tmp)).toEqual([]);
  });
});
