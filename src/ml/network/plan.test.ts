import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../data/random';
import { buildCnn } from './build';
import { netText, parseNet } from './netText';
import { ACTIVATIONS, NOTEBOOK_NETWORK, type LayerConfig, type NetworkConfig } from './network';
import { MAX_PARAMS, planNetwork, planOf, summaryShape } from './plan';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A random network of the family: some convolution blocks, a Flatten, some dense layers. */
function randomNetwork(random: () => number): NetworkConfig {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const layers: LayerConfig[] = [];
  for (let i = int(0, 3); i > 0; i--) {
    const kind = pick(['conv2d', 'conv2d', 'maxPooling2d', 'batchNormalization', 'dropout'] as const);
    if (kind === 'conv2d') {
      layers.push({
        kind,
        filters: int(1, 24),
        kernel: int(1, 7),
        padding: pick(['valid', 'same'] as const),
        activation: pick(ACTIVATIONS),
      });
    } else if (kind === 'maxPooling2d') layers.push({ kind, size: pick([2, 3] as const) });
    else if (kind === 'dropout') layers.push({ kind, rate: int(0, 9) / 10 });
    else layers.push({ kind });
  }
  layers.push({ kind: 'flatten' });
  for (let i = int(0, 2); i > 0; i--) {
    layers.push(
      random() < 0.6
        ? { kind: 'dense', units: int(1, 64), activation: pick(ACTIVATIONS) }
        : pick([{ kind: 'batchNormalization' }, { kind: 'dropout', rate: 0.5 }] as const),
    );
  }
  return { layers };
}

describe('planNetwork', () => {
  it('plans the notebook’s network as model.summary() prints it', () => {
    const plan = planOf(NOTEBOOK_NETWORK);
    expect(plan.layers.map((layer) => `${layer.name} (${layer.className}) ${summaryShape(layer)} ${layer.params}`)).toEqual([
      'conv2d_1 (Conv2D) (None, 26, 26, 8) 80',
      'max_pooling2d_1 (MaxPooling2D) (None, 13, 13, 8) 0',
      'dropout_1 (Dropout) (None, 13, 13, 8) 0',
      'conv2d_2 (Conv2D) (None, 11, 11, 16) 1168',
      'max_pooling2d_2 (MaxPooling2D) (None, 5, 5, 16) 0',
      'dropout_2 (Dropout) (None, 5, 5, 16) 0',
      'flatten (Flatten) (None, 400) 0',
      'dense_1 (Dense) (None, 100) 40100',
      'dropout_3 (Dropout) (None, 100) 0',
      'dense_2 (Dense) (None, 10) 1010',
    ]);
    expect(plan.totalParams).toBe(42_358);
  });

  it('counts what tfjs builds, weight for weight, for three hundred random networks', () => {
    const random = mulberry32(2026);
    let planned = 0;
    for (let i = 0; i < 300; i++) {
      const network = randomNetwork(random);
      const result = planNetwork(network);
      if (!result.ok) continue;
      planned++;
      const model = buildCnn({ network, seed: 1 });
      try {
        expect(result.plan.totalParams, netText(network)).toBe(model.countParams());
        expect(result.plan.layers.map((layer) => layer.name)).toEqual(model.layers.map((layer) => layer.name));
        expect(result.plan.layers.map((layer) => [null, ...layer.outputShape])).toEqual(model.layers.map((layer) => layer.outputShape));
        expect(result.plan.layers.flatMap((layer) => layer.weights.map((weight) => [weight.name, weight.shape]))).toEqual(
          model.layers.flatMap((layer) => layer.weights.map((weight) => [weight.originalName, weight.shape])),
        );
      } finally {
        model.dispose();
      }
    }
    expect(planned).toBeGreaterThan(150);
  });

  it.each([
    ['c8k7-p3-c8k7-c8', 3, 'Layer 4 (Conv2D) has a 3×3 kernel on 1×1 maps, which leaves nothing'],
    ['p3-p3-p3-p3', 3, 'Layer 4 (MaxPooling2D) pools 3×3 windows of 1×1 maps'],
    ['f-c8', 1, 'Layer 2 (Conv2D) needs an image, but the data is already flat (784 values)'],
    ['f-p', 1, 'Layer 2 (MaxPooling2D) needs an image'],
    ['f-f', 1, 'Layer 2 (Flatten) has nothing to flatten'],
    ['c8-h10', 1, 'Layer 2 (Dense) needs flat data, but it gets 26×26×8 maps: add a Flatten before it'],
    ['c8', null, 'The output layer Dense(10, softmax) needs flat data'],
    ['', null, 'The output layer Dense(10, softmax) needs flat data, but it gets 28×28×1 maps'],
    ['f-h1024-h1024-h1024', null, 'this app trains at most 2,000,000'],
    ['c128s-c128s-c128s-f-h1', null, 'values per image; at most 300,000'],
  ])('refuses %s in a sentence', (text, row, message) => {
    const result = planNetwork(parseNet(text));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.refusal.row).toBe(row);
    expect(result.refusal.message).toContain(message);
  });

  it('keeps the cap on parameters under the model-file cap', () => {
    expect(MAX_PARAMS * 4).toBeLessThan(10 * 2 ** 20);
  });
});
