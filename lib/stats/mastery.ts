/**
 * Mastery of a note: the mean retrievability (FSRS's probability of recalling
 * a card now) over all of its cards, where a card never studied counts as 0 —
 * a note you have not started is not mastered. Weakest notes first; ties by
 * title.
 */
export interface CardRecall {
  noteId: string;
  /** 0–1; 0 for a card never studied. */
  retrievability: number;
  studied: boolean;
}

export interface NoteMastery {
  noteId: string;
  title: string;
  cards: number;
  studied: number;
  /** 0–1. */
  mastery: number;
}

export function noteMastery(cards: readonly CardRecall[], notes: readonly { id: string; title: string }[]): NoteMastery[] {
  const acc = new Map<string, NoteRecall>();
  for (const c of cards) {
    const a = acc.get(c.noteId) ?? { noteId: c.noteId, recall: 0, cards: 0, studied: 0 };
    a.recall += c.studied ? c.retrievability : 0;
    a.cards++;
    if (c.studied) a.studied++;
    acc.set(c.noteId, a);
  }
  return masteryOfNotes([...acc.values()], notes);
}

/** One note's cards summed up: how many, how many studied, and their retrievability added up (0 for a card never studied). */
export interface NoteRecall {
  noteId: string;
  cards: number;
  studied: number;
  recall: number;
}

/** noteMastery from per-note sums; notes without cards are left out. */
export function masteryOfNotes(sums: readonly NoteRecall[], notes: readonly { id: string; title: string }[]): NoteMastery[] {
  const acc = new Map(sums.filter((s) => s.cards > 0).map((s) => [s.noteId, s]));
  return notes
    .filter((n) => acc.has(n.id))
    .map((n) => {
      const a = acc.get(n.id)!;
      return { noteId: n.id, title: n.title, cards: a.cards, studied: a.studied, mastery: a.recall / a.cards };
    })
    .sort((x, y) => x.mastery - y.mastery || x.title.localeCompare(y.title));
}
