import { letterOf } from "../../kit/choices";
import { texNum } from "../../kit/tex";
import type { Drawn, Solution } from "./model";

/** Options as Markdown lines: **A.** $…$ */
export const optionLines = (s: Pick<Solution, "options">): string[] => s.options.flatMap((o, i) => [`**${letterOf(i)}.** $${o}$`, ``]);

export const n3 = (x: number): string => texNum(x, 3);
export const setting = (d: Drawn, key: string): string => String(d.settings[key]);
export const actTex = (a: string): string => (a === "tanh" ? "\\tanh" : a === "relu" ? "\\text{ReLU}" : a === "leaky_relu" ? "\\text{leaky ReLU}" : `\\text{${a}}`);
