"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { restoreCardAction } from "./actions";
import { useMessages } from "@/components/i18n";
import { useAnnounce } from "@/components/status-notice";

/** Unsuspend or unbury a card from its note's page. */
export function RestoreCardButton({ cardId, cardLabel, kind }: { cardId: string; cardLabel: string; kind: "unsuspend" | "unbury" }) {
  const m = useMessages();
  const router = useRouter();
  const announce = useAnnounce();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const label = kind === "unsuspend" ? m.note.unsuspend : m.note.unbury;
  return (
    <>
      <button
        type="button"
        className="small-button"
        disabled={pending}
        data-testid={kind}
        aria-label={`${label}: ${cardLabel}`}
        onClick={() =>
          start(async () => {
            const r = await restoreCardAction(cardId, kind);
            if (r.ok) {
              // The refresh removes this button, so the confirmation lives in the layout.
              announce(kind === "unsuspend" ? m.note.unsuspended(cardLabel) : m.note.unburied(cardLabel));
              router.refresh();
            } else setError(m.review.errors[r.error] ?? m.review.failed);
          })
        }
      >
        {label}
      </button>
      {error ? (
        <span className="error small" role="alert">
          {error}
        </span>
      ) : null}
    </>
  );
}
