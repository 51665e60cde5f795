import type { RunRecord } from './record';

/**
 * The run's history as Keras' CSVLogger writes it: a header of the sorted keys, then one
 * row per epoch, counted from 0 (an epoch continued from a loaded model keeps its number).
 */
export function historyCsv(run: RunRecord): string {
  const rows = run.epochs.map((log) => [log.epoch - 1, log.accuracy, log.loss, log.valAccuracy, log.valLoss].map(String).join(','));
  return ['epoch,accuracy,loss,val_accuracy,val_loss', ...rows].join('\n') + '\n';
}
