import { describe, expect, it } from 'vitest';
import { histogram } from '../../ml/training/histogram';
import { histogramSpec } from './histogramSpec';

describe('histogramSpec', () => {
  it('draws each bin as a bar from its lower to its upper edge, with its count', () => {
    const spec = JSON.parse(JSON.stringify(histogramSpec(histogram([0, 0.1, 0.2, 0.9, 1], 4, 0, 1), 180, '#123456'))) as {
      data: { values: { start: number; end: number; count: number }[] };
      mark: { color: string };
    };
    expect(spec.data.values).toEqual([
      { start: 0, end: 0.25, count: 3 },
      { start: 0.25, end: 0.5, count: 0 },
      { start: 0.5, end: 0.75, count: 0 },
      { start: 0.75, end: 1, count: 2 },
    ]);
    expect(spec.mark.color).toBe('#123456');
  });
});
