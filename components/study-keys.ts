"use client";

import { useEffect, useRef, useState } from "react";
import { isPageKey } from "./key-list";

/**
 * The study keys, written once for review and cram (Anki's): Space or Enter
 * answers (shows the answer; on the answer side takes the default grade),
 * 1–4 grade, u undoes, b buries, s suspends, ? lists the keys, Escape closes
 * the list.
 */
export type StudyKey = "answer" | "grade-1" | "grade-2" | "grade-3" | "grade-4" | "undo" | "bury" | "suspend" | "help" | "escape";

const KEYS: Record<string, StudyKey> = {
  " ": "answer",
  Enter: "answer",
  "1": "grade-1",
  "2": "grade-2",
  "3": "grade-3",
  "4": "grade-4",
  u: "undo",
  b: "bury",
  s: "suspend",
  "?": "help",
  Escape: "escape",
};

/**
 * The study key a key press means, or null: keys typed into a field (an
 * exercise's answer box, once focused), with a modifier, held down, or
 * Space/Enter on a focused button or link belong to that control.
 */
export function studyKeyOf(e: KeyboardEvent): StudyKey | null {
  if (!isPageKey(e)) return null;
  return KEYS[e.key] ?? null;
}

/** The grade a grade key gives, 1–4. */
export function gradeOf(key: StudyKey): 1 | 2 | 3 | 4 | null {
  return key.startsWith("grade-") ? (Number(key.slice(6)) as 1 | 2 | 3 | 4) : null;
}

/**
 * Calls `onKey` for every study key pressed on the page; a true return means
 * the key was used (its default, e.g. Space scrolling, is prevented). `?` and
 * Escape are handled here: they open and close the list of keys, whose state
 * the hook returns. The listener is attached once for the page's life and
 * always calls the latest `onKey`, so no key falls between two renders.
 */
export function useStudyKeys(onKey: (key: Exclude<StudyKey, "help" | "escape">) => boolean): { showKeys: boolean; toggleKeys: () => void } {
  const [showKeys, setShowKeys] = useState(false);
  const latest = useRef(onKey);
  useEffect(() => {
    latest.current = onKey;
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => {
      const key = studyKeyOf(e);
      if (key === "help") {
        e.preventDefault();
        setShowKeys((v) => !v);
      } else if (key === "escape") {
        setShowKeys(false);
      } else if (key && latest.current(key)) {
        e.preventDefault();
      }
    };
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);
  return { showKeys, toggleKeys: () => setShowKeys((v) => !v) };
}
