"use client";

import { usePathname } from "next/navigation";
import { createContext, useContext, useEffect, useState } from "react";
import { useMessages } from "./i18n";

type Announce = (text: string | null) => void;

const StatusContext = createContext<Announce>(() => {});

/**
 * A confirmation that outlives the control that asked for it: unsuspending a
 * card refreshes the note page, which removes the button. The live region is
 * always in the page (so screen readers announce each new message) and shows
 * the message at the bottom of the window until dismissed or the page changes.
 */
export function StatusNoticeProvider({ children }: { children: React.ReactNode }) {
  const m = useMessages();
  const pathname = usePathname();
  const [text, setText] = useState<string | null>(null);
  useEffect(() => setText(null), [pathname]);
  return (
    <StatusContext.Provider value={setText}>
      {children}
      {/* aria-live without role="status": it is always in the page, empty most of the time, and must not be mistaken for a page's own status line. */}
      <div aria-live="polite" aria-atomic="true" className="status-notice-region">
        {text ? (
          <p className="notice status-notice" data-testid="status-notice">
            <span>{text}</span>
            <button type="button" className="link" onClick={() => setText(null)} aria-label={m.note.dismiss}>
              ×
            </button>
          </p>
        ) : null}
      </div>
    </StatusContext.Provider>
  );
}

export function useAnnounce(): Announce {
  return useContext(StatusContext);
}
