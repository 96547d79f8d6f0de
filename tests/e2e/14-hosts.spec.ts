import { expect, test } from "@playwright/test";

/**
 * Issue 13 items 7 and 8 against the real server (HOST=127.0.0.1 from
 * playwright.config.ts). Node's HTTP client sends the Host header it is
 * given, which is what a DNS-rebinding page's browser sends: the attacker's
 * name with our port.
 */

function port(baseURL: string | undefined): string {
  const p = new URL(baseURL ?? "http://127.0.0.1:3917").port;
  if (!p) throw new Error(`no port in ${baseURL}`);
  return p;
}

test("a rebinding Host is refused with 421 on pages, the backup and server actions", async ({ request, baseURL }) => {
  const evil = `evil.example:${port(baseURL)}`;
  const headers = { Host: evil, Origin: `http://${evil}` };

  const page = await request.get("/", { headers });
  expect(page.status()).toBe(421);

  const backup = await request.get("/export/backup", { headers });
  expect(backup.status()).toBe(421);
  const body = await backup.body();
  expect(body.subarray(0, 15).toString("latin1")).not.toBe("SQLite format 3");
  expect(backup.headers()["content-disposition"]).toBeUndefined();

  const head = await request.head("/export/backup", { headers });
  expect(head.status()).toBe(421);

  // A server action is a POST with a Next-Action header to the page's path;
  // it must be refused before Next looks the action up.
  for (const path of ["/review", "/settings", "/"]) {
    const action = await request.post(path, {
      headers: { ...headers, "Next-Action": "0".repeat(42), "Content-Type": "text/plain;charset=UTF-8" },
      data: "[]",
    });
    expect(action.status(), path).toBe(421);
  }

  // Static files too: nothing is served under a name we were not told to serve.
  expect((await request.get("/icon.svg", { headers })).status()).toBe(421);
});

test("the loopback names are served", async ({ request, baseURL }) => {
  const p = port(baseURL);
  for (const host of [`127.0.0.1:${p}`, `localhost:${p}`, `[::1]:${p}`]) {
    const res = await request.get("/", { headers: { Host: host } });
    expect(res.status(), host).toBe(200);
  }
});

test("a malformed Host is 400", async ({ request }) => {
  const res = await request.get("/", { headers: { Host: "bad host" } });
  expect([400]).toContain(res.status());
});

test("HEAD /export/backup answers the download's headers with no body and no snapshot", async ({ request }) => {
  for (let i = 0; i < 3; i++) {
    const res = await request.head("/export/backup");
    expect(res.status()).toBe(200);
    expect(res.headers()["content-disposition"]).toMatch(/^attachment; filename="gradprep-backup-\d{4}-\d{2}-\d{2}\.db"$/);
    expect((await res.body()).length).toBe(0);
  }
  // GET still downloads the whole database.
  const get = await request.get("/export/backup");
  expect(get.status()).toBe(200);
  expect((await get.body()).subarray(0, 16).toString("latin1")).toBe("SQLite format 3\0");
});

test("malformed percent-encoding in a note or exercise path is 400/404, not 500", async ({ request }) => {
  for (const path of ["/notes/%E0%A4%A", "/exercise/%E0%A4%A", "/quiz/%E0%A4%A", "/notes/en/100%", "/exercise/%", "/quiz/%"]) {
    const res = await request.get(path);
    expect([400, 404], path).toContain(res.status());
  }
});
