import { describe, expect, it } from "vitest";
import { labPredict, labUrl } from "@/lib/exercises/generators/lab-predict";
import { QUESTIONS } from "@/lib/exercises/generators/lab-predict/model";
import { experimentById } from "@/lib/lab/experiments";

/**
 * "Open this in the lab": the link of every card leads to a /lab setup whose
 * facts, as the lab page computes them from the URL, give the card's answer.
 * The ranges are pinned here by value.
 */
const letter = (i: number) => String.fromCharCode(65 + i);
const bin = (v: number, edges: number[]) => edges.filter((e) => v > e).length;

function answerFromFacts(question: string, facts: Record<string, number>, settings: Record<string, unknown>): string {
  switch (question) {
    case "ratio-init":
      return letter(bin(facts.ratio!, [2, 10, 100]));
    case "slowest-trained":
      return letter(facts.slowestTrained! - 1);
    case "rnn-scale":
      return letter(facts.scaleAt100 === undefined ? 4 : bin(facts.scaleAt100, [1, 1.5, 2.5]));
    case "window-width":
      return letter(facts.width === 0 ? 0 : 1 + bin(facts.width!, [0.2, 0.4]));
    case "init-spread": {
      const s = (settings.schemes as string[])[0];
      return letter(bin(Math.log10(facts[`${s}.grad1`]! / facts[`${s}.gradL`]!), [-3, -1, 1, 3]));
    }
    case "remedy-ratio": {
      const v = (settings.variants as string[])[0];
      return letter(bin(Math.log10(facts[`${v}.grad1`]! / facts[`${v}.gradL`]!), [-3, -1, 1, 3]));
    }
    case "jacobian-top":
      return letter(bin(Math.log10(facts.sigmaMax!), [-3, -1, 1, 3]));
    default: {
      const ratios = ["sigmoid", "tanh", "relu", "leaky_relu"].map((a) => facts[`${a}.ratio`]!);
      return letter(ratios.indexOf(Math.max(...ratios)));
    }
  }
}

describe("lab-predict's lab links", () => {
  it.each(QUESTIONS.map((q) => [q]))("%s: the linked setup's facts give the card's answer", (question) => {
    for (const seed of [1, 2, 3]) {
      const inst = labPredict.generate(seed, { difficulty: 2, question }, "en");
      const url = labUrl(inst)!;
      expect(url.startsWith("/lab?exp=")).toBe(true);
      const q = new URLSearchParams(url.slice("/lab?".length));
      const def = experimentById(q.get("exp")!)!;
      const settings = def.fromQuery(q);
      expect(answerFromFacts(question, def.run(settings as never).facts, settings as unknown as Record<string, unknown>)).toBe(inst.expected);
    }
  }, 60_000);

  it("gives no link for another generator's instance", () => {
    expect(labUrl({ generator: "gradient-clipping", seed: 1, params: { difficulty: 2 } })).toBeNull();
  });
});
