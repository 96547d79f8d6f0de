"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";

/**
 * Card info in a modal dialog over the list (Anki opens it in its own
 * window). The URL says which card (/browse?…&card=ID), so it can be linked
 * and the list stays as it was; Esc or Close goes back to the list's URL and
 * the dialog hands the keyboard back to the list.
 */
export function CardInfoDialog({ title, closeLabel, closeHref, children }: { title: string; closeLabel: string; closeHref: string; children: React.ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className="card-info"
      aria-labelledby="card-info-title"
      data-testid="card-info"
      onClose={() => {
        router.replace(closeHref, { scroll: false });
        document.getElementById("browse-grid")?.focus({ preventScroll: true });
      }}
    >
      <div className="card-info-head">
        <h2 id="card-info-title">{title}</h2>
        <form method="dialog">
          <button type="submit" className="small-button" data-testid="card-info-close">
            {closeLabel}
          </button>
        </form>
      </div>
      {children}
    </dialog>
  );
}
