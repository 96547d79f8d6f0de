import { describe, expect, it } from "vitest";
import { speedsExperiment } from "../../lib/lab";
import { loadDigits } from "../../lib/lab/load-digits";

/**
 * Nielsen, ch. 5: at initialisation the earlier hidden layers of a sigmoid net
 * learn more slowly. His MNIST figures (784 inputs, 30 units a layer): 0.07,
 * 0.31 for two hidden layers; 0.012, 0.060, 0.283 for three; 0.003, 0.017,
 * 0.070, 0.285 for four. Here, the engine on the 8×8 digits, width 30,
 * Nielsen's initialisation, seeds 1 to 5.
 */
describe("per-layer learning speed at initialisation (Nielsen's result on the digits)", () => {
  const digits = loadDigits();

  it.each([2, 3, 4])("with %i sigmoid hidden layers, ‖δ‖ grows from the first hidden layer to the last", (hidden) => {
    for (let seed = 1; seed <= 5; seed++) {
      const { speeds, accuracy } = speedsExperiment(digits, { hidden, width: 30, seed });
      expect(accuracy).toBeNull();
      expect(speeds).toHaveLength(hidden);
      for (let l = 1; l < hidden; l++) expect(speeds[l], `seed ${seed}, layer ${l + 1}`).toBeGreaterThan(speeds[l - 1]!);
      if (hidden === 4) expect(speeds[3]! / speeds[0]!, `seed ${seed}`).toBeGreaterThanOrEqual(10);
    }
  });
});
