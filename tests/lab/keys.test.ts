import { describe, expect, it } from "vitest";
import { CHART_IDS, CONTROL_KEYS, EXPERIMENT_IDS, experimentById, OPTION_KEYS, QUANTITIES } from "../../lib/lab/experiments";

/** The key lists lab-ui translates cover everything the experiments emit (small settings, one epoch where they train). */
const SMALL: Record<string, object> = {
  depth: { hidden: 2, width: 8, epochs: 1, batch: 250, compare: true },
  activations: { hidden: 2, width: 8, epochs: 1, batch: 250 },
  init: { depth: 10, width: 16, batch: 16 },
  remedies: { depth: 3, width: 8, epochs: 1, batch: 250 },
};

describe("message keys", () => {
  it.each(EXPERIMENT_IDS.map((id) => [id]))("%s uses only listed chart ids, quantities, control keys and options", (id) => {
    const def = experimentById(id)!;
    for (const c of def.controls) {
      expect(CONTROL_KEYS).toContain(c.key);
      if (c.kind === "choice" || c.kind === "set") for (const o of c.options) expect(OPTION_KEYS).toContain(o);
    }
    const results = [def.run({ ...def.defaults, ...(SMALL[id] ?? {}) } as never)];
    if (def.trainer) results.push(def.trainer({ ...def.defaults, ...(SMALL[id] ?? {}) } as never).snapshot());
    for (const r of results) {
      for (const chart of r.charts) {
        const dash = chart.id.indexOf("-");
        expect(CHART_IDS).toContain(dash < 0 ? chart.id : chart.id.slice(0, dash));
        expect(QUANTITIES).toContain(chart.x.quantity);
        expect(QUANTITIES).toContain(chart.y.quantity);
      }
    }
  });
});
