"use client";

import { useEffect, useState } from "react";
import { formatRelative } from "@/lib/i18n/interval";
import { useLocale, useMessages } from "./i18n";

/** Shows a time in the learner's own time zone (the server does not know it). */
export function LocalTime({ iso }: { iso: string }) {
  const m = useMessages();
  const locale = useLocale();
  const [text, setText] = useState(iso.slice(0, 16).replace("T", " ") + " UTC");
  useEffect(() => {
    const d = new Date(iso);
    const mins = Math.round((d.getTime() - Date.now()) / 60_000);
    const rel = mins === 0 ? m.time.now : formatRelative(mins, locale);
    setText(`${d.toLocaleString(m.htmlLang)} (${rel})`);
  }, [iso, m, locale]);
  return <time dateTime={iso}>{text}</time>;
}
