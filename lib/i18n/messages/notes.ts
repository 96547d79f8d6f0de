/** A note's page. */

export const en = {
  note: {
    exercises: (n: number) => `Live exercises (${n})`,
    cardsHeading: (n: number) => `Cards (${n})`,
    noCards: "This note has no cards.",
    liveExercise: "Live exercise: a fresh instance is drawn each time.",
    allNotes: "← All notes",
    related: "Related notes",
    recentAttempts: "Your recent attempts",
    showAgain: "show this instance again",
    verdicts: { correct: "right", wrong: "wrong", revealed: "solution shown" } as Record<string, string>,
    suspended: "suspended",
    buried: "buried",
    leech: "leech",
    unsuspend: "Unsuspend",
    unbury: "Unbury",
    unsuspended: (card: string) => `Unsuspended “${card}”: it is back in your reviews.`,
    unburied: (card: string) => `Unburied “${card}”: it can come up again today.`,
    dismiss: "Dismiss",
  },
};

export const zh: typeof en = {
  note: {
    exercises: (n: number) => `本笔记的实时习题（${n}）`,
    cardsHeading: (n: number) => `卡片（${n}）`,
    noCards: "这篇笔记没有卡片。",
    liveExercise: "实时习题：每次都会生成新的题目。",
    allNotes: "← 全部笔记",
    related: "相关笔记",
    recentAttempts: "最近的作答",
    showAgain: "再做一次同一道题",
    verdicts: { correct: "正确", wrong: "错误", revealed: "查看了解答" },
    suspended: "已暂停",
    buried: "已搁置",
    leech: "顽固卡片",
    unsuspend: "取消暂停",
    unbury: "取消搁置",
    unsuspended: (card: string) => `已取消暂停“${card}”：它重新参与复习。`,
    unburied: (card: string) => `已取消搁置“${card}”：它今天可以再次出现。`,
    dismiss: "关闭",
  },
};
