/** Bins in every weight histogram the app draws or keeps: the live ones, a run's, and their history. */
export const HISTOGRAM_BINS = 30;

export interface Histogram {
  readonly min: number;
  readonly max: number;
  readonly counts: number[];
}

/** Counts values into `bins` equal bins over [min, max]; the top edge belongs to the last bin. */
export function histogram(values: ArrayLike<number>, bins: number, min: number, max: number): Histogram {
  const counts = new Array<number>(bins).fill(0);
  const width = (max - min) / bins;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? 0;
    if (!(value >= min && value <= max)) continue;
    const bin = width > 0 ? Math.min(bins - 1, Math.floor((value - min) / width)) : 0;
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  return { min, max, counts };
}

export function valueRange(series: readonly ArrayLike<number>[]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const values of series) {
    for (let i = 0; i < values.length; i++) {
      const value = values[i] ?? 0;
      if (value < min) min = value;
      if (value > max) max = value;
    }
  }
  return Number.isFinite(min) ? { min, max } : { min: 0, max: 0 };
}

/**
 * One histogram per epoch over a range shared by all epochs, so the rows of a
 * bins × epoch heatmap line up (TensorBoard's histogram view over time).
 */
export function histogramHistory(series: readonly ArrayLike<number>[], bins: number): Histogram[] {
  const { min, max } = valueRange(series);
  return series.map((values) => histogram(values, bins, min, max));
}

/**
 * Histograms that each have their own range, counted again over the range they share
 * (each bin's count goes where its centre falls), so epochs line up in one heatmap.
 */
export function onSharedRange(histograms: readonly Histogram[], bins: number): Histogram[] {
  // Reduced, not spread: a run of many epochs would overflow the stack.
  const min = histograms.reduce((a, h) => Math.min(a, h.min), Infinity);
  const max = histograms.reduce((a, h) => Math.max(a, h.max), -Infinity);
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  const width = (max - min) / bins;
  return histograms.map((h) => {
    const counts = new Array<number>(bins).fill(0);
    const own = (h.max - h.min) / h.counts.length;
    h.counts.forEach((count, i) => {
      const centre = h.min + (i + 0.5) * own;
      const bin = width > 0 ? Math.min(bins - 1, Math.max(0, Math.floor((centre - min) / width))) : 0;
      counts[bin] = (counts[bin] ?? 0) + count;
    });
    return { min, max, counts };
  });
}
