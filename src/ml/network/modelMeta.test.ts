import { describe, expect, it } from 'vitest';
import { defaultName, isModelMeta, sortByDate, type ModelMeta } from './modelMeta';

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
  });

  it('recognises complete entries only', () => {
    expect(isModelMeta(meta('a', '2026-11-24T10:00:00Z'))).toBe(true);
    expect(isModelMeta({ ...meta('a', 'x'), epochs: '5' })).toBe(false);
    expect(isModelMeta({ ...meta('a', 'x'), testAccuracy: null })).toBe(true);
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
