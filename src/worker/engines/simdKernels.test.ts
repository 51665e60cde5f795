/**
 * The app's SIMD kernels (assembly/kernels.ts, built by `npm run data`) on tfjs' wasm
 * memory, against tfjs' CPU backend on this network's shapes and the cases they hand on.
 */
import * as tf from '@tensorflow/tfjs';
import { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installTrainingKernels } from '../../ml/kernels';
import {
  EDITED_NETWORKS,
  networkGradients,
  poolingCase,
  randomInput as random,
  relativeDifference,
  runKernelOn,
  type KernelInput,
} from '../../ml/kernels/kernelTesting';
import { wasmThreadsDir } from '../../../scripts/lib/paths';
import { parseNet } from '../../ml/network/netText';
import type { SimdKernels } from '../../ml/kernels/simd';
import { instantiateSimdKernels, simdKernelsFile, wasmMemoryOf } from './simdKernels';

/** How many times each SIMD kernel ran, so a test knows which path a kernel took. */
const calls = new Map<keyof SimdKernels, number>();

function counted(simd: SimdKernels): SimdKernels {
  const count =
    <A extends number[]>(name: keyof SimdKernels, kernel: (...args: A) => void) =>
    (...args: A): void => {
      calls.set(name, (calls.get(name) ?? 0) + 1);
      kernel(...args);
    };
  return {
    maxPoolGrad2x2: count('maxPoolGrad2x2', simd.maxPoolGrad2x2),
    addBias: count('addBias', simd.addBias),
    mulChannels: count('mulChannels', simd.mulChannels),
    subChannels: count('subChannels', simd.subChannels),
    sumRows: count('sumRows', simd.sumRows),
    filterGrad3x3In1: count('filterGrad3x3In1', simd.filterGrad3x3In1),
    filterGradAny: count('filterGradAny', simd.filterGradAny),
    tanh: count('tanh', simd.tanh),
    seedDropout: count('seedDropout', simd.seedDropout),
    dropoutMultiplier: count('dropoutMultiplier', simd.dropoutMultiplier),
  };
}

const total = (): number => [...calls.values()].reduce((a, b) => a + b, 0);

/**
 * Runs a kernel on both backends: the wasm result must have the CPU's shape and values within
 * 1e-5 of its largest, and must come from the SIMD kernel `via` (null: from the kernel it hands on to).
 */
async function expectSame(
  name: string,
  via: keyof SimdKernels | null,
  inputs: Record<string, KernelInput>,
  attrs: object = {},
): Promise<void> {
  const expected = await runKernelOn('cpu', name, inputs, attrs);
  const [before, all] = [via ? (calls.get(via) ?? 0) : 0, total()];
  const actual = await runKernelOn('wasm', name, inputs, attrs);
  if (via) expect(calls.get(via)).toBe(before + 1);
  else expect(total()).toBe(all);
  expect(actual.shape).toEqual(expected.shape);
  expect(relativeDifference(actual.values, expected.values)).toBeLessThan(1e-5);
}

beforeAll(async () => {
  await tf.setBackend('wasm');
  const backend = tf.backend();
  if (!(backend instanceof BackendWasm)) throw new Error('the wasm backend did not start');
  const memory = wasmMemoryOf(backend);
  const binary = await readFile(join(wasmThreadsDir, simdKernelsFile(memory)));
  installTrainingKernels('wasm', counted(await instantiateSimdKernels(await WebAssembly.compile(binary), memory)));
});

const conv = { strides: 1, pad: 'valid', dataFormat: 'NHWC', dilations: 1 };

