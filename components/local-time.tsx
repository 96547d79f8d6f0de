"use client";

import { useEffect, useState } from "react";
import { useLocale, useMessages } from "./i18n";

/** Shows a time in the learner's own time zone (the server does not know it). */
export function LocalTime({ iso }: { iso: string }) {
  const m = useMessages();
  const locale = useLocale();
  const [text, setText] = useState(iso.slice(0, 16).replace("T", " ") + " UTC");
  useEffect(() => {
    const d = new Date(iso);
    const mins = Math.round((d.getTime() - Date.now()) / 60_000);
    const ago = -mins;
    const rel =
      ago >= 1
        ? ago < 60
          ? m.time.minAgo(ago)
          : ago < 48 * 60
            ? m.time.hoursAgo(Math.round(ago / 60))
            : m.time.daysAgo(Math.round(ago / 1440))
        : mins < 1
          ? m.time.now
          : mins < 60
            ? m.time.inMin(mins)
            : mins < 48 * 60
              ? m.time.inHours(Math.round(mins / 60))
              : m.time.inDays(Math.round(mins / 1440));
    setText(`${d.toLocaleString(m.htmlLang)} (${rel})`);
  }, [iso, m, locale]);
  return <time dateTime={iso}>{text}</time>;
}
