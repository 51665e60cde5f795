import { confusionMatrix, summarizeConfusion, type ConfusionMatrix } from '../ml/training/metrics';
import { appStore } from './store';
import type { EvaluationResult } from '../worker/protocol';

/** The headline accuracy, the heatmap and every metric come from this one matrix. */
export function evaluationReceived(result: EvaluationResult): ConfusionMatrix {
  const matrix = confusionMatrix(result.labels, result.predictions);
  appStore.setState({ evaluation: { result, matrix, summary: summarizeConfusion(matrix) }, evaluationError: null });
  return matrix;
}

/** The evaluation that was asked for could not be made; the previous one, if any, still stands. */
export function evaluationFailed(message: string): void {
  appStore.setState({ evaluationError: message });
}