describe('the SIMD kernels match the CPU backend', () => {
  it('Add: a bias along the last axis, either side, and the cases handed on', async () => {
    await expectSame('Add', 'addBias', { a: random([4, 26, 26, 8], 1), b: random([8], 2) });
    await expectSame('Add', 'addBias', { a: random([16], 3), b: random([4, 11, 11, 16], 4) });
    await expectSame('Add', 'addBias', { a: random([32, 100], 5), b: random([100], 6) });
    await expectSame('Add', null, { a: random([4, 6], 7), b: random([4, 6], 8) });
    await expectSame('Add', null, { a: random([4, 6], 9), b: random([6], 10) });
  });

  it('Multiply and Sub by one value per channel, [c] or [1, 1, 1, c], and the cases handed on', async () => {
    await expectSame('Multiply', 'mulChannels', { a: random([4, 26, 26, 16], 40), b: random([16], 41) });
    await expectSame('Multiply', 'mulChannels', { a: random([1, 1, 1, 32], 42), b: random([4, 11, 11, 32], 43) });
    await expectSame('Multiply', 'mulChannels', { a: random([8], 44), b: random([8], 45) });
    await expectSame('Multiply', null, { a: random([4, 6, 6, 8], 46), b: random([4, 6, 6, 8], 47) });
    await expectSame('Multiply', null, { a: random([4, 6, 6, 8], 48), b: random([1, 6, 1, 8], 49) });
    await expectSame('Sub', 'subChannels', { a: random([4, 26, 26, 16], 50), b: random([1, 1, 1, 16], 51) });
    await expectSame('Sub', 'subChannels', { a: random([4, 26, 26, 16], 52), b: random([16], 53) });
    // v − x is not x − v: handed on.
    await expectSame('Sub', null, { a: random([16], 54), b: random([4, 26, 26, 16], 55) });
    await expectSame('Add', 'addBias', { a: random([4, 11, 11, 32], 56), b: random([1, 1, 1, 32], 57) });
  });

  it('Sum over every axis but the last, with and without keepDims, and the cases handed on', async () => {
    await expectSame('Sum', 'sumRows', { x: random([128, 26, 26, 8], 11) }, { axis: [0, 1, 2], keepDims: false });
    await expectSame('Sum', 'sumRows', { x: random([4, 11, 11, 16], 12) }, { axis: [2, 0, -3], keepDims: true });
    await expectSame('Sum', 'sumRows', { x: random([128, 100], 13) }, { axis: 0, keepDims: false });
    await expectSame('Sum', null, { x: random([4, 11, 11, 16], 14) }, { axis: [1, 2], keepDims: false });
    await expectSame('Sum', null, { x: random([4, 6], 15) }, { axis: [0], keepDims: false });
  });

  it('MaxPoolGrad routes as the CPU does, through ties, zeros, negatives, −∞ and NaN, on both pools', async () => {
    const special = [
      (v: number, i: number) => (i % 3 ? -Infinity : Number.NaN),
      (v: number) => v,
      (v: number, i: number) => (i % 2 ? Number.NaN : v),
    ];
    for (const shape of [
      [6, 26, 26, 8],
      [6, 11, 11, 16],
    ] as const) {
      const { input, output } = await poolingCase([...shape], 16, special);
      await expectSame(
        'MaxPoolGrad',
        'maxPoolGrad2x2',
        { dy: random(output.shape, 17), input, output },
        { filterSize: 2, strides: 2, pad: 'valid' },
      );
    }
  });

  it('MaxPoolGrad routes past NaN inside a window of finite values, as the CPU does', async () => {
    // One 2×2 window, four channels: NaN first, NaN second, NaN third; and nothing but −∞ and NaN.
    const cells = [
      [Number.NaN, 1, 2, -Infinity],
      [1, Number.NaN, 2, Number.NaN],
      [5, 2, Number.NaN, -Infinity],
      [0, 3, 2, Number.NaN],
    ];
    const input = { values: Float32Array.from(cells.flat()), shape: [1, 2, 2, 4] };
    const output = { values: Float32Array.from([5, 3, 2, 0]), shape: [1, 1, 1, 4] };
    const dy = { values: Float32Array.from([10, 20, 30, 40]), shape: [1, 1, 1, 4] };
    await expectSame('MaxPoolGrad', 'maxPoolGrad2x2', { dy, input, output }, { filterSize: 2, strides: 2, pad: 'valid' });
    const routed = await runKernelOn('wasm', 'MaxPoolGrad', { dy, input, output }, { filterSize: 2, strides: 2, pad: 'valid' });
    expect(Array.from(routed.values)).toEqual([0, 0, 30, 0, 0, 0, 0, 0, 10, 0, 0, 0, 0, 20, 0, 0]);
  });

  it('Conv2DBackpropFilter for both of the notebook’s layers, and a wider first one', async () => {
    await expectSame(
      'Conv2DBackpropFilter',
      'filterGrad3x3In1',
      { x: random([16, 28, 28, 1], 18), dy: random([16, 26, 26, 8], 19) },
      { ...conv, filterShape: [3, 3, 1, 8] },
    );
    await expectSame(
      'Conv2DBackpropFilter',
      'filterGrad3x3In1',
      { x: random([4, 28, 28, 1], 27), dy: random([4, 26, 26, 24], 28) },
      { ...conv, filterShape: [3, 3, 1, 24] },
    );
    await expectSame(
      'Conv2DBackpropFilter',
      'filterGradAny',
      { x: random([16, 13, 13, 8], 20), dy: random([16, 11, 11, 16], 21) },
      { ...conv, filterShape: [3, 3, 8, 16] },
    );
  });

  it.each([
    // [what, x's shape, kernel, padding, out channels]
    ['odd channels in', [2, 9, 9, 3], 3, 'valid', 16],
    ['one in, four out', [2, 9, 9, 1], 3, 'valid', 4],
    ['16 → 32, as after batch normalisation', [3, 13, 13, 16], 3, 'valid', 32],
    ['5×5, 6 → 16 (LeNet’s second)', [2, 14, 14, 6], 5, 'valid', 16],
    ['same padding, 5×5, blocks of 16 and a remainder of 4', [2, 10, 10, 2], 5, 'same', 20],
    ['same padding, 3×3, one in', [2, 12, 12, 1], 3, 'same', 8],
    ['same padding, 4×4 (the odd zero at the bottom and right)', [2, 7, 9, 5], 4, 'same', 12],
    ['7×7 on a 7×7 image, same padding', [2, 7, 7, 4], 7, 'same', 4],
    ['1×1', [3, 6, 6, 7], 1, 'valid', 8],
    ['same padding, 5×5, 1 → 6 (LeNet’s first): out channels past the lane groups', [2, 12, 12, 1], 5, 'same', 6],
    ['3 → 19: every kind of block', [2, 8, 8, 3], 3, 'valid', 19],
  ] as const)('Conv2DBackpropFilter in general: %s', async (_, shape, kernel, pad, outChannels) => {
    const [batch, height, width, inChannels] = shape;
    const [outHeight, outWidth] = pad === 'same' ? [height, width] : [height - kernel + 1, width - kernel + 1];
    await expectSame(
      'Conv2DBackpropFilter',
      'filterGradAny',
      { x: random([...shape], kernel + outChannels), dy: random([batch, outHeight, outWidth, outChannels], height) },
      { ...conv, pad, filterShape: [kernel, kernel, inChannels, outChannels] },
    );
  });

  it('Conv2DBackpropFilter hands on kernels that are not square', async () => {
    await expectSame(
      'Conv2DBackpropFilter',
      null,
      { x: random([2, 9, 9, 4], 31), dy: random([2, 7, 5, 8], 32) },
      { ...conv, filterShape: [3, 5, 4, 8] },
    );
  });

  it('Mean over every axis but the last, as batch normalisation takes it, and the cases handed on', async () => {
    await expectSame('Mean', 'sumRows', { x: random([128, 26, 26, 16], 33) }, { axis: [0, 1, 2], keepDims: false });
    await expectSame('Mean', 'sumRows', { x: random([4, 11, 11, 32], 34) }, { axis: [0, 1, 2], keepDims: true });
    await expectSame('Mean', null, { x: random([4, 11, 11, 6], 35) }, { axis: [0, 1, 2], keepDims: false });
    await expectSame('Mean', null, { x: random([4, 11, 11, 8], 36) }, { axis: [1, 2], keepDims: false });
  });
});

