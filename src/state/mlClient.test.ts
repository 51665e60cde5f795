import { beforeEach, describe, expect, it } from 'vitest';
import type { FromWorker, Snapshot, ToWorker } from '../worker/protocol';
import { createMlClient, type MlClient } from './mlClient';
import { appStore, initialState } from './store';
import { MAX_RESTARTS_PER_MINUTE, type WorkerEvents } from './workerLife';
import { NOTEBOOK_NETWORK } from '../ml/network/network';
import { NOTEBOOK_OPTIMIZER } from '../ml/training/optimizers';

/** A worker that records what the page sends and says what the test makes it say. */
class FakeWorker {
  readonly received: ToWorker[] = [];
  terminated = false;
  constructor(
    readonly name: string,
    private readonly events: WorkerEvents,
  ) {}
  postMessage(message: ToWorker): void {
    this.received.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  say(message: FromWorker): void {
    this.events.message(message);
  }
  fail(message: string): void {
    this.events.error(message);
  }
}

const snapshot: Snapshot = {
  checkpoint: { epochs: 2, weights: [{ name: 'dense_2/kernel', shape: [1], values: new Float32Array([0.5]) }] },
  trained: true,
  record: {
    network: NOTEBOOK_NETWORK,
    seed: 42,
    trainingSeconds: 3,
    testAccuracy: 0.9,
    source: null,
    runId: null,
    optimizer: NOTEBOOK_OPTIMIZER,
    myHoldOut: null,
  },
};

function setup(): { client: MlClient; workers: FakeWorker[]; kill: (worker: FakeWorker) => void; clock: { now: number } } {
  const workers: FakeWorker[] = [];
  const mourners = new Map<string, () => void>();
  const clock = { now: 0 };
  const client = createMlClient({
    manifestUrl: 'http://localhost/data/mnist.json',
    tab: 'tab-1',
    spawn: (name, events) => {
      const worker = new FakeWorker(name, events);
      workers.push(worker);
      return worker;
    },
    watch: (name, onGone) => mourners.set(name, onGone),
    now: () => clock.now,
  });
  const kill = (worker: FakeWorker): void => {
    mourners.get(worker.name)?.();
  };
  return { client, workers, kill, clock };
}

function latest(workers: FakeWorker[]): FakeWorker {
  const worker = workers.at(-1);
  if (!worker) throw new Error('no worker was started');
  return worker;
}

beforeEach(() => {
  appStore.setState(initialState(), true);
});

describe('the ML client', () => {
  it('replaces a dead worker and hands the new one the data and the last good weights', () => {
    const { client, workers, kill } = setup();
    client.loadDataset();
    client.startBackend();
    const first = latest(workers);
    first.say({ type: 'alive' });
    first.say({ type: 'snapshot', snapshot });
    kill(first);

    expect(first.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    const second = latest(workers);
    // The new worker also lists my digits, which the page has nothing of but what a worker tells it.
    expect(second.received.map((message) => message.type)).toEqual(['load-dataset', 'start', 'my-digits']);
    expect(second.received[1]).toMatchObject({ type: 'start', restore: snapshot });
    const { fault } = appStore.getState();
    expect(fault?.kind).toBe('worker-restarted');
    expect(fault?.message).toContain('The weights after epoch 2 were kept');
  });

  it('fails a pending request when its worker dies, and ignores what the dead worker says afterwards', async () => {
    const { client, workers, kill } = setup();
    const first = latest(workers);
    first.say({ type: 'alive' });
    const prediction = client.images({ kind: 'test' }, [1, 2]);
    kill(first);
    await expect(prediction).rejects.toThrow('the background worker stopped');

    first.say({ type: 'memory', numTensors: 99 });
    expect(appStore.getState().numTensors).toBeNull();
    latest(workers).say({ type: 'memory', numTensors: 7 });
    expect(appStore.getState().numTensors).toBe(7);
  });

  it(`stops restarting after ${MAX_RESTARTS_PER_MINUTE} restarts in a minute, and says so`, () => {
    const { workers, kill, clock } = setup();
    for (let death = 0; death <= MAX_RESTARTS_PER_MINUTE; death++) {
      const worker = latest(workers);
      worker.say({ type: 'alive' });
      clock.now += 1000;
      kill(worker);
    }
    expect(workers).toHaveLength(MAX_RESTARTS_PER_MINUTE + 1);
    const { fault, backend } = appStore.getState();
    expect(fault?.kind).toBe('worker-lost');
    expect(fault?.message).toContain('keeps stopping');
    expect(backend.state).toBe('error');
  });

  it('keeps restarting when the deaths are more than a minute apart', () => {
    const { workers, kill, clock } = setup();
    for (let death = 0; death < MAX_RESTARTS_PER_MINUTE * 2; death++) {
      const worker = latest(workers);
      worker.say({ type: 'alive' });
      clock.now += 30_000;
      kill(worker);
    }
    expect(workers).toHaveLength(MAX_RESTARTS_PER_MINUTE * 2 + 1);
    expect(appStore.getState().fault?.kind).toBe('worker-restarted');
  });

  it('types each reply by its request, and refuses a reply of the wrong kind', async () => {
    const { client, workers } = setup();
    const worker = latest(workers);
    const images = client.images({ kind: 'test' }, [3]);
    const exported = client.exportModel();
    const [first, second] = worker.received;
    if (first?.type !== 'request' || second?.type !== 'request') throw new Error('no requests were sent');
    worker.say({ type: 'reply', id: first.id, reply: { kind: 'images', value: new Uint8Array([1, 2, 3]) } });
    worker.say({ type: 'reply', id: second.id, reply: { kind: 'images', value: new Uint8Array() } });
    expect(Array.from(await images)).toEqual([1, 2, 3]);
    await expect(exported).rejects.toThrow('a export-model request got a images reply');
  });

  it('shows a failed worker as lost, not as a dataset problem', () => {
    const { workers } = setup();
    latest(workers).fail('SyntaxError: unexpected token');
    const state = appStore.getState();
    expect(state.fault).toMatchObject({ kind: 'worker-lost' });
    expect(state.fault?.message).toContain('The background worker failed: SyntaxError: unexpected token');
    expect(state.dataset.state).toBe('loading');
  });
});
