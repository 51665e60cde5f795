/**
 * TensorBoard's smoothing of a scalar curve: an exponential moving average with weight
 * `weight` (0: none; TensorBoard's default 0.6), debiased so that the first points are not
 * pulled towards zero, as its scalar dashboard draws it. A point that is not finite stays as it
 * is and does not enter the average, and a constant series is left alone.
 */
export function smooth(values: readonly number[], weight: number): number[] {
  const first = values[0];
  if (weight <= 0 || values.every((value) => value === first)) return [...values];
  let last = 0;
  let count = 0;
  return values.map((value) => {
    if (!Number.isFinite(value)) return value;
    last = last * weight + (1 - weight) * value;
    count += 1;
    return weight === 1 ? last : last / (1 - weight ** count);
  });
}

/** The slider's range: TensorBoard's, short of 1 (which would never move). */
export const SMOOTHING = { min: 0, max: 0.99, step: 0.01, default: 0.6 } as const;
