import { afterEach, describe, expect, it } from "vitest";
import { queryRows, writeTransaction } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { createTempDb, type TempDb } from "../support/temp-db";

/*
 * lib/db/client's synchronous paths (the grade write, the queue's reads) use
 * the connection Prisma's adapter opened. A write there must never run inside
 * one of Prisma's interactive transactions, nor interleave with it, and must
 * roll back whole when it throws.
 */

let t: TempDb | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

const note = (id: string) =>
  Prisma.sql`INSERT INTO "Note" ("id", "path", "title", "lang", "tags", "relatedOutlines", "difficulty", "prose", "contentHash", "retired", "syncedAt")
    VALUES (${id}, ${`${id}.md`}, ${id}, 'en', '[]', '[]', 'medium', '', 'h', 0, '2026-12-01T00:00:00.000+00:00')`;

describe("writeTransaction", () => {
  it("waits for an interactive transaction of Prisma's to finish, and is not part of it", async () => {
    t = createTempDb();
    const db = t.db;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const order: string[] = [];
    // Prisma's transaction writes a note, then waits, then fails: its note must not survive, ours must.
    const prisma = db
      .$transaction(async (tx) => {
        await tx.$executeRaw(note("prisma"));
        order.push("prisma wrote");
        await held;
        throw new Error("rolled back on purpose");
      })
      .catch((e: Error) => e.message);
    await new Promise((r) => setTimeout(r, 20));
    const ours = writeTransaction(db, (sql) => {
      order.push("ours ran");
      sql.prepare(note("ours").sql).run(...note("ours").values);
      return "done";
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(order).toEqual(["prisma wrote"]);
    release();
    expect(await prisma).toBe("rolled back on purpose");
    expect(await ours).toBe("done");
    expect(order).toEqual(["prisma wrote", "ours ran"]);
    const ids = await queryRows<{ id: string }>(db, Prisma.sql`SELECT "id" FROM "Note" ORDER BY "id"`);
    expect(ids.map((r) => r.id)).toEqual(["ours"]);
  });

  it("rolls back everything the write did when it throws, and the connection goes on working", async () => {
    t = createTempDb();
    const db = t.db;
    await expect(
      writeTransaction(db, (sql) => {
        sql.prepare(note("a").sql).run(...note("a").values);
        throw new Error("half way");
      }),
    ).rejects.toThrow("half way");
    expect(await db.note.count()).toBe(0);
    await writeTransaction(db, (sql) => sql.prepare(note("b").sql).run(...note("b").values));
    expect((await db.note.findMany({ select: { id: true } })).map((n) => n.id)).toEqual(["b"]);
  });
});
