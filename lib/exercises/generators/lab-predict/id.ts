/**
 * The lab-predict generator's id, in a module of its own so that the browser
 * (the exercise runner) and the lab page can name it without importing the
 * generator and, through it, the lab's code.
 */
export const LAB_PREDICT_ID = "lab-predict";
