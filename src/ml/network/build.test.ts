import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCnn, compileCnn, weightedLayers } from './build';
import { parseNet } from './netText';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('buildCnn', () => {
  it('is the notebook’s network with its parameter counts', () => {
    const model = buildCnn();
    const summary = model.layers.map((layer) => ({
      kind: layer.getClassName(),
      outputShape: JSON.stringify(layer.outputShape).replace(/null/g, 'None'),
      params: layer.countParams(),
    }));
    expect(summary.map((layer) => layer.kind)).toEqual([
      'Conv2D',
      'MaxPooling2D',
      'Dropout',
      'Conv2D',
      'MaxPooling2D',
      'Dropout',
      'Flatten',
      'Dense',
      'Dropout',
      'Dense',
    ]);
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

  it('keeps batch normalisation’s moving averages from training and uses them to predict', async () => {
    const model = buildCnn({ network: parseNet('c4-b-f'), seed: 3 });
    compileCnn(model, { optimizer: 'sgd', learningRate: 0.01 });
    const layer = model.getLayer('batch_normalization_1');
    const movingMean = (): Float32Array => layer.getWeights()[2]?.dataSync() as Float32Array;
    const before = Float32Array.from(movingMean());
    expect([...before].every((value) => value === 0)).toBe(true);
    const x = tf.randomUniform([16, 28, 28, 1], 0, 1, 'float32', 4);
    const y = tf.tensor1d(
      Array.from({ length: 16 }, (_, i) => i % 10),
      'float32',
    );
    await model.fit(x, y, { epochs: 1, batchSize: 16 });
    const after = movingMean();
    expect([...after].some((value, i) => value !== before[i])).toBe(true);
    // In inference the layer normalises with the moving averages, not the batch's own: one image alone gives the same answer as in a batch.
    const alone = tf.tidy(() => (model.predict(x.slice([0], [1])) as tf.Tensor).dataSync());
    const inBatch = tf.tidy(() => (model.predict(x) as tf.Tensor).slice([0], [1]).dataSync());
    expect([...alone].map((v) => v.toFixed(5))).toEqual([...inBatch].map((v) => v.toFixed(5)));
    tf.dispose([x, y]);
    model.optimizer.dispose();
    model.dispose();
  });
});
