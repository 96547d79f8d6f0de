import { createScheduler } from "./schedule";

/** The app's scheduler. Settings (issue: daily review) will feed these options. */
export const scheduler = createScheduler({ retention: 0.9 });
