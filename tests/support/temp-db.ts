import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb, type Db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";

/** A real, migrated SQLite database in a fresh temp folder. */
export interface TempDb {
  db: Db;
  url: string;
  file: string;
  cleanup: () => Promise<void>;
}

export function createTempDb(): TempDb {
  const dir = mkdtempSync(path.join(tmpdir(), "gradprep-test-"));
  const file = path.join(dir, "test.db");
  const url = `file:${file}`;
  migrate(url);
  const db = createDb(url);
  return {
    db,
    url,
    file,
    cleanup: async () => {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
