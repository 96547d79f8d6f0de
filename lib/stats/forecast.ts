import { dayIndex } from "@/lib/srs/day";
import { indexToKey } from "./calendar";

/**
 * Due cards per study day for the coming `days` days, today first. A card
 * already overdue counts for today (it is still to do today). Cards due after
 * the last day shown are left out.
 */
export interface ForecastDay {
  /** Study day, YYYY-MM-DD. */
  day: string;
  /** 0 = today. */
  offset: number;
  count: number;
}

export function forecast(dues: readonly Date[], now: Date, dayStartHour: number, timeZone: string, days = 14): ForecastDay[] {
  const today = dayIndex(now, dayStartHour, timeZone);
  const out: ForecastDay[] = Array.from({ length: days }, (_, i) => ({ day: indexToKey(today + i), offset: i, count: 0 }));
  for (const due of dues) {
    const offset = Math.max(0, dayIndex(due, dayStartHour, timeZone) - today);
    if (offset < days) out[offset]!.count++;
  }
  return out;
}
