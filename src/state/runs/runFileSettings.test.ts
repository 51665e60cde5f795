import { describe, expect, it } from 'vitest';
import { parseNet } from '../../ml/network/netText';
import { PRESETS } from '../presets';
import { NOTEBOOK_RECIPE } from '../settings';
import { RunFileError } from './runFileFields';
import { readSettings } from './runFileSettings';

describe('a run file’s settings', () => {
  it('read back as they were written', () => {
    expect(readSettings(JSON.parse(JSON.stringify(PRESETS.improved)))).toEqual(PRESETS.improved);
    const mine = { ...NOTEBOOK_RECIPE, myDigits: true, myRepeat: 100, myHoldOut: 0 };
    expect(readSettings(mine)).toEqual(mine);
  });

  it('that a file predates are the recipe every run of its time trained with: MNIST alone, among others', () => {
    const version1 = { epochs: 5, batchSize: 128, learningRate: 0.001, optimizer: 'adam', trainSize: 60000, testSize: 10000, seed: 42 };
    expect(readSettings(version1)).toEqual(NOTEBOOK_RECIPE);
    expect(readSettings(version1)).toMatchObject({ myDigits: false, myRepeat: 1, myHoldOut: 0.2 });
  });

  it.each([
    ['no settings at all', 'notes', 'it has no settings'],
    ['my digits trained on that is not a boolean', { myDigits: 1 }, 'its myDigits is not true or false'],
    ['my digits trained on as the form writes it', { myDigits: '1' }, 'its myDigits is not true or false'],
    ['my digits repeated 0 times', { myRepeat: 0 }, 'its myRepeat is not a whole number from 1 to 100'],
    ['my digits repeated 2.5 times', { myRepeat: 2.5 }, 'its myRepeat is not a whole number from 1 to 100'],
    ['my digits repeated 101 times', { myRepeat: 101 }, 'its myRepeat is not a whole number from 1 to 100'],
    ['all my digits held out', { myHoldOut: 1 }, 'its myHoldOut is not a share from 0 to 0.9'],
    ['a negative share held out', { myHoldOut: -0.1 }, 'its myHoldOut is not a share from 0 to 0.9'],
    ['a network outside the family', { network: { layers: [{ kind: 'lstm' }] } }, 'its network is not one this app trains'],
    [
      'a network that cannot be trained',
      { network: parseNet('c8') },
      'its network cannot be trained: The output layer Dense(10, softmax) needs flat data',
    ],
    ['an optimizer nobody knows', { optimizer: 'adagrad' }, 'its optimizer is not one this app knows'],
    ['a learning rate that is not a number', { learningRate: 'fast' }, 'its learningRate is not a learning rate'],
    ['a negative learning rate', { learningRate: -1 }, 'its learningRate is not'],
    ['a schedule nobody knows', { schedule: 'cosine' }, 'its schedule is not a learning-rate schedule this app knows'],
    ['a negative rotation', { rotation: -5 }, 'its rotation is not'],
    ['a rotation of 1,000°', { rotation: 1000 }, 'its rotation is not'],
    ['a decay of 0', { lrDecay: 0 }, 'its lrDecay is not a factor'],
    ['a batch size of 0', { batchSize: 0 }, 'its batchSize is not a whole number from 1 to 4096'],
    ['half a training image', { trainSize: 10.5 }, 'its trainSize is not a whole number'],
  ])('refuse %s, saying why', (_, change, message) => {
    const settings = typeof change === 'string' ? change : { ...NOTEBOOK_RECIPE, ...change };
    expect(() => readSettings(settings)).toThrow(RunFileError);
    expect(() => readSettings(settings)).toThrow(message);
  });
});
