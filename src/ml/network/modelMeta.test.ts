import { describe, expect, it } from 'vitest';
import { parseNet } from './netText';
import { NOTEBOOK_NETWORK } from './network';
import { NOTEBOOK_OPTIMIZER } from '../training/optimizers';
import { defaultName, readModelMeta, sortByDate, type ModelMeta } from './modelMeta';

describe('model metadata', () => {
  const meta = (id: string, savedAt: string): ModelMeta => ({
    id,
    name: id,
    savedAt,
    epochs: 5,
    testAccuracy: 0.98,
    backend: 'wasm',
    seed: 42,
    trainingSeconds: 47,
    network: NOTEBOOK_NETWORK,
    optimizer: { optimizer: 'sgd', learningRate: 0.01 },
    myHoldOut: 0.2,
  });

  it('recognises complete entries only, and reads one saved before networks could be edited as the notebook’s', () => {
    expect(readModelMeta(meta('a', '2026-11-24T10:00:00Z'))).toEqual(meta('a', '2026-11-24T10:00:00Z'));
    expect(readModelMeta({ ...meta('a', 'x'), epochs: '5' })).toBeNull();
    expect(readModelMeta({ ...meta('a', 'x'), testAccuracy: null })).not.toBeNull();
    const older: Record<string, unknown> = { ...meta('a', 'x') };
    delete older.network;
    expect(readModelMeta(older)?.network).toEqual(NOTEBOOK_NETWORK);
    const other = parseNet('f-h32');
    expect(readModelMeta({ ...meta('a', 'x'), network: other })?.network).toEqual(other);
    expect(readModelMeta({ ...meta('a', 'x'), network: { layers: [{ kind: 'lstm' }] } })).toBeNull();
  });

  it('keeps the share of my digits held out while the weights trained with them; one saved before, or malformed, reads as none', () => {
    expect(readModelMeta(meta('a', 'x'))?.myHoldOut).toBe(0.2);
    const older: Record<string, unknown> = { ...meta('a', 'x') };
    delete older.myHoldOut;
    expect(readModelMeta(older)?.myHoldOut).toBeNull();
    for (const myHoldOut of ['0.2', -1, 2, Number.NaN]) expect(readModelMeta({ ...meta('a', 'x'), myHoldOut })?.myHoldOut).toBeNull();
  });

  it('keeps the optimiser that trained the weights, and reads one saved before it was recorded, or a malformed one, as the notebook’s', () => {
    expect(readModelMeta(meta('a', 'x'))?.optimizer).toEqual({ optimizer: 'sgd', learningRate: 0.01 });
    const older: Record<string, unknown> = { ...meta('a', 'x') };
    delete older.optimizer;
    expect(readModelMeta(older)?.optimizer).toEqual(NOTEBOOK_OPTIMIZER);
    for (const optimizer of [
      { optimizer: 'nadam', learningRate: 0.01 },
      { optimizer: 'sgd', learningRate: 0 },
      { optimizer: 'sgd', learningRate: Number.POSITIVE_INFINITY },
      { optimizer: 'sgd', learningRate: '0.01' },
      'sgd',
      null,
    ]) {
      expect(readModelMeta({ ...meta('a', 'x'), optimizer })?.optimizer).toEqual(NOTEBOOK_OPTIMIZER);
    }
  });

  it('lists newest first and names models readably', () => {
    const list = sortByDate([meta('old', '2026-11-01T00:00:00Z'), meta('new', '2026-11-24T00:00:00Z')]);
    expect(list.map((m) => m.id)).toEqual(['new', 'old']);
    expect(defaultName([], 1, null)).toBe('Model 1 · not evaluated · 1 epoch');
    expect(defaultName(['Model 1 · 97.00 % · 1 epoch', 'mine', 'Model 2 · 98.00 % · 2 epochs'], 5, 0.98271)).toBe(
      'Model 3 · 98.27 % · 5 epochs',
    );
    // Never a number already in use, even after a deletion left a gap.
    expect(defaultName(['Model 4 · 98.00 % · 2 epochs'], 1, null)).toBe('Model 5 · not evaluated · 1 epoch');
  });
});
