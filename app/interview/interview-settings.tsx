"use client";

import { useEffect, useState } from "react";
import { useMessages } from "@/components/i18n";

const STORE = "gradprep:interview-settings";

/** How many questions and minutes per question; remembered in this browser. A plain GET form, so it works before hydration too. */
export function InterviewSettings({ maxCount, defaults, limits }: { maxCount: number; defaults: { count: number; minutes: number }; limits: { minMinutes: number; maxMinutes: number } }) {
  const m = useMessages().interview;
  const [count, setCount] = useState(Math.min(defaults.count, maxCount));
  const [minutes, setMinutes] = useState(defaults.minutes);

  useEffect(() => {
    try {
      const saved = JSON.parse(localStorage.getItem(STORE) ?? "null") as { count?: unknown; minutes?: unknown } | null;
      if (typeof saved?.count === "number" && Number.isInteger(saved.count) && saved.count >= 1) setCount(Math.min(saved.count, maxCount));
      if (typeof saved?.minutes === "number" && saved.minutes >= limits.minMinutes && saved.minutes <= limits.maxMinutes) setMinutes(saved.minutes);
    } catch {
      // Storage unavailable or garbled: the defaults stand.
    }
  }, [maxCount, limits.minMinutes, limits.maxMinutes]);

  const remember = (next: { count: number; minutes: number }) => {
    try {
      localStorage.setItem(STORE, JSON.stringify(next));
    } catch {
      // Private mode: settings are just not remembered.
    }
  };

  const counts = Array.from({ length: maxCount }, (_, i) => i + 1);
  const minuteChoices = Array.from({ length: limits.maxMinutes - limits.minMinutes + 1 }, (_, i) => limits.minMinutes + i);
  return (
    <form method="get" action="/interview" className="interview-settings settings-form" data-testid="interview-settings">
      <input type="hidden" name="start" value="1" />
      <div className="field">
        <label htmlFor="interview-count">{m.count}</label>
        <select
          id="interview-count"
          name="n"
          value={count}
          onChange={(e) => {
            setCount(Number(e.target.value));
            remember({ count: Number(e.target.value), minutes });
          }}
        >
          {counts.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="interview-minutes">{m.minutes}</label>
        <select
          id="interview-minutes"
          name="minutes"
          value={minutes}
          onChange={(e) => {
            setMinutes(Number(e.target.value));
            remember({ count, minutes: Number(e.target.value) });
          }}
        >
          {minuteChoices.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="primary" data-testid="interview-start-button">
        {m.start}
      </button>
    </form>
  );
}