describe('tanh on wasm', () => {
  it('matches the CPU over every range of the method, at any count, and keeps −0, ±∞ and NaN', async () => {
    // Near zero (the polynomial), either side of 0.625, far out, and past 9 where it is ±1.
    const ranges = [1e-6, 0.3, 0.62, 0.63, 2, 8.9, 9.5, 40];
    for (const count of [1, 3, 4, 7, 4097]) {
      const values = Float32Array.from({ length: count }, (_, i) => {
        const scale = ranges[i % ranges.length] ?? 1;
        return (i % 2 ? -1 : 1) * scale * (0.5 + ((i * 0.618) % 1));
      });
      await expectSame('Tanh', 'tanh', { x: { values, shape: [count] } });
      // Relative to each value, not only to the largest: small ones are as right as large ones.
      const out = await runKernelOn('wasm', 'Tanh', { x: { values, shape: [count] } }, {});
      out.values.forEach((value, i) => {
        const expected = Math.tanh(values[i] ?? 0);
        expect(Math.abs(value - expected)).toBeLessThanOrEqual(Math.abs(expected) * 3e-7 + 1e-30);
      });
    }
    const special = Float32Array.from([-0, 0, Infinity, -Infinity, Number.NaN]);
    const out = await runKernelOn('wasm', 'Tanh', { x: { values: special, shape: [5] } }, {});
    expect(Object.is(out.values[0], -0)).toBe(true);
    expect(Array.from(out.values.slice(1))).toEqual([0, 1, -1, Number.NaN]);
  });
});

