"use client";

import { useEffect, useState } from "react";

/** Shows a time in the learner's own time zone (the server does not know it). */
export function LocalTime({ iso }: { iso: string }) {
  const [text, setText] = useState(iso.slice(0, 16).replace("T", " ") + " UTC");
  useEffect(() => {
    const d = new Date(iso);
    const mins = Math.round((d.getTime() - Date.now()) / 60_000);
    const rel = mins < 1 ? "now" : mins < 60 ? `in ${mins} min` : mins < 48 * 60 ? `in ${Math.round(mins / 60)} h` : `in ${Math.round(mins / 1440)} days`;
    setText(`${d.toLocaleString()} (${rel})`);
  }, [iso]);
  return <time dateTime={iso}>{text}</time>;
}
