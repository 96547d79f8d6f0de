/**
 * A New York wall-clock time (2025–2026) as an instant, from the US rule
 * written out rather than from the code under test: EDT (UTC−4) from 02:00 on
 * the second Sunday of March to 02:00 on the first Sunday of November, EST
 * (UTC−5) otherwise. A reading the clocks skip (02:xx on the spring day) is
 * taken in EST, so it lands after the jump; one that happens twice (01:xx on
 * the autumn day) is the first, in EDT — as `new Date(y, m, d, h)` does in a
 * process running in New York.
 */
const DST: Record<number, [number, number]> = { 2025: [9, 2], 2026: [8, 1] };

export function newYork(year: number, month: number, day: number, hh: number, mm = 0): Date {
  const rule = DST[year];
  if (!rule) throw new Error(`no New York DST dates for ${year}`);
  const wall = Date.UTC(year, month - 1, day, hh, mm);
  const edt = wall >= Date.UTC(year, 2, rule[0], 3) && wall < Date.UTC(year, 10, rule[1], 2);
  return new Date(wall + (edt ? 4 : 5) * 3_600_000);
}
