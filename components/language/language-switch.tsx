"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocaleAction } from "./actions";
import { LOCALES } from "@/lib/i18n/locale";
import { messages } from "@/lib/i18n/messages";
import { useLocale, useMessages } from "@/components/i18n";

/** EN | 中文 in the header: switches the interface language (and, unless chosen otherwise, the study language). */
export function LanguageSwitch() {
  const locale = useLocale();
  const m = useMessages();
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <span className="lang-switch" role="group" aria-label={m.nav.language} aria-busy={pending}>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={messages(l).htmlLang}
          aria-pressed={l === locale}
          disabled={pending || l === locale}
          data-testid={`lang-${l}`}
          onClick={() =>
            start(async () => {
              await setLocaleAction(l);
              router.refresh();
            })
          }
        >
          {messages(l).languageName}
        </button>
      ))}
    </span>
  );
}
