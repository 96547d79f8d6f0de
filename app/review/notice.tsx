"use client";

import { createContext, useContext, useState } from "react";

type NoticeState = [string | null, (text: string | null) => void];

const NoticeContext = createContext<NoticeState>([null, () => {}]);

/**
 * The message about the last review action (leech, buried, undone…). It lives
 * in the review layout because the page remounts the session for every card,
 * and the message must outlive the card it was about.
 */
export function NoticeProvider({ children }: { children: React.ReactNode }) {
  const state = useState<string | null>(null);
  return <NoticeContext.Provider value={state}>{children}</NoticeContext.Provider>;
}

export function useNotice(): NoticeState {
  return useContext(NoticeContext);
}
