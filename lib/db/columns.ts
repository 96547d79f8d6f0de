import "server-only";
import { State } from "ts-fsrs";
import { z } from "zod";
import type { ExerciseSpec } from "@/lib/content/types";
import type { CardState } from "@/lib/srs/schedule";

/**
 * The database's JSON text columns, one codec each: `encode` writes the value
 * as the column has always held it, `decode` checks what comes back against a
 * schema. Text in these columns can be edited by hand, restored from an old
 * backup or written by an older version, so a value that does not fit throws
 * a ColumnDecodeError naming table, column and row, never a cast.
 *
 * Why codecs and not Prisma's `Json` and `enum`: Prisma supports both on
 * SQLite since 6.2, but `Json` declares the column JSONB, so every one of
 * these columns would need a table-rebuilding migration, and it types values
 * as JsonValue, which still needs this check. A Prisma enum is stored as its
 * name, while ts-fsrs' State and Rating are numbers (0–3, 1–4) that the
 * stored rows, the review-log export and the optimiser already use.
 */

export type RowId = string | number;

/** A stored value that does not fit its column's schema. */
export class ColumnDecodeError extends Error {
  override readonly name = "ColumnDecodeError";
  constructor(
    readonly table: string,
    readonly column: string,
    /** Null where the caller holds the text but not its row (a value passed on from a query). */
    readonly rowId: RowId | null,
    readonly reason: string,
  ) {
    super(`${table}.${column} of ${rowId === null ? "a row" : `row ${JSON.stringify(rowId)}`} is invalid: ${reason}`);
  }
}

export interface ColumnCodec<T> {
  readonly table: string;
  readonly column: string;
  encode(value: T): string;
  /** @throws ColumnDecodeError */
  decode(text: string, rowId: RowId | null): T;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
}

function jsonColumn<T>(table: string, column: string, schema: z.ZodType<T>, toJson: (value: T) => unknown = (v) => v): ColumnCodec<T> {
  return {
    table,
    column,
    encode: (value) => JSON.stringify(toJson(value)),
    decode(text, rowId) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (err) {
        throw new ColumnDecodeError(table, column, rowId, `not JSON (${(err as Error).message})`);
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw new ColumnDecodeError(table, column, rowId, describeIssues(parsed.error));
      return parsed.data;
    },
  };
}

/** An ISO date string (as Date#toISOString writes it) read back as a Date. */
const isoDate = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), "not a date")
  .transform((s) => new Date(s));

const stringList = z.array(z.string());
const paramValue = z.union([z.string(), z.number(), z.boolean()]);

/** ts-fsrs' card states, stored as their numbers (State.New = 0 … State.Relearning = 3). */
export const cardStateSchema = z.enum(State);

/** Note.tags: the frontmatter's `tags`. */
export const noteTags = jsonColumn<string[]>("Note", "tags", stringList);

/** Note.relatedOutlines: ids of the notes the frontmatter's `related_outlines` names. */
export const noteRelatedOutlines = jsonColumn<string[]>("Note", "relatedOutlines", stringList);

/** Card.exercise: the live exercise of an exercise card (null in the column for flashcards). */
export const cardExercise = jsonColumn<ExerciseSpec>(
  "Card",
  "exercise",
  z.object({ generator: z.string(), difficulty: z.number(), params: z.record(z.string(), paramValue), title: z.string().nullable() }),
);

/** ReviewLog.previousCard: the card's whole state before the grade, so undo restores it exactly. */
export const reviewLogPreviousCard = jsonColumn<CardState>(
  "ReviewLog",
  "previousCard",
  z.object({
    due: isoDate,
    stability: z.number(),
    difficulty: z.number(),
    elapsedDays: z.number(),
    scheduledDays: z.number(),
    learningSteps: z.number(),
    reps: z.number(),
    lapses: z.number(),
    state: cardStateSchema,
    lastReview: isoDate.nullable(),
  }) satisfies z.ZodType<CardState, unknown>,
  (s) => ({ ...s, due: s.due.toISOString(), lastReview: s.lastReview?.toISOString() ?? null }),
);

/** What a bury or suspend changed, so that undo can put it back. */
export interface SetAsidePrevious {
  suspended: boolean;
  buriedUntil: Date | null;
}

/** CardAction.previous. */
export const cardActionPrevious = jsonColumn<SetAsidePrevious>(
  "CardAction",
  "previous",
  z.object({ suspended: z.boolean(), buriedUntil: isoDate.nullable() }),
  (p) => ({ suspended: p.suspended, buriedUntil: p.buriedUntil?.toISOString() ?? null }),
);

/** Attempt.params: the exercise parameters the instance was drawn with (difficulty among them). */
export const attemptParams = jsonColumn<Record<string, string | number | boolean>>("Attempt", "params", z.record(z.string(), paramValue));

/** Attempt.parsedValue: how the learner's input was understood (any JSON value). */
export const attemptParsedValue = jsonColumn<unknown>("Attempt", "parsedValue", z.json());

/** Settings.weights: FSRS weights adopted from the optimiser (null in the column = the defaults). */
export const settingsWeights = jsonColumn<number[]>("Settings", "weights", z.array(z.number()));

/** Card.state (and ReviewLog.state), an integer column, checked to be one of ts-fsrs' states. */
export function decodeCardState(table: string, rowId: RowId, value: number): State {
  const parsed = cardStateSchema.safeParse(value);
  if (!parsed.success) throw new ColumnDecodeError(table, "state", rowId, `${value} is not a card state (0 New … 3 Relearning)`);
  return parsed.data;
}
