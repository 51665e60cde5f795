import { describe, expect, it } from 'vitest';
import { HEATMAP_EPOCHS, layerHistories, spread } from './histogramHistory';

describe('the histogram heatmap', () => {
  it('spreads its columns evenly over a long training, keeping the first and the last epoch', () => {
    const epochs = Array.from({ length: 1_001 }, (_, i) => i);
    const kept = spread(epochs, 100);
    expect(kept).toHaveLength(100);
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBe(1_000);
    expect(kept.every((epoch, i) => i === 0 || epoch > (kept[i - 1] ?? -1))).toBe(true);
    expect(spread(epochs.slice(0, 50), 100)).toHaveLength(50);
  });

  it(`draws at most ${HEATMAP_EPOCHS} epochs of a run, on one shared range`, () => {
    const histograms = Array.from({ length: 1_000 }, (_, epoch) => ({
      epoch,
      layers: [{ layer: 'conv2d_1', min: -1 - epoch / 1000, max: 1, counts: Array.from({ length: 30 }, () => 1) }],
    }));
    const [history] = layerHistories(histograms);
    expect(history?.epochs).toHaveLength(HEATMAP_EPOCHS);
    expect(history?.min).toBeCloseTo(-1.999);
    expect(history?.counts.every((counts) => counts.reduce((a, b) => a + b) === 30)).toBe(true);
  });
});
