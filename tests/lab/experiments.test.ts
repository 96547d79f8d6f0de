import { describe, expect, it } from "vitest";
import { createRng, NonFiniteError } from "../../lib/engine";
import { labNetwork, splitDigits, trainEpoch } from "../../lib/lab";
import {
  CHALLENGE_START,
  checkChallenge,
  EXPERIMENT_IDS,
  experiment,
  experimentById,
  type ExperimentResult,
  labHref,
} from "../../lib/lab/experiments";
import { labSplit } from "../../lib/lab/experiments/depth";
import { LabError } from "../../lib/lab/errors";
import { loadDigits } from "../../lib/lab/load-digits";
import { feedforwardModel, Stepper } from "../../lib/lab/stepper";
import { orthogonalMatrix } from "../../lib/lab/weights";

const finiteEverywhere = (r: ExperimentResult): boolean =>
  r.charts.every((c) => c.series.every((s) => s.x.length === s.y.length && [...s.x, ...s.y].every(Number.isFinite))) && Object.values(r.facts).every(Number.isFinite);

/** Small, fast settings per experiment (everything else default). */
const SMALL = {
  depth: { hidden: 3, width: 10, epochs: 1, batch: 100 },
  activations: { hidden: 3, width: 10, epochs: 1, batch: 100 },
  init: { depth: 10, width: 16, batch: 16 },
  remedies: { depth: 4, width: 8, epochs: 1, batch: 100 },
  jacobian: { depth: 3, width: 6 },
  rnn: { steps: 10, hidden: 6 },
  window: {},
} as const;

describe("settings in the URL", () => {
  it.each(EXPERIMENT_IDS.map((id) => [id]))("%s: defaults survive toQuery → fromQuery, and every setting is in the query", (id) => {
    const def = experimentById(id)!;
    const q = def.toQuery(def.defaults as never);
    expect([...q.keys()]).toEqual(def.controls.map((c) => c.key));
    expect(def.fromQuery(q)).toEqual(def.defaults);
    expect(def.fromQuery(new URLSearchParams())).toEqual(def.defaults);
  });

  it("a bad value is an error naming the parameter, never NaN", () => {
    const depth = experiment("depth");
    const bad: [string, string][] = [
      ["hidden", "7"],
      ["hidden", "2.5"],
      ["hidden", "abc"],
      ["hidden", ""],
      ["width", "NaN"],
      ["eta", "Infinity"],
      ["compare", "maybe"],
    ];
    for (const [key, value] of bad) {
      const q = new URLSearchParams({ [key]: value });
      let err: unknown;
      try {
        depth.fromQuery(q);
      } catch (e) {
        err = e;
      }
      expect(err, `${key}=${value}`).toBeInstanceOf(LabError);
      expect((err as LabError).field).toBe(key);
      expect((err as LabError).message).toContain(key);
    }
    expect(() => experiment("init").fromQuery(new URLSearchParams({ schemes: "xavier,constructor" }))).toThrow(/schemes/);
    expect(() => experiment("init").fromQuery(new URLSearchParams({ activation: "__proto__" }))).toThrow(/activation/);
  });

  it("readQuery keeps the default for a bad parameter and lists it", () => {
    const { settings, problems } = experiment("rnn").readQuery(new URLSearchParams({ steps: "5000", scale: "2", clip: "1", threshold: "-1" }));
    expect(settings).toEqual({ ...experiment("rnn").defaults, scale: 2, clip: true });
    expect(problems.map((p) => p.field)).toEqual(["steps", "threshold"]);
  });

  it("a set parameter keeps the table's order and drops repeats", () => {
    expect(experiment("init").fromQuery(new URLSearchParams({ schemes: "he, xavier,he" })).schemes).toEqual(["xavier", "he"]);
  });

  it("run rejects a settings object with a bad field", () => {
    expect(() => experiment("jacobian").run({ ...experiment("jacobian").defaults, depth: 0 })).toThrow(LabError);
    expect(() => experiment("window").run({ ...experiment("window").defaults, w: Number.NaN })).toThrow(/w/);
  });

  it("labHref names the experiment and every setting", () => {
    const href = labHref("rnn", { ...experiment("rnn").defaults, scale: 2.5 });
    expect(href).toBe("/lab?exp=rnn&steps=20&hidden=16&scale=2.5&activation=tanh&clip=0&threshold=1&seed=1");
  });
});

