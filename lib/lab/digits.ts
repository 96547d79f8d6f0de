import { createRng } from "../engine";
import { LabError } from "./errors";

/**
 * The 8×8 digits as flat float64 buffers the engine's batches read directly
 * (lib/lab/dataset/README.md says where they come from and how they are encoded).
 */

export const PIXELS = 64;
export const CLASSES = 10;
/** Pixel values run 0..16; dividing by 16 puts inputs in [0, 1], as MNIST's are in Nielsen's book. */
export const PIXEL_MAX = 16;
/** 1,797 − 297 leaves 1,500 training images, enough for the first 1,000 that the speeds average over. */
export const DEFAULT_TEST_SIZE = 297;

export interface Digits {
  /** Number of images. */
  readonly count: number;
  /** count × 64, row-major, each pixel / 16 in [0, 1]. */
  readonly images: Float64Array;
  /** count × 10, one-hot targets for the softmax cross-entropy loss. */
  readonly targets: Float64Array;
  /** count labels, 0..9. */
  readonly labels: Uint8Array;
}

export interface DigitsSplit {
  readonly train: Digits;
  readonly test: Digits;
}

/** Parses the rows of digits.json: 64 base-17 digits (0-9, a-g) then the label. */
export function parseDigits(rows: readonly string[]): Digits {
  const count = rows.length;
  const images = new Float64Array(count * PIXELS);
  const targets = new Float64Array(count * CLASSES);
  const labels = new Uint8Array(count);
  rows.forEach((row, i) => {
    if (row.length !== PIXELS + 1) throw new LabError(`rows[${i}]`, `expected ${PIXELS + 1} characters, got ${row.length}`);
    for (let p = 0; p < PIXELS; p++) {
      const v = parseInt(row[p] as string, 17);
      if (!(v >= 0 && v <= PIXEL_MAX)) throw new LabError(`rows[${i}][${p}]`, `expected a pixel 0-9 or a-g, got ${JSON.stringify(row[p])}`);
      images[i * PIXELS + p] = v / PIXEL_MAX;
    }
    const label = row.charCodeAt(PIXELS) - 48;
    if (!(label >= 0 && label <= 9)) throw new LabError(`rows[${i}][${PIXELS}]`, `expected a label 0-9, got ${JSON.stringify(row[PIXELS])}`);
    labels[i] = label;
    targets[i * CLASSES + label] = 1;
  });
  return { count, images, targets, labels };
}

/** The images at `indices`, in that order (copies). */
export function selectDigits(data: Digits, indices: readonly number[]): Digits {
  const count = indices.length;
  const images = new Float64Array(count * PIXELS);
  const targets = new Float64Array(count * CLASSES);
  const labels = new Uint8Array(count);
  indices.forEach((src, i) => {
    if (!(Number.isInteger(src) && src >= 0 && src < data.count)) throw new LabError(`indices[${i}]`, `expected 0..${data.count - 1}, got ${src}`);
    images.set(data.images.subarray(src * PIXELS, (src + 1) * PIXELS), i * PIXELS);
    targets.set(data.targets.subarray(src * CLASSES, (src + 1) * CLASSES), i * CLASSES);
    labels[i] = data.labels[src] as number;
  });
  return { count, images, targets, labels };
}

/**
 * A seeded train/test split: the indices 0..n−1 shuffled by xoshiro128** from
 * `seed`; the first `testSize` go to the test set, the rest, in shuffled
 * order, to training. Same seed, same split, on every platform.
 */
export function splitDigits(data: Digits, seed: number, testSize = DEFAULT_TEST_SIZE): DigitsSplit {
  if (!(Number.isInteger(testSize) && testSize >= 1 && testSize < data.count)) {
    throw new LabError("testSize", `expected an integer 1..${data.count - 1}, got ${testSize}`);
  }
  const order = createRng(seed).shuffle(Array.from({ length: data.count }, (_, i) => i));
  return { test: selectDigits(data, order.slice(0, testSize)), train: selectDigits(data, order.slice(testSize)) };
}
