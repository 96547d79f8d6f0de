import { afterAll, beforeEach } from "vitest";

/**
 * Study days are local time, so tests run in chosen zones (Node re-reads TZ
 * when it changes). With a zone, every test of the file starts in it; with or
 * without one, the process's own zone is back after the file.
 */
export function useTimeZone(zone?: string): void {
  const saved = process.env.TZ;
  if (zone) {
    beforeEach(() => {
      process.env.TZ = zone;
    });
  }
  afterAll(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });
}
