import { describe, expect, it } from 'vitest';
import { FRESH, originOfWords, originSentence, originWords, readOrigin, startKind, startedFrom, type RunOrigin } from './origin';

const ORIGINS: RunOrigin[] = [
  FRESH,
  { kind: 'continued', runId: '20261201-083335', epoch: 6 },
  { kind: 'loaded', modelId: 'm-1', name: 'dense only' },
  { kind: 'trained', epoch: 5 },
];

describe('where a run started', () => {
  it('is said in the list, and in the contract’s attributes', () => {
    expect(ORIGINS.map(originSentence)).toEqual([
      'From fresh weights.',
      'Continues run 20261201-083335 after epoch 6.',
      'From saved model “dense only”.',
      'From earlier trained weights (5 epochs).',
    ]);
    expect(ORIGINS.map(startKind)).toEqual(['fresh', 'continued', 'loaded', 'continued']);
    expect(ORIGINS.map(startedFrom)).toEqual(['', '20261201-083335', 'm-1', '']);
  });

  it('reads back from the words an earlier record kept (a saved model’s id was not kept)', () => {
    for (const origin of ORIGINS) {
      const back = originOfWords(originWords(origin));
      expect(back).toEqual(origin.kind === 'loaded' ? { ...origin, modelId: '' } : origin);
    }
    expect(originOfWords('something else')).toEqual({ kind: 'trained', epoch: 0 });
  });

  it('is read strictly from a file', () => {
    for (const origin of ORIGINS) expect(readOrigin(JSON.parse(JSON.stringify(origin)))).toEqual(origin);
    for (const bad of [null, 'fresh', { kind: 'other' }, { kind: 'continued', runId: 'a b', epoch: 1 }, { kind: 'trained', epoch: -1 }]) {
      expect(readOrigin(bad)).toBeNull();
    }
  });
});
