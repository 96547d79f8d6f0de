export * from "./digits";
export * from "./errors";
export * from "./experiment";
export * from "./network";
export * from "./speeds";
export * from "./train";
