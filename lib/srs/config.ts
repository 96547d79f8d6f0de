import type { FSRS } from "ts-fsrs";
import { createScheduler } from "./schedule";
import { DEFAULT_SETTINGS, parseSteps, type StudySettings } from "./settings";

/** The scheduler that the learner's settings describe. */
export function schedulerFor(settings: StudySettings): FSRS {
  return createScheduler({
    retention: settings.retention,
    maximumInterval: settings.maximumInterval,
    enableFuzz: settings.fuzz,
    learningSteps: parseSteps(settings.learningSteps),
    relearningSteps: parseSteps(settings.relearningSteps),
    ...(settings.weights ? { weights: settings.weights } : {}),
  });
}

/** The default scheduler (no settings saved yet). */
export const scheduler = schedulerFor(DEFAULT_SETTINGS);
