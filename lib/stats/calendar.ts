/** Study-day numbers (lib/srs/day dayIndex) back to their YYYY-MM-DD key and weekday. */

const DAY_MS = 86_400_000;

export function indexToKey(index: number): string {
  return new Date(index * DAY_MS).toISOString().slice(0, 10);
}

/** 0 Sunday … 6 Saturday, for a day number. */
export function weekdayOfIndex(index: number): number {
  return new Date(index * DAY_MS).getUTCDay();
}
