import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnistFromIdx } from '../../../scripts/lib/mnist-data';
import { IDENTITY, augmentBatch, transformFor, warpImage, type AugmentConfig } from './augment';
import { imageAt, type MnistData } from './data';
import { IMAGE_PIXELS } from './mnist';
import { splitExamples } from './trainingSet';

let data: MnistData;
beforeAll(async () => {
  data = await loadMnistFromIdx();
});

const IMPROVED: AugmentConfig = { rotation: 10, zoom: 10, shift: 2 };
const mass = (pixels: Uint8Array): number => pixels.reduce((sum, value) => sum + value, 0);

function augmented(config: AugmentConfig, seed: number, epoch: number, count = 64): Uint8Array {
  const order = Uint32Array.from({ length: count }, (_, i) => i * 7);
  const batch = new Uint8Array(count * IMAGE_PIXELS);
  augmentBatch(splitExamples(data.train), order, 0, count, batch, config, seed, epoch);
  return batch;
}

describe('augmentation', () => {
  it('the identity transform gives back the exact bytes', () => {
    for (const index of [0, 5, 59_999]) {
      const target = new Uint8Array(IMAGE_PIXELS);
      warpImage(imageAt(data.train, index), IDENTITY, target);
      expect(target).toEqual(Uint8Array.from(imageAt(data.train, index)));
    }
    // A range of zero draws the identity, whatever the seed.
    expect(augmented({ rotation: 0, zoom: 0, shift: 0 }, 3, 1, 8)).toEqual(
      Uint8Array.from(Array.from({ length: 8 }, (_, i) => Array.from(imageAt(data.train, i * 7))).flat()),
    );
  });

  it('a shift by whole pixels moves every pixel, and a half turn about the centre flips the image both ways', () => {
    const source = imageAt(data.train, 5);
    const moved = new Uint8Array(IMAGE_PIXELS);
    warpImage(source, { angle: 0, scale: 1, dx: 2, dy: -1 }, moved);
    expect(moved[10 * 28 + 12]).toBe(source[11 * 28 + 10]);
    const turned = new Uint8Array(IMAGE_PIXELS);
    warpImage(source, { angle: Math.PI, scale: 1, dx: 0, dy: 0 }, turned);
    for (const [x, y] of [
      [8, 9],
      [14, 14],
      [20, 3],
    ] as const)
      expect(turned[y * 28 + x]).toBe(source[(27 - y) * 28 + (27 - x)]);
  });

  it('keeps the image size and each digit’s mass within what ±10 % of scale allows', () => {
    const batch = augmented(IMPROVED, 42, 1, 200);
    expect(batch).toHaveLength(200 * IMAGE_PIXELS);
    for (let i = 0; i < 200; i++) {
      const before = mass(imageAt(data.train, i * 7));
      const after = mass(batch.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS));
      // Area scales by 0.81–1.21; bilinear sampling blurs a little but keeps the mass.
      expect(after / before).toBeGreaterThan(0.75);
      expect(after / before).toBeLessThan(1.3);
    }
  });

  it('draws within the ranges, the same for the same seed and epoch, and differently for another', () => {
    for (let index = 0; index < 500; index++) {
      const t = transformFor(IMPROVED, 42, 1, index);
      expect(Math.abs(t.angle)).toBeLessThanOrEqual((10 * Math.PI) / 180);
      expect(Math.abs(t.scale - 1)).toBeLessThanOrEqual(0.1);
      expect(Math.abs(t.dx)).toBeLessThanOrEqual(2);
      expect(Math.abs(t.dy)).toBeLessThanOrEqual(2);
    }
    const once = augmented(IMPROVED, 42, 1);
    expect(augmented(IMPROVED, 42, 1)).toEqual(once);
    expect(augmented(IMPROVED, 43, 1)).not.toEqual(once);
    expect(augmented(IMPROVED, 42, 2)).not.toEqual(once);
  });
});
