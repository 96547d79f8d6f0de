import { describe, expect, it } from "vitest";
import { checkAnswer } from "@/lib/answer";
import { forwardBackward } from "@/lib/engine";
import { reluDeadUnits } from "@/lib/exercises/generators/relu-dead-units";
import type { ExerciseInstance, ExerciseParams } from "@/lib/exercises/types";
import { showsNumber } from "../support";

const SEEDS = Array.from({ length: 200 }, (_, i) => i * 7919 + 13);
const MODES = ["dead", "zero-grads"] as const;
const COMBOS: ExerciseParams[] = MODES.flatMap((mode) => [1, 2, 3].map((difficulty) => ({ difficulty, mode })));
const SIZES: Record<number, { n: number; d: number }> = { 1: { n: 3, d: 2 }, 2: { n: 4, d: 3 }, 3: { n: 6, d: 3 } };

// ---- independent recomputation ----

/** z = W x + b with plain loops. */
function preActivations(W: number[][], b: number[], x: number[]): number[] {
  const z: number[] = [];
  for (let i = 0; i < W.length; i++) {
    let s = b[i] as number;
    for (let j = 0; j < x.length; j++) s += (W[i]![j] as number) * (x[j] as number);
    z.push(s);
  }
  return z;
}

/**
 * ∂C/∂W from the engine's forward/backward pass of the one-layer ReLU net with
 * C = ½‖h − y‖² and target y = h − g, so that ∂C/∂h = h − y = g, the given upstream gradient.
 */
function weightGradient(W: number[][], b: number[], x: number[], g: number[]): number[][] {
  const h = preActivations(W, b, x).map((v) => Math.max(0, v));
  const y = h.map((v, i) => v - (g[i] as number));
  return forwardBackward({ layers: [{ W, b, activation: "relu" }], loss: "mse" }, x, y).layers[0]!.dW;
}

const instances = new Map<string, ExerciseInstance[]>();
function all(p: ExerciseParams): ExerciseInstance[] {
  const key = `${String(p.mode)}${p.difficulty}`;
  let v = instances.get(key);
  if (!v) {
    v = SEEDS.map((s) => reluDeadUnits.generate(s, p));
    instances.set(key, v);
  }
  return v;
}

