"use client";

import { createContext, useContext, useState } from "react";

/** A message about the last review action: a status (leech, buried, undone…) or an error. */
export interface Notice {
  text: string;
  error: boolean;
}

type NoticeState = [Notice | null, (notice: Notice | null) => void];

const NoticeContext = createContext<NoticeState>([null, () => {}]);

/**
 * Holds the message in the review layout, because the page remounts the
 * session for every card and the message must outlive the card it was about
 * (an error included: the page has already moved on when it arrives). The
 * live regions are always in the page, so screen readers announce each new
 * message.
 */
export function NoticeProvider({ children }: { children: React.ReactNode }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  return (
    <NoticeContext.Provider value={[notice, setNotice]}>
      <div role="status" aria-live="polite">
        {notice && !notice.error ? (
          <p className="notice" data-testid="notice">
            {notice.text}
          </p>
        ) : null}
      </div>
      <div role="alert">
        {notice?.error ? (
          <p className="error" data-testid="review-error">
            {notice.text}
          </p>
        ) : null}
      </div>
      {children}
    </NoticeContext.Provider>
  );
}

export function useNotice(): NoticeState {
  return useContext(NoticeContext);
}