describe("every experiment", () => {
  it.each(EXPERIMENT_IDS.map((id) => [id]))("%s: finite charts and facts, and the same numbers for the same seed", (id) => {
    const def = experimentById(id)!;
    const s = { ...def.defaults, ...SMALL[id] } as never;
    const a = def.run(s);
    const b = def.run(s);
    expect(a.charts.length).toBeGreaterThan(0);
    expect(finiteEverywhere(a)).toBe(true);
    expect(b).toEqual(a);
  });

  it("the trainers step, snapshot between steps, and match run() after whole epochs", () => {
    for (const id of ["depth", "activations", "remedies"] as const) {
      const def = experiment(id);
      const s = { ...def.defaults, ...SMALL[id] } as never;
      const t = def.trainer!(s);
      expect(t.epoch).toBe(0);
      t.step(3);
      expect(t.steps).toBe(3);
      expect(finiteEverywhere(t.snapshot())).toBe(true);
      t.step(t.stepsPerEpoch - 3);
      expect(t.epoch).toBe(1);
      const facts = t.snapshot().facts;
      expect(facts).toEqual(def.run(s).facts);
    }
  });
});

describe("a diverging run", () => {
  it("stops stepping at the step that overflowed and leaves the history finite", () => {
    // A model whose third step overflows, as the engine reports it.
    let calls = 0;
    const model = {
      hidden: 2,
      step(_X: Float64Array, _Y: Float64Array, _B: number, _eta: number, norms: Float64Array) {
        calls++;
        if (calls === 3) throw new NonFiniteError("layers[0].z", Infinity);
        norms[0] = 1;
        norms[1] = 2;
        return 0.5;
      },
      speeds: () => [1, 2],
      evaluate: () => ({ accuracy: 0.1, loss: 1 }),
    };
    const st = new Stepper(model, labSplit(), createRng(1), { eta: 1, batch: 10, inputs: 64, outputs: 10 });
    st.step(10);
    expect(st.diverged).toBe(true);
    expect(st.steps).toBe(2);
    st.step(5);
    expect(calls).toBe(3);
    expect([...st.history.t, ...st.history.loss, ...st.history.norms.flat()].every(Number.isFinite)).toBe(true);
  });
});

describe("the Stepper", () => {
  it("after E epochs gives exactly the weights of E calls of trainEpoch with the same rng", () => {
    const split = splitDigits(loadDigits(), 1);
    const a = labNetwork(createRng(7), { hidden: 2, width: 8 });
    const rngA = createRng(70);
    const b = labNetwork(createRng(7), { hidden: 2, width: 8 });
    const st = new Stepper(feedforwardModel(b), split, createRng(70), { eta: 0.5, batch: 50, inputs: 64, outputs: 10 });
    for (let e = 0; e < 2; e++) trainEpoch(a, split.train, rngA, { eta: 0.5, batchSize: 50 });
    st.step(2 * st.stepsPerEpoch);
    a.layers.forEach((layer, l) => expect(Array.from(b.layers[l]!.W)).toEqual(Array.from(layer.W)));
    expect(st.epoch).toBe(2);
    expect(st.speeds).toHaveLength(3);
  });

  it("keeps at most MAX_HISTORY points by thinning", () => {
    const st = new Stepper(feedforwardModel(labNetwork(createRng(1), { hidden: 1, width: 8 })), labSplit(), createRng(1), { eta: 0.1, batch: 1, inputs: 64, outputs: 10 });
    st.step(550);
    // Steps 1…512 each sampled; the 513th sample halves them to steps 2, 4, …, 512 and sampling goes to every 2nd step: 514, …, 550.
    expect(st.history.t.length).toBe(256 + 19);
    expect(st.history.t[0]).toBe(2 / st.stepsPerEpoch);
    expect(st.history.t[255]).toBe(512 / st.stepsPerEpoch);
    expect(st.history.t.at(-1)).toBe(550 / st.stepsPerEpoch);
    expect(st.history.loss).toHaveLength(275);
  });
});