describe("relu-dead-units", () => {
  it("declares its id and params; defaults to dead; rejects bad params by name", () => {
    expect(reluDeadUnits.id).toBe("relu-dead-units");
    expect(reluDeadUnits.params).toEqual({ mode: ["dead", "zero-grads"] });
    expect(reluDeadUnits.generate(4, { difficulty: 2 })).toEqual(reluDeadUnits.generate(4, { difficulty: 2, mode: "dead" }));
    expect(() => reluDeadUnits.generate(4, { difficulty: 2, mode: "alive" })).toThrow(/params\.mode/);
    expect(() => reluDeadUnits.generate(4, { difficulty: Number.NaN })).toThrow(/params\.difficulty/);
  });

  it.each(COMBOS)("matches z from plain loops and ∂C/∂W from the engine's backward pass (%o)", (p) => {
    const { n, d: dim } = SIZES[p.difficulty] as { n: number; d: number };
    all(p).forEach((inst, i) => {
      const d = reluDeadUnits.sample(SEEDS[i] as number, p).d;
      expect([d.W.length, d.W[0]!.length, d.b.length, d.x.length]).toEqual([n, dim, n, dim]);
      const drawn = [...d.W.flat(), ...d.b, ...d.x, ...d.g];
      // 1 decimal, nonzero, and shown in the prompt (one expect per instance: expect is the slow part).
      expect(drawn.filter((v) => Math.round(v * 10) / 10 !== v || v === 0 || !showsNumber(inst.prompt, String(v)))).toEqual([]);
      const z = preActivations(d.W, d.b, d.x);
      expect(z.filter((v) => Math.abs(v) < 0.05 - 1e-9), `seed ${inst.seed}`).toEqual([]);
      const dead = z.flatMap((v, k) => (v <= 0 ? [k + 1] : []));
      expect(dead.length).toBeGreaterThan(0);
      expect(dead.length).toBeLessThan(n);
      if (p.mode === "dead") {
        expect(d.g).toEqual([]);
        expect(inst.expected, `seed ${inst.seed}`).toEqual(dead);
      } else {
        expect(d.g).toHaveLength(n);
        const dW = weightGradient(d.W, d.b, d.x, d.g);
        const zeros = dW.flat().filter((v) => v === 0).length;
        expect(inst.expected, `seed ${inst.seed}`).toBe(zeros);
        expect(zeros).toBe(dead.length * dim);
      }
    });
  });

  it.each(COMBOS)("says inactive for this input, and teaches that dead means inactive for every input (%o)", (p) => {
    for (const inst of all(p)) {
      // One input cannot show that a unit is dead: nothing but the teaching paragraph may call these units dead.
      for (const t of [inst.prompt, inst.hint, ...inst.mistakes.map((m) => m.explanation)]) expect(t).not.toMatch(/\bdead\b/i);
      const [before, teaching] = inst.solution.split("**Inactive is not dead.**");
      expect(teaching, `seed ${inst.seed}`).toBeDefined();
      expect(before).not.toMatch(/\bdead\b/i);
      expect(teaching).toMatch(/\*\*dead\*\* only when \$z_i \\le 0\$ for \*every\* input/);
      if (p.mode === "dead") expect(inst.prompt).toContain("**inactive for this input**");
    }
  });

  it.each(COMBOS)("every unit inactive for the drawn input is active for some other input, so none is dead (%o)", (p) => {
    all(p).forEach((inst, i) => {
      const { W, b, x } = reluDeadUnits.sample(SEEDS[i] as number, p).d;
      const z = preActivations(W, b, x);
      z.forEach((zi, k) => {
        if (zi > 0) return;
        // Move the input along the unit's own weight row: z_k grows by t‖w_k‖², so t = (1 − z_k)/‖w_k‖² gives z_k = 1.
        const row = W[k] as number[];
        const t = (1 - zi) / row.reduce((s, w) => s + w * w, 0);
        const other = x.map((xj, j) => xj + t * (row[j] as number));
        expect(preActivations(W, b, other)[k] as number, `seed ${inst.seed} unit ${k + 1}`).toBeGreaterThan(0.5);
      });
    });
  });

  it("every number of inactive units from 1 to n − 1 occurs, as a set and as a count of k·d zeros", () => {
    for (const difficulty of [1, 2, 3]) {
      const { n, d } = SIZES[difficulty] as { n: number; d: number };
      const want = Array.from({ length: n - 1 }, (_, k) => k + 1);
      const sizes = new Set(all({ difficulty, mode: "dead" }).map((i) => (i.expected as number[]).length));
      expect([...sizes].sort((a, b) => a - b)).toEqual(want);
      const counts = new Set(all({ difficulty, mode: "zero-grads" }).map((i) => i.expected as number));
      expect([...counts].sort((a, b) => a - b)).toEqual(want.map((k) => k * d));
    }
  });

  it.each(COMBOS)("lists its first mistake in every instance; a set answer in any order is right (%o)", (p) => {
    for (const inst of all(p)) {
      expect(inst.mistakes[0]?.id).toBe(p.mode === "dead" ? "listed-active" : "dead-count-only");
      if (p.mode === "dead") {
        const exp = inst.expected as number[];
        expect(checkAnswer([...exp].reverse().join(","), inst.answer, exp, inst.mistakes).kind).toBe("correct");
        expect(inst.prompt).not.toContain(inst.expectedTex);
      }
      // The hint shows how to compute z_1, never its value.
      expect(inst.hint).not.toMatch(/= -?\d+(\.\d+)?\$\. A unit/);
    }
  });
});
