"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { unsuspendAction } from "@/app/notes/actions";
import { useMessages } from "./i18n";

/** Brings a suspended card back into reviews. */
export function UnsuspendButton({ cardId, cardLabel }: { cardId: string; cardLabel: string }) {
  const m = useMessages();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <>
      <button
        type="button"
        className="small-button"
        disabled={pending}
        data-testid="unsuspend"
        aria-label={`${m.note.unsuspend}: ${cardLabel}`}
        onClick={() =>
          start(async () => {
            const r = await unsuspendAction(cardId);
            if (r.ok) router.refresh();
            else setError(m.review.errors[r.error] ?? m.review.failed);
          })
        }
      >
        {m.note.unsuspend}
      </button>
      {error ? (
        <span className="error small" role="alert">
          {error}
        </span>
      ) : null}
    </>
  );
}
