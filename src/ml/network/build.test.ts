import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCnn, compileCnn, summarizeModel, weightedLayers } from './build';
import { EXPECTED_LAYERS } from './modelFile';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('buildCnn', () => {
  it('is the notebook’s network with its parameter counts', () => {
    const model = buildCnn();
    const summary = summarizeModel(model);
    expect(summary.map((layer) => layer.kind)).toEqual(EXPECTED_LAYERS.map((layer) => layer.className));
    expect(summary.map((layer) => layer.outputShape)).toEqual([
      '[None,26,26,8]',
      '[None,13,13,8]',
      '[None,13,13,8]',
      '[None,11,11,16]',
      '[None,5,5,16]',
      '[None,5,5,16]',
      '[None,400]',
      '[None,100]',
      '[None,100]',
      '[None,10]',
    ]);
    expect(summary.filter((layer) => layer.params > 0).map((layer) => layer.params)).toEqual([80, 1168, 40100, 1010]);
    expect(model.countParams()).toBe(42358);
    expect(weightedLayers(model).map((layer) => layer.name)).toEqual(['conv2d_1', 'conv2d_2', 'dense_1', 'dense_2']);
    model.dispose();
  });

  it('starts from the same weights for the same seed, and different ones for another', () => {
    const kernels = (seed: number): Float32Array => {
      const model = buildCnn({ seed });
      const values = model.getWeights()[0]?.dataSync() as Float32Array;
      model.dispose();
      return values;
    };
    expect(kernels(7)).toEqual(kernels(7));
    expect(kernels(7)).not.toEqual(kernels(8));
  });

  it('compiles with Adam at 0.001 and sparse categorical cross-entropy', () => {
    const model = buildCnn();
    compileCnn(model);
    expect(model.optimizer.getClassName()).toBe('Adam');
    expect(model.optimizer.getConfig().learningRate).toBe(0.001);
    expect(model.loss).toBe('sparseCategoricalCrossentropy');
    model.dispose();
  });
});
