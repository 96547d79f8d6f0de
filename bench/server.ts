import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

/**
 * The production server as the benches run it: `npm run serve` in its own
 * process group on 127.0.0.1, ready when it answers a static file, stopped
 * with the whole group (npm, the launcher shell, next); and a GET timed to its last byte.
 */

const root = path.resolve(import.meta.dirname, "..");
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Server {
  child: ChildProcess;
  /** From spawn to the first answer. */
  startMs: number;
  log: string[];
}

export async function startServer(port: number, env: Record<string, string>, limitMs = 30 * 60_000): Promise<Server> {
  const t0 = performance.now();
  const log: string[] = [];
  const child = spawn("npm", ["run", "--silent", "serve"], {
    cwd: root,
    env: { ...process.env, ...env, HOST: "127.0.0.1", PORT: String(port), TZ: "UTC", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout!.on("data", (d: Buffer) => log.push(d.toString()));
  child.stderr!.on("data", (d: Buffer) => log.push(d.toString()));
  let exited = false;
  child.on("exit", () => (exited = true));
  // Ready = answers any request (a static file: the first page load is measured separately).
  for (;;) {
    if (exited) throw new Error(`the server exited during start:\n${log.join("")}`);
    try {
      await fetch(`http://127.0.0.1:${port}/icon.svg`);
      break;
    } catch {
      await sleep(50);
    }
    if (performance.now() - t0 > limitMs) throw new Error(`the server did not answer within ${limitMs / 60_000} minutes`);
  }
  return { child, startMs: performance.now() - t0, log };
}

export const running = (s: Server) => s.child.exitCode === null && s.child.signalCode === null;

/** Stops the server's whole process group (npm, the launcher shell, next). */
export async function stopServer(s: Server): Promise<void> {
  if (!running(s)) return;
  const exited = new Promise((r) => s.child.once("exit", r));
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-s.child.pid!, signal);
    } catch {
      // Already gone.
    }
  };
  kill("SIGTERM");
  await Promise.race([exited, sleep(10_000)]);
  if (running(s)) kill("SIGKILL");
}

/** A GET timed from the request to the last byte of the body. */
export async function timedGet(url: string): Promise<{ ms: number; bytes: number; status: number }> {
  const t0 = performance.now();
  const res = await fetch(url);
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
  return { ms: performance.now() - t0, bytes, status: res.status };
}
