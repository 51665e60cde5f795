import type { EpochLog } from '../../ml/training/train';
import { lossPoints, type LossSeries } from '../../state/runs/record';
import type { Line, LineChartOptions } from './lineSpec';

export type Metric = 'loss' | 'accuracy';

export const EPOCH_OPTIONS: Record<Metric, LineChartOptions> = {
  loss: { xTitle: 'epoch', yTitle: 'loss', integerX: true, height: 220 },
  accuracy: { xTitle: 'epoch', yTitle: 'accuracy', integerX: true, height: 220 },
};

/**
 * Batch curves redraw while training: each point costs vega an interpreted encoding (the page's
 * policy forbids compiled expressions), and 2,000 of them took 50–120 ms a redraw on a 2-core
 * machine, a long task every 400 ms. A chart about 260 px wide shows no more than this anyway.
 */
const BATCH_POINTS = 400;

export const BATCH_OPTIONS: LineChartOptions = {
  xTitle: 'batch',
  yTitle: 'training loss',
  integerX: false,
  height: 220,
  maxPoints: BATCH_POINTS,
};

export const RATE_OPTIONS: LineChartOptions = {
  xTitle: 'batch',
  yTitle: 'learning rate',
  integerX: false,
  height: 220,
  maxPoints: BATCH_POINTS,
};

/** How the epoch charts say which line is which. */
export const DASH_NOTE = 'training dashed, validation solid';

/** A run's training (dashed) and validation (solid) curves of one metric, in the run's colour. */
export function epochLines(epochs: readonly EpochLog[], metric: Metric, label: string, color: string): Line[] {
  const train = epochs.map((log) => ({ x: log.epoch, y: metric === 'loss' ? log.loss : log.accuracy }));
  const validation = epochs.map((log) => ({ x: log.epoch, y: metric === 'loss' ? log.valLoss : log.valAccuracy }));
  return [
    { label, color, curve: 'train', points: train },
    { label, color, curve: 'validation', points: validation },
  ];
}

/** One run's curves as the notebook plots them: training and validation, each its own colour (and dash). */
export function trainValidationLines(epochs: readonly EpochLog[], metric: Metric, colors: readonly [string, string]): Line[] {
  const [train, validation] = epochLines(epochs, metric, '', '');
  return [
    { ...(train ?? { curve: 'train', points: [] }), label: 'training', color: colors[0] },
    { ...(validation ?? { curve: 'validation', points: [] }), label: 'validation', color: colors[1] },
  ];
}

export function batchLine(series: LossSeries, label: string, color: string): Line {
  return { label, color, curve: 'batch', points: lossPoints(series).map((point) => ({ x: point.batch, y: point.loss })) };
}
