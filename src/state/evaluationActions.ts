import { confusionMatrix, summarizeConfusion, type ConfusionMatrix } from '../ml/training/metrics';
import { testSetOf, type TestSet } from '../ml/data/validation';
import { appStore } from './store';
import type { EvaluationResult } from '../worker/protocol';

/** The headline accuracy, the heatmap and every metric come from this one matrix; MNIST's and my digits' are kept apart. */
export function evaluationReceived(result: EvaluationResult): ConfusionMatrix {
  const matrix = confusionMatrix(result.labels, result.predictions);
  const view = { result, matrix, summary: summarizeConfusion(matrix) };
  appStore.setState(
    testSetOf(result.on) === 'mine' ? { myEvaluation: view, evaluationError: null } : { evaluation: view, evaluationError: null },
  );
  return matrix;
}

/** The evaluation that was asked for could not be made; the previous one, if any, still stands. */
export function evaluationFailed(message: string): void {
  appStore.setState({ evaluationError: message });
}

/**
 * Other weights came in, or training is about to change these: the worker scores MNIST again itself,
 * and my digits after each epoch where any are held out, but the evaluation of my digits in hand was of the old ones.
 */
export function weightsReplaced(): void {
  appStore.setState({ myEvaluation: null });
}

/** The person chose what the evaluation panel shows and Evaluate scores. */
export function testSetChosen(testSet: TestSet): void {
  appStore.setState({ testSet, evaluationError: null });
}
