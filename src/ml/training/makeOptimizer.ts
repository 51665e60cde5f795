import * as tf from '@tensorflow/tfjs';
import type { OptimizerConfig } from './optimizers';

/** An optimiser whose learning rate a schedule can change between steps. */
export interface Tunable {
  setLearningRate(rate: number): void;
}

export function isTunable(optimizer: tf.Optimizer): optimizer is tf.Optimizer & Tunable {
  return 'setLearningRate' in optimizer && typeof optimizer.setLearningRate === 'function';
}

/*
 * tfjs' Adam and RMSprop read their rate at every step but keep it protected; these
 * subclasses open it to a schedule. (SGD has setLearningRate of its own.)
 */
class TunableAdam extends tf.AdamOptimizer implements Tunable {
  setLearningRate(rate: number): void {
    this.learningRate = rate;
  }
}

class TunableRmsProp extends tf.RMSPropOptimizer implements Tunable {
  setLearningRate(rate: number): void {
    this.learningRate = rate;
  }
}

/** A fresh optimiser (no moments yet) of the given kind, with tfjs' defaults for everything but the rate. */
export function makeOptimizer({ optimizer, learningRate }: OptimizerConfig): tf.Optimizer & Tunable {
  switch (optimizer) {
    case 'adam':
      return new TunableAdam(learningRate, 0.9, 0.999);
    case 'sgd':
      return tf.train.sgd(learningRate);
    case 'rmsprop':
      return new TunableRmsProp(learningRate);
  }
}