describe('Identity on wasm', () => {
  it('shares the memory of its input, which outlives the input', async () => {
    await tf.setBackend('wasm');
    const backend = tf.backend();
    if (!(backend instanceof BackendWasm)) throw new Error('not on wasm');
    const x = tf.tensor([1, 2, 3, 4]);
    const before = tf.memory().numBytes;
    const y = tf.engine().runKernel<tf.Tensor>('Identity', { x }, {});
    expect(backend.getMemoryOffset(y.dataId)).toBe(backend.getMemoryOffset(x.dataId));
    expect(tf.memory().numBytes - before).toBe(16);
    x.dispose();
    expect(Array.from(await y.data())).toEqual([1, 2, 3, 4]);
    y.dispose();
  });
});

describe('Cast on wasm', () => {
  it('to the same dtype shares the memory; to another converts', async () => {
    await tf.setBackend('wasm');
    const backend = tf.backend();
    if (!(backend instanceof BackendWasm)) throw new Error('not on wasm');
    const x = tf.tensor([1.5, -2, 0]);
    const same = tf.cast(x, 'float32');
    const other = tf.cast(x, 'int32');
    expect(backend.getMemoryOffset(same.dataId)).toBe(backend.getMemoryOffset(x.dataId));
    expect(Array.from(await other.data())).toEqual([1, -2, 0]);
    tf.dispose([x, same, other]);
  });
});

describe('dropout on wasm draws its multiplier in SIMD', () => {
  it('keeps each value with the right probability, scaled by 1 / keep, and differs from call to call', async () => {
    await tf.setBackend('wasm');
    const ones = tf.ones([128, 13, 13, 8]);
    const profile = await tf.profile(() => tf.dropout(ones, 0.2));
    expect(profile.kernelNames).toEqual(['DropoutMultiplier', 'Multiply']);
    tf.dispose(profile.result);
    const before = tf.memory().numTensors;
    const [first, second] = [tf.dropout(ones, 0.2), tf.dropout(ones, 0.2)];
    expect(tf.memory().numTensors - before).toBe(2);
    const [a, b] = [await first.data(), await second.data()];
    expect(new Set(a)).toEqual(new Set([0, 1.25]));
    // 173,056 draws: the kept share is within 0.5 points of 80 % (over 15 standard deviations).
    const kept = a.filter((v) => v > 0).length / a.length;
    expect(Math.abs(kept - 0.8)).toBeLessThan(0.005);
    expect(a.some((v, i) => v !== b[i])).toBe(true);
    // Neighbours are independent: as many kept pairs as chance says.
    let pairs = 0;
    for (let i = 1; i < a.length; i++) if ((a[i] ?? 0) > 0 && (a[i - 1] ?? 0) > 0) pairs++;
    expect(Math.abs(pairs / (a.length - 1) - 0.64)).toBeLessThan(0.01);
    // A count that is not a multiple of four is filled to its end, and nothing past it.
    const seven = tf.ones([7]);
    const odd = tf.dropout(seven, 0.5);
    expect(Array.from(await odd.data()).every((v) => v === 0 || v === 2)).toBe(true);
    tf.dispose([ones, first, second, seven, odd]);
  });

  it('passes the gradient through the kept units only', async () => {
    await tf.setBackend('wasm');
    const x = tf.variable(tf.randomNormal([64, 100]));
    const { value, grads } = tf.variableGrads(() => tf.dropout(x, 0.5).sum(), [x]);
    const gradient = await (grads[x.name] ?? tf.scalar(NaN)).data();
    expect(new Set(gradient)).toEqual(new Set([0, 2]));
    tf.dispose([x, value, ...Object.values(grads)]);
  });
});

describe('one training step on wasm with the SIMD kernels', () => {
  it('gives the CPU backend’s gradients for every weight of the network', async () => {
    const expected = await networkGradients('cpu', 22);
    const actual = await networkGradients('wasm', 22);
    expect(actual).toHaveLength(8);
    actual.forEach((values, i) => {
      expect(relativeDifference(values, expected[i] ?? new Float32Array())).toBeLessThan(1e-4);
    });
  });
});

describe('training other networks on wasm with the SIMD kernels', () => {
  it.each(EDITED_NETWORKS)('gives the CPU backend’s gradients for every weight of %s', async (text) => {
    const options = { network: parseNet(text), training: true, batch: 8 };
    const expected = await networkGradients('cpu', 23, options);
    const actual = await networkGradients('wasm', 23, options);
    expect(actual).toHaveLength(expected.length);
    actual.forEach((values, i) => {
      expect(relativeDifference(values, expected[i] ?? new Float32Array())).toBeLessThan(1e-4);
    });
  });
});
