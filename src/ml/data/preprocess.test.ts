import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnistFromIdx } from '../../../scripts/lib/mnist-data';
import type { MnistData } from './data';
import { IMAGE_PIXELS, IMAGE_SIZE } from './mnist';
import { buildCnn, compileCnn } from '../network/build';
import { MASS_TARGET, boundingBox, centreOfMass, preprocess, resample, type GrayImage } from './preprocess';
import { ANY_SPAN, PLAIN_STEPS, quietHooks, useTrainingBackend } from '../training/testing';
import { trainEpochs } from '../training/train';

function canvas(size: number, paint: (x: number, y: number) => number): GrayImage {
  const data = new Float32Array(size * size);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) data[y * size + x] = paint(x, y);
  return { width: size, height: size, data };
}

const centre = (pixels: Float32Array) => centreOfMass(pixels, IMAGE_SIZE, IMAGE_SIZE);

describe('preprocess', () => {
  it('returns null for an empty drawing', () => {
    expect(preprocess(canvas(280, () => 0))).toBeNull();
  });

  it('scales a centred dot to 20 px and centres its mass', () => {
    const dot = canvas(280, (x, y) => ((x - 140) ** 2 + (y - 140) ** 2 <= 20 ** 2 ? 1 : 0));
    const result = preprocess(dot);
    expect(result?.box).toEqual({ left: 120, top: 120, right: 161, bottom: 161 });
    expect([result?.scaledWidth, result?.scaledHeight]).toEqual([20, 20]);
    const mass = centre(result?.pixels ?? new Float32Array(IMAGE_PIXELS));
    expect(Math.abs((mass?.x ?? 0) - MASS_TARGET)).toBeLessThanOrEqual(0.5);
    expect(Math.abs((mass?.y ?? 0) - MASS_TARGET)).toBeLessThanOrEqual(0.5);
    expect(Math.max(...(result?.pixels ?? []))).toBeLessThanOrEqual(1);
  });

  it('moves an off-centre stroke to the centre', () => {
    // A short horizontal bar in the top-left corner.
    const stroke = canvas(280, (x, y) => (x >= 10 && x < 70 && y >= 20 && y < 35 ? 1 : 0));
    const result = preprocess(stroke);
    expect(result?.box).toEqual({ left: 10, top: 20, right: 70, bottom: 35 });
    expect([result?.scaledWidth, result?.scaledHeight]).toEqual([20, 5]);
    const mass = centre(result?.pixels ?? new Float32Array());
    expect(Math.abs((mass?.x ?? 0) - MASS_TARGET)).toBeLessThanOrEqual(0.5);
    expect(Math.abs((mass?.y ?? 0) - MASS_TARGET)).toBeLessThanOrEqual(0.5);
  });

  it('keeps a tall thin "1" tall and thin: 20 px high, its width scaled by the same factor', () => {
    const one = canvas(280, (x, y) => (x >= 130 && x < 150 && y >= 40 && y < 240 ? 1 : 0));
    const result = preprocess(one);
    expect([result?.scaledWidth, result?.scaledHeight]).toEqual([2, 20]);
    const inked = Array.from(result?.pixels ?? []).filter((v) => v > 0.5).length;
    expect(inked).toBe(40);
    const rows = Array.from({ length: IMAGE_SIZE }, (_, y) =>
      result?.pixels.subarray(y * IMAGE_SIZE, (y + 1) * IMAGE_SIZE).some((v) => v > 0),
    );
    expect(rows.indexOf(true)).toBe(5);
    expect(rows.lastIndexOf(true)).toBe(24);
  });
});

describe('resample and boundingBox', () => {
  it('averages by area when shrinking', () => {
    const image = canvas(4, (x) => (x < 2 ? 1 : 0));
    expect(Array.from(resample(image, { left: 0, top: 0, right: 4, bottom: 4 }, 2, 2))).toEqual([1, 0, 1, 0]);
    expect(Array.from(resample(image, { left: 0, top: 0, right: 4, bottom: 4 }, 1, 1))).toEqual([0.5]);
  });

  it('ignores faint antialiasing when bounding the ink', () => {
    expect(boundingBox(canvas(10, (x, y) => (x === 3 && y === 4 ? 1 : 0.01)))).toEqual({ left: 3, top: 4, right: 4, bottom: 5 });
  });
});

describe('an MNIST digit drawn ten times larger', () => {
  let data: MnistData;
  beforeAll(async () => {
    data = await loadMnistFromIdx();
  });

  function upscaled(index: number): { original: Float32Array; drawn: GrayImage } {
    const original = Float32Array.from(data.test.images.subarray(index * IMAGE_PIXELS, (index + 1) * IMAGE_PIXELS), (v) => v / 255);
    const drawn = canvas(280, (x, y) => original[Math.floor(y / 10) * IMAGE_SIZE + Math.floor(x / 10)] ?? 0);
    return { original, drawn };
  }

  it('comes back as the original: MNIST digits are where this recipe puts them', () => {
    for (let index = 0; index < 200; index++) {
      const { original, drawn } = upscaled(index);
      const result = preprocess(drawn);
      const difference = (result?.pixels ?? new Float32Array(IMAGE_PIXELS)).reduce(
        (sum, v, i) => sum + Math.abs(v - (original[i] ?? 0)),
        0,
      );
      expect(difference / IMAGE_PIXELS).toBeLessThan(0.001);
    }
  });

  it('gets the same prediction as the original from a briefly trained model', async () => {
    await useTrainingBackend();
    const model = buildCnn({ seed: 2 });
    compileCnn(model);
    await trainEpochs(
      model,
      model.optimizer,
      data,
      { epochs: 1, batchSize: 32, trainSize: 3000, testSize: 100, seed: 2, optimizer: 'adam', learningRate: 0.001, ...PLAIN_STEPS },
      1,
      ANY_SPAN,
      quietHooks(),
    );
    const indices = Array.from({ length: 20 }, (_, i) => i);
    const predict = (images: Float32Array[]): number[] =>
      tf.tidy(() =>
        Array.from(
          tf
            .argMax(
              model.predict(
                tf.tensor4d(Float32Array.from(images.flatMap((image) => Array.from(image))), [images.length, 28, 28, 1]),
              ) as tf.Tensor2D,
              1,
            )
            .dataSync(),
        ),
      );
    const originals = indices.map((index) => upscaled(index).original);
    const redrawn = indices.map((index) => preprocess(upscaled(index).drawn)?.pixels ?? new Float32Array(IMAGE_PIXELS));
    const agree = predict(originals).filter((p, i) => p === predict(redrawn)[i]).length;
    expect(agree).toBeGreaterThanOrEqual(19);
    model.dispose();
  });
});
