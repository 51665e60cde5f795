import type { MlClient } from '../state/mlClient';
import { Requests } from '../state/requests';
import { listen } from '../state/spawnWorker';
import { appStore } from '../state/store';
import type { SpawnWorker } from '../state/workerLife';
import type {} from './hooks';
import type { HarnessAnswer, HarnessReplies, HarnessRequest } from './protocol';

export interface Harness {
  /** Starts the harness worker in place of the app's, with the harness port opened. */
  readonly spawn: SpawnWorker;
  /** Puts the bench and fault hooks on `window`. */
  install(client: MlClient): void;
}

/** The page's side of the harness build: hooks on `window` that reach the worker over a port of their own. */
export function createHarness(): Harness {
  const requests = new Requests<HarnessReplies>();
  const channel: { port: MessagePort | null } = { port: null };

  const spawn: SpawnWorker = (name, events) => {
    const worker = new Worker(new URL('./harness.worker.ts', import.meta.url), { type: 'module', name });
    const { port1, port2 } = new MessageChannel();
    worker.postMessage(null, [port2]);
    listen(worker, events);
    requests.failAll('the worker was replaced');
    port1.addEventListener('message', (event: MessageEvent<HarnessAnswer>) => {
      const answer = event.data;
      if ('reply' in answer) requests.resolve(answer.id, answer.reply);
      else requests.reject(answer.id, answer.error);
    });
    port1.start();
    channel.port = port1;
    return worker;
  };

  const ask = <K extends HarnessRequest['kind']>(request: Extract<HarnessRequest, { kind: K }>): Promise<HarnessReplies[K]> =>
    requests.open(request.kind, (id) => {
      channel.port?.postMessage({ id, request });
    });

  return {
    spawn,
    install(client) {
      window.mnistFaults = { inject: (fault) => ask({ kind: 'inject-fault', fault }) };
      window.mnistBench = {
        async predictMs(count) {
          const pixels = new Float32Array(784);
          const times: number[] = [];
          for (let i = 0; i < count; i++) {
            pixels[(i * 29) % 784] = 1;
            const started = performance.now();
            await client.predict(pixels.slice());
            times.push(performance.now() - started);
          }
          return times;
        },
        async kerasExport(format) {
          const started = performance.now();
          const bytes = await client.exportKeras(format);
          return { ms: performance.now() - started, bytes: bytes.byteLength };
        },
        kerasImportMs: (base64) => importMs(client, base64),
        async predictImages(images) {
          const rows: number[][] = [];
          for (const image of images) rows.push(Array.from((await client.predict(Float32Array.from(image))).probabilities));
          return rows;
        },
        bareFitMsPerStep: (steps, batchSize) => ask({ kind: 'bare-fit', steps, batchSize }),
        augmentMs: (batches, batchSize) => ask({ kind: 'augment-ms', batches, batchSize }),
        inferTestMs: () => ask({ kind: 'infer-test' }),
        stepTimes: () => ask({ kind: 'step-times' }),
        profileStep: (threads, steps) => ask({ kind: 'profile-step', threads, steps }),
        race: () => {
          const { backend } = appStore.getState();
          return backend.state === 'ready' ? backend.choice.race : null;
        },
        learningRates: () => [...appStore.getState().training.batchRates],
      };
    },
  };
}

/**
 * From handing a Keras file to the worker until the library says it is in (or refused). Resolves
 * only once the evaluation the worker makes of new weights is in too, so the next upload is not
 * timed behind it.
 */
function importMs(client: MlClient, base64: string): Promise<number | null> {
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  const before = appStore.getState().evaluation;
  const started = performance.now();
  return new Promise((resolve) => {
    let seenBusy = false;
    let took: number | null = null;
    const stop = appStore.subscribe(({ library, evaluation }) => {
      seenBusy ||= library.busy;
      if (!seenBusy || library.busy) return;
      if (library.error) {
        stop();
        resolve(null);
        return;
      }
      took ??= performance.now() - started;
      if (evaluation === null || evaluation === before) return;
      stop();
      resolve(took);
    });
    client.importModel({ format: 'keras', bytes: bytes.buffer }, 'bench.keras');
  });
}
