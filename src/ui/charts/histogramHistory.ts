import { HISTOGRAM_BINS, onSharedRange } from '../../ml/training/histogram';
import type { RunHistograms } from '../../state/runs/record';
import type { Vis } from './useVis';

/** One layer's histograms over the epochs, counted again over the range they share. */
export interface LayerHistory {
  readonly layer: string;
  readonly epochs: readonly number[];
  readonly counts: readonly (readonly number[])[];
  readonly min: number;
  readonly max: number;
}

/**
 * Epoch columns drawn at most in one heatmap. vega keeps an object per cell: a live training of
 * 700 epochs (30 bins, 4 layers) held 150 MB in them and took seconds a redraw.
 */
export const HEATMAP_EPOCHS = 100;

/** At most `max` entries spread evenly over `list`, the first and the last kept. */
export function spread<T>(list: readonly T[], max: number): readonly T[] {
  if (list.length <= max) return list;
  const step = (list.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => list[Math.round(i * step)] as T);
}

/** Each layer's history, from the histograms of the kept epochs (each over its own range), at most HEATMAP_EPOCHS of them. */
export function layerHistories(all: readonly RunHistograms[]): LayerHistory[] {
  const histograms = spread(all, HEATMAP_EPOCHS);
  const layers = histograms[0]?.layers.map((entry) => entry.layer) ?? [];
  return layers.map((layer) => {
    const perEpoch = histograms.map((entry) => entry.layers.find((l) => l.layer === layer) ?? { min: 0, max: 0, counts: [] });
    const shared = onSharedRange(perEpoch, HISTOGRAM_BINS);
    return {
      layer,
      epochs: histograms.map((entry) => entry.epoch),
      counts: shared.map((h) => h.counts),
      min: shared[0]?.min ?? 0,
      max: shared[0]?.max ?? 0,
    };
  });
}

/** TensorBoard's histogram-over-time view: one column per epoch, one row per bin, large weights at the top. */
export function drawHistory(vis: Vis, container: HTMLElement, history: LayerHistory, height = 200) {
  if (history.counts.length === 0) return undefined;
  const width = (history.max - history.min) / HISTOGRAM_BINS;
  const centres = Array.from({ length: HISTOGRAM_BINS }, (_, i) => (history.min + (i + 0.5) * width).toFixed(3)).reverse();
  return vis.render.heatmap(
    container,
    { values: history.counts.map((counts) => [...counts].reverse()), xTickLabels: history.epochs.map(String), yTickLabels: centres },
    { xLabel: 'epoch', yLabel: 'weight', height, colorMap: 'viridis' },
  );
}
