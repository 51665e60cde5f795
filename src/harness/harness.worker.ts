// The ML worker of the harness build (tests and bench): the app's worker, plus a port
// on which the harness asks for faults and measurements.
import { augmentBatch } from '../ml/data/augment';
import { bareFitStepTimes } from '../ml/training/bareFit';
import { IMAGE_PIXELS } from '../ml/data/mnist';
import { NOTEBOOK_NETWORK } from '../ml/network/network';
import { epochOrder } from '../ml/data/random';
import { splitExamples } from '../ml/data/trainingSet';
import { PRESETS } from '../state/presets';
import { assertNever, errorMessage } from '../ml/errors';
import { evaluate } from '../ml/training/evaluate';
import type { ReplyOf } from '../worker/protocol';
import type { MlWorker } from '../worker/router';
import { startWorker } from '../worker/startWorker';
import { injectFault } from './faults';
import { profileStep } from './profileStep';
import type { HarnessAnswer, HarnessAsk, HarnessReplies, HarnessRequest } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

/** Step durations since the bench last asked for them. */
const steps: number[] = [];

async function replyTo(worker: MlWorker, request: HarnessRequest): Promise<ReplyOf<HarnessReplies>> {
  const session = await worker.engine.session();
  const data = worker.dataset.data;
  switch (request.kind) {
    case 'inject-fault':
      return { kind: 'inject-fault', value: session ? injectFault(request.fault, session.current, worker.engine.gpu.watched) : false };
    case 'bare-fit':
      if (!data) throw new Error('the dataset is not loaded');
      return {
        kind: 'bare-fit',
        value: await bareFitStepTimes(
          data.train,
          request.steps,
          request.batchSize,
          () => performance.now(),
          session?.network ?? NOTEBOOK_NETWORK,
        ),
      };
    case 'infer-test': {
      if (!data || !session) throw new Error('the dataset or the model is not ready');
      const started = performance.now();
      await evaluate(session.current, data.test, data.test.count);
      return { kind: 'infer-test', value: performance.now() - started };
    }
    case 'step-times':
      return { kind: 'step-times', value: steps.splice(0) };
    case 'augment-ms': {
      if (!data) throw new Error('the dataset is not loaded');
      const { batches, batchSize } = request;
      // What trainEpochs does to each batch, timed alone: the cost the improved recipe adds to a step.
      const order = epochOrder(data.train.count, 42, 1);
      const examples = splitExamples(data.train);
      const batch = new Uint8Array(batchSize * IMAGE_PIXELS);
      const times: number[] = [];
      for (let i = 0; i < batches; i++) {
        const started = performance.now();
        augmentBatch(examples, order, i * batchSize, batchSize, batch, PRESETS.improved, 42, 1);
        times.push(performance.now() - started);
      }
      return { kind: 'augment-ms', value: times };
    }
    case 'profile-step':
      if (session?.busy) throw new Error('a run is training');
      return { kind: 'profile-step', value: await profileStep(request.threads, request.steps) };
    default:
      return assertNever(request);
  }
}

function serve(port: MessagePort, worker: MlWorker): void {
  port.addEventListener('message', (event: MessageEvent<HarnessAsk>) => {
    const { id, request } = event.data;
    replyTo(worker, request).then(
      (reply) => {
        port.postMessage({ id, reply } satisfies HarnessAnswer);
      },
      (error: unknown) => {
        port.postMessage({ id, error: errorMessage(error) } satisfies HarnessAnswer);
      },
    );
  });
  port.start();
}

// The harness port comes first, before any of the app's messages, and is not one of them.
const takePort = (event: MessageEvent<unknown>): void => {
  const [port] = event.ports;
  if (!port) return;
  event.stopImmediatePropagation();
  self.removeEventListener('message', takePort);
  serve(port, worker);
};
self.addEventListener('message', takePort);
const worker = startWorker({ onStep: (report) => steps.push(report.stepMs) });
