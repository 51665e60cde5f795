import type { EpochLog } from '../ml/training/train';

export const count = (n: number): string => n.toLocaleString('en-US');

export function seconds(value: number): string {
  if (value < 10) return `${value.toFixed(1)} s`;
  if (value < 120) return `${Math.round(value)} s`;
  const minutes = Math.floor(value / 60);
  return `${minutes} min ${Math.round(value - minutes * 60)} s`;
}

/** An epoch line in the style of Keras' `verbose=2`. */
export function epochLine(log: EpochLog): string {
  return [
    `Epoch ${log.epoch}/${log.lastEpoch}`,
    `${count(log.steps)} steps`,
    seconds(log.seconds),
    `${Math.round(log.msPerStep)} ms/step`,
    `loss ${log.loss.toFixed(4)}`,
    `accuracy ${log.accuracy.toFixed(4)}`,
    `val_loss ${log.valLoss.toFixed(4)}`,
    `val_accuracy ${log.valAccuracy.toFixed(4)}`,
  ].join(' · ');
}

export const percent = (fraction: number, digits = 2): string => `${(fraction * 100).toFixed(digits)} %`;
