import { describe, expect, it } from "vitest";
import { LabError, parseDigits, PIXELS, selectDigits, splitDigits, type Digits } from "../../lib/lab";
import { loadDigits } from "../../lib/lab/load-digits";

/** A fake set whose pixel 0 holds the image's index, to follow images through a split. */
function indexed(n: number): Digits {
  const data = parseDigits(Array.from({ length: n }, (_, i) => "0".repeat(PIXELS) + String(i % 10)));
  for (let i = 0; i < n; i++) (data.images as Float64Array)[i * PIXELS] = i;
  return data;
}

describe("the digits file", () => {
  const d = loadDigits();

  it("holds the 1,797 images, every class, pixels in [0, 1]", () => {
    expect(d.count).toBe(1797);
    expect(d.images.length).toBe(1797 * 64);
    const perClass = new Array<number>(10).fill(0);
    for (const l of d.labels) perClass[l]!++;
    expect(perClass).toEqual([178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
    expect(Math.min(...d.images)).toBe(0);
    expect(Math.max(...d.images)).toBe(1);
    for (let i = 0; i < d.count; i++) expect(d.targets[i * 10 + d.labels[i]!]).toBe(1);
    expect(d.targets.reduce((s, v) => s + v, 0)).toBe(1797);
  });

  it("reads the first image as scikit-learn's digits.csv.gz has it (a 0)", () => {
    expect(Array.from(d.images.subarray(0, 16), (v) => v * 16)).toEqual([0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0]);
    expect(d.labels[0]).toBe(0);
    expect(d.labels[1796]).toBe(8);
  });
});

describe("parseDigits", () => {
  it("names the row and column of a bad entry", () => {
    const ok = "0".repeat(64) + "3";
    expect(() => parseDigits([ok, "0".repeat(63) + "3"])).toThrow(new LabError("rows[1]", "expected 65 characters, got 64"));
    expect(() => parseDigits(["h" + ok.slice(1)])).toThrow(/^rows\[0\]\[0\]: expected a pixel 0-9 or a-g, got "h"$/);
    expect(() => parseDigits([ok.slice(0, 64) + "x"])).toThrow(/^rows\[0\]\[64\]: expected a label 0-9/);
  });

  it("reads g as 16", () => {
    const d = parseDigits(["g" + "0".repeat(63) + "7"]);
    expect(d.images[0]).toBe(1);
    expect(d.labels[0]).toBe(7);
  });
});

describe("splitDigits", () => {
  const data = indexed(1797);
  const ids = (d: Digits) => Array.from({ length: d.count }, (_, i) => d.images[i * PIXELS]!);

  it("is 297 test and 1,500 training images, disjoint, covering every image once", () => {
    const { train, test } = splitDigits(data, 1);
    expect([test.count, train.count]).toEqual([297, 1500]);
    expect([...ids(test), ...ids(train)].sort((a, b) => a - b)).toEqual(ids(data));
    // Labels and targets travel with their image.
    for (let i = 0; i < train.count; i++) expect(train.labels[i]).toBe(ids(train)[i]! % 10);
  });

  it("gives the same split for the same seed and another for another seed", () => {
    expect(ids(splitDigits(data, 7).test)).toEqual(ids(splitDigits(data, 7).test));
    expect(ids(splitDigits(data, 7).test)).not.toEqual(ids(splitDigits(data, 8).test));
  });

  it("refuses a test size that leaves no training set", () => {
    expect(() => splitDigits(data, 1, 1797)).toThrow(/^testSize: expected an integer 1\.\.1796, got 1797$/);
    expect(() => selectDigits(data, [1797])).toThrow(/^indices\[0\]/);
  });
});
