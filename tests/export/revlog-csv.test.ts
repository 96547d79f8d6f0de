import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { formatRevlogCsv, fsrsCardId, RevlogExportError, type RevlogEntry } from "@/lib/export/revlog-csv";
import { parseRevlogCsv } from "./parse-export";

const at = (iso: string) => new Date(iso);
const entry = (over: Partial<RevlogEntry> = {}): RevlogEntry => ({
  cardId: "note:a",
  reviewedAt: at("2026-03-01T09:00:00.250Z"),
  rating: 3,
  state: 0,
  durationMs: 4200,
  ...over,
});

describe("review log CSV", () => {
  it("has the FSRS optimizer's header, in its column order", () => {
    const text = formatRevlogCsv([]);
    expect(text).toBe("card_id,review_time,review_rating,review_state,review_duration\n");
  });

  it("writes epoch milliseconds, the rating, the state before the grade and the duration", () => {
    const { rows } = parseRevlogCsv(formatRevlogCsv([entry({ rating: 2, state: 1, durationMs: 999 })]));
    expect(rows).toEqual([
      { card_id: fsrsCardId("note:a"), review_time: Date.UTC(2026, 2, 1, 9, 0, 0, 250), review_rating: 2, review_state: 1, review_duration: 999 },
    ]);
  });

  it("orders rows by card, then by time, whatever order they come in", () => {
    const entries = [
      entry({ cardId: "b", reviewedAt: at("2026-03-03T00:00:00Z") }),
      entry({ cardId: "a", reviewedAt: at("2026-03-02T00:00:00Z") }),
      entry({ cardId: "b", reviewedAt: at("2026-03-01T00:00:00Z") }),
      entry({ cardId: "c", reviewedAt: at("2026-03-01T00:00:00Z") }),
      entry({ cardId: "a", reviewedAt: at("2026-03-01T00:00:00Z") }),
    ];
    const { rows } = parseRevlogCsv(formatRevlogCsv(entries));
    expect(rows).toHaveLength(5);
    for (let i = 1; i < rows.length; i++) {
      const [p, r] = [rows[i - 1]!, rows[i]!];
      expect(p.card_id < r.card_id || (p.card_id === r.card_id && p.review_time <= r.review_time)).toBe(true);
    }
    // Each card's rows are contiguous.
    const order = rows.map((r) => r.card_id).filter((id, i, all) => all.indexOf(id) === i);
    expect(order).toHaveLength(3);
  });

  it("card_id is an exact integer, the same for a card in every export, recomputable from the card id", () => {
    const id = fsrsCardId("e2e/basics:first");
    expect(Number.isSafeInteger(id)).toBe(true);
    expect(id).toBeGreaterThanOrEqual(0);
    expect(fsrsCardId("e2e/basics:first")).toBe(id);
    expect(fsrsCardId("e2e/basics:second")).not.toBe(id);
    const hex = createHash("sha256").update("e2e/basics:first").digest("hex");
    expect(id).toBe(Number(BigInt(`0x${hex.slice(0, 12)}`)));
    // CJK ids hash as UTF-8 too.
    expect(Number.isSafeInteger(fsrsCardId("笔记/链式法则:zh-max"))).toBe(true);
  });

  it("refuses bad rows with a message naming the card", () => {
    expect(() => formatRevlogCsv([entry({ rating: 0 })])).toThrow(RevlogExportError);
    expect(() => formatRevlogCsv([entry({ rating: 5 })])).toThrow(/note:a.*rating 5 is not 1–4/);
    expect(() => formatRevlogCsv([entry({ state: 4 })])).toThrow(/state 4 is not 0–3/);
    expect(() => formatRevlogCsv([entry({ durationMs: -1 })])).toThrow(/duration -1 ms/);
    expect(() => formatRevlogCsv([entry({ reviewedAt: new Date("nope") })])).toThrow(/note:a.*not a valid date/);
  });
});
