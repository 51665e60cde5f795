import { describe, expect, it } from 'vitest';
import { cellColors, contrast } from './cellColors';

describe('cellColors', () => {
  it('keeps every count legible: at least WCAG AA contrast (4.5:1) at every shade', () => {
    for (const kind of ['diagonal', 'error'] as const) {
      for (let level = 0; level <= 1.0001; level += 0.01) {
        expect(cellColors(kind, level).ratio).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('uses white text on the deepest shades and dark text on the palest', () => {
    expect(cellColors('diagonal', 1).color).toBe('rgb(255 255 255)');
    expect(cellColors('diagonal', 0).color).toBe('rgb(0 0 0)');
    expect(cellColors('error', 0).color).toBe('rgb(0 0 0)');
  });

  it('computes contrast as WCAG does', () => {
    expect(contrast([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
    expect(contrast([119, 119, 119], [255, 255, 255])).toBeCloseTo(4.48, 2);
  });
});
