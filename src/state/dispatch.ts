import { assertNever } from '../ml/errors';
import { datasetFailed, datasetProgress, datasetReady } from './datasetActions';
import { evaluationFailed, evaluationReceived, weightsReplaced } from './evaluationActions';
import { backendLost } from './faultActions';
import { libraryFailed, modelsListed } from './libraryActions';
import { myDigitsFailed, myDigitsListed } from './myDigitsActions';
import { noticeReceived } from './noticeActions';
import { networkAnnounced, startingModelSettled } from './settingsActions';
import { layerHistograms, runEnded, runEpoch, runEvaluated, runLosses, runSavedAs, runStarted, runWeights } from './runs/runActions';
import {
  backendFailed,
  backendMeasuring,
  backendReady,
  batchReceived,
  epochReceived,
  memoryReported,
  modelAnnounced,
  trainingEnded,
  trainingFailed,
  trainingStarted,
  weightsReceived,
} from './trainingActions';
import type { WorkerNews } from './workerLife';

/** What the worker announces, as opposed to the replies to the page's own requests. */
export type Announcement = Exclude<WorkerNews, { type: 'reply' } | { type: 'request-failed' }>;

/** Turns each of the worker's announcements into the store update it means. */
export function dispatch(message: Announcement): void {
  switch (message.type) {
    case 'dataset-progress':
      datasetProgress(message.phase, message.fraction);
      return;
    case 'dataset-ready':
      datasetReady(message.summary);
      return;
    case 'dataset-failed':
      datasetFailed(message.failure, message.message);
      return;
    case 'engines-measuring':
      backendMeasuring();
      return;
    case 'backend-ready':
      backendReady(message.backend);
      return;
    case 'backend-failed':
      backendFailed(message.message);
      return;
    case 'backend-lost':
      backendLost(message.message, message.epochsDone, message.fallback);
      runEnded('stopped', message.message);
      return;
    case 'model':
      modelAnnounced(message.network, message.epochsDone, message.trained, message.source, message.runId);
      networkAnnounced(message.network, message.trained);
      weightsReplaced();
      return;
    case 'notice':
      noticeReceived(message.message, 'news');
      return;
    case 'weights': {
      const histograms = layerHistograms(message.epoch, message.layers);
      weightsReceived(message.epoch, message.layers, histograms);
      runWeights(histograms);
      return;
    }
    case 'training-started':
      // The run first: where its weights came from is read before training takes them over (the model's run id).
      runStarted(message.runId, message.config, message.firstEpoch, message.lastEpoch, message.myDigits);
      weightsReplaced();
      trainingStarted(message.firstEpoch, message.lastEpoch, message.steps, message.runId);
      return;
    case 'training-batch':
      batchReceived(message.report, message.losses, message.rates, message.stepsMs);
      runLosses(message.losses, message.rates);
      return;
    case 'training-epoch':
      epochReceived(message.log);
      runEpoch(message.log);
      return;
    case 'training-ended':
      trainingEnded(message.state, message.epochsDone);
      runEnded(message.state);
      return;
    case 'training-failed':
      trainingFailed(message.message);
      runEnded('failed', message.message);
      return;
    case 'evaluation':
      runEvaluated(evaluationReceived(message.result), message.result.on.kind);
      return;
    case 'evaluation-failed':
      evaluationFailed(message.message);
      return;
    case 'models':
      startingModelSettled();
      modelsListed(message.models, message.active);
      runSavedAs(message.active, message.models, message.listed);
      return;
    case 'storage-failed':
      libraryFailed(message.message);
      return;
    case 'memory':
      memoryReported(message.numTensors);
      return;
    case 'my-digits':
      myDigitsListed(message.digits, message.listed, message.added);
      return;
    case 'my-digits-failed':
      myDigitsFailed(message.message);
      return;
    default:
      assertNever(message);
  }
}