describe("the experiments' numbers, against second formulas", () => {
  it("orthogonal init: QQᵀ = I for wide, QᵀQ = I for tall matrices", () => {
    for (const [r, c] of [
      [5, 9],
      [9, 5],
      [6, 6],
    ] as const) {
      const Q = orthogonalMatrix(createRng(r * c), r, c);
      const k = Math.min(r, c);
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) {
          const dot = r <= c ? Q[i]!.reduce((s, v, m) => s + v * Q[j]![m]!, 0) : Q.reduce((s, row) => s + row[i]! * row[j]!, 0);
          expect(dot).toBeCloseTo(i === j ? 1 : 0, 12);
        }
      }
    }
  });

  it("exploding window: widest ≈ 0.45 near |w| ≈ 6.9 (pinned), and |wσ′| ≥ 1 exactly inside the shaded interval", () => {
    const r = experiment("window").run({ w: 8, b: 1, wMax: 20 });
    // Second method: bisect |w σ′(w x)| = 1 for x > 0 on a grid of w, and take the widest.
    const widthByBisection = (w: number) => {
      const g = (x: number) => {
        const s = 1 / (1 + Math.exp(-w * x));
        return w * s * (1 - s);
      };
      let lo = 0;
      let hi = 10;
      for (let i = 0; i < 100; i++) {
        const mid = (lo + hi) / 2;
        if (g(mid) >= 1) lo = mid;
        else hi = mid;
      }
      return 2 * lo;
    };
    let best = { w: 0, width: 0 };
    for (let w = 4.01; w < 12; w += 0.01) {
      const width = widthByBisection(w);
      if (width > best.width) best = { w, width };
    }
    expect(r.facts.maxWidth).toBeCloseTo(best.width, 6);
    expect(r.facts.wAtMax).toBeCloseTo(best.w, 1);
    expect(r.facts.maxWidth).toBeCloseTo(0.4477, 4);
    expect(r.facts.wAtMax).toBeCloseTo(6.9, 1);
    const gain = (x: number) => {
      const s = 1 / (1 + Math.exp(-(8 * x + 1)));
      return 8 * s * (1 - s);
    };
    expect(gain(r.facts.lo!)).toBeCloseTo(1, 9);
    expect(gain(r.facts.hi!)).toBeCloseTo(1, 9);
    expect(gain((r.facts.lo! + r.facts.hi!) / 2)).toBeGreaterThan(1);
  });

  it("rnn: the largest |eigenvalue| follows the scale, and clipping caps the global norm at the threshold", () => {
    const a = experiment("rnn").run({ ...experiment("rnn").defaults, scale: 1 });
    const b = experiment("rnn").run({ ...experiment("rnn").defaults, scale: 2 });
    expect(b.facts.eigMax! / a.facts.eigMax!).toBeCloseTo(2, 10);
    const c = experiment("rnn").run({ ...experiment("rnn").defaults, scale: 3.5, clip: true, threshold: 0.5 });
    expect(c.facts.clippedNorm).toBeCloseTo(0.5, 12);
    const clipped = c.charts[0]!.series[1]!.y;
    const raw = c.charts[0]!.series[0]!.y;
    clipped.forEach((v, t) => expect(v / raw[t]!).toBeCloseTo(0.5 / c.facts.globalNorm!, 12));
  });
});

describe("break-it challenges", () => {
  const init = experiment("init");
  const rnn = experiment("rnn");

  it("vanish: solved with the small scheme at 10 layers, not at the start or with 12 layers", () => {
    const start = CHALLENGE_START.vanish;
    expect(checkChallenge("vanish", start, init.run(start)).solved).toBe(false);
    const solving = { ...start, depth: 10, schemes: ["small"] };
    const ok = checkChallenge("vanish", solving, init.run(solving));
    expect(ok.solved).toBe(true);
    expect(ok.measured).toBeLessThan(1e-6);
    const tooDeep = { ...solving, depth: 12 };
    expect(checkChallenge("vanish", tooDeep, init.run(tooDeep)).solved).toBe(false);
  });

  it("explodeThenClip: needs the remembered explosion, then clipping on as the one change", () => {
    const start = CHALLENGE_START.explodeThenClip;
    expect(checkChallenge("explodeThenClip", start, rnn.run(start)).solved).toBe(false);
    const exploded = { ...start, scale: 4 };
    const e = checkChallenge("explodeThenClip", exploded, rnn.run(exploded));
    expect(e.measured).toBeGreaterThan(100);
    expect(e.solved).toBe(false);
    const clipped = { ...exploded, clip: true, threshold: 1 };
    // Clipping on is not enough without stage 1 remembered…
    expect(checkChallenge("explodeThenClip", clipped, rnn.run(clipped)).solved).toBe(false);
    // …and solves it with it.
    const remembered = { settings: exploded, h0: e.measured };
    expect(checkChallenge("explodeThenClip", clipped, rnn.run(clipped), remembered).solved).toBe(true);
    const short = { ...clipped, steps: 10 };
    expect(checkChallenge("explodeThenClip", short, rnn.run(short), remembered).solved).toBe(false);
  });

  it("edgeOfChaos: a 30-layer tanh net at scale 1 is solved, at the start (0.5) it is not", () => {
    const start = CHALLENGE_START.edgeOfChaos;
    const fail = checkChallenge("edgeOfChaos", start, init.run(start));
    expect(fail.solved).toBe(false);
    expect(fail.measured).toBeGreaterThan(10);
    const solving = { ...start, scale: 1 };
    expect(checkChallenge("edgeOfChaos", solving, init.run(solving)).solved).toBe(true);
    const relu = { ...solving, activation: "relu" };
    expect(checkChallenge("edgeOfChaos", relu, init.run(relu)).solved).toBe(false);
  });
});
