import * as tf from '@tensorflow/tfjs';

export interface WeightValues {
  readonly name: string;
  readonly shape: number[];
  readonly values: Float32Array;
}

/** A model's weights copied out of the backend, so they outlive it (a lost GPU, a crashed worker). */
export interface Checkpoint {
  /** Epochs the weights have been trained for. */
  readonly epochs: number;
  readonly weights: WeightValues[];
}

export async function takeCheckpoint(model: tf.LayersModel, epochs: number): Promise<Checkpoint> {
  const weights = await Promise.all(
    model.weights.map(async (weight) => {
      const tensor = weight.read();
      return { name: weight.originalName, shape: [...tensor.shape], values: Float32Array.from(await tensor.data()) };
    }),
  );
  return { epochs, weights };
}

export function allFinite(checkpoint: Checkpoint): boolean {
  return checkpoint.weights.every((weight) => weight.values.every((value) => Number.isFinite(value)));
}

/** Puts the checkpoint's values into a model of the same network, on whatever backend is active now. */
export function restoreCheckpoint(model: tf.LayersModel, checkpoint: Checkpoint): void {
  const names = model.weights.map((weight) => weight.originalName);
  const byName = new Map(checkpoint.weights.map((weight) => [weight.name, weight]));
  const values = names.map((name) => {
    const saved = byName.get(name);
    if (!saved) throw new Error(`the checkpoint has no values for ${name}`);
    return saved;
  });
  const tensors = values.map((saved) => tf.tensor(saved.values, saved.shape));
  try {
    model.setWeights(tensors);
  } finally {
    tf.dispose(tensors);
  }
}
