import type { BackendName } from '../ml/engines/backend';
import { libraryTrainingOver } from './libraryActions';
import { appStore } from './store';

export function backendLost(message: string, epochsDone: number, fallback: BackendName | null): void {
  const { training } = appStore.getState();
  appStore.setState({
    fault: { kind: 'backend-lost', message, fallback },
    // Short: the fault alert beside Train says the rest.
    backend: { state: 'error', message: 'The GPU went away.' },
    training: { ...training, state: 'stopped', error: null, epochsDone },
  });
  libraryTrainingOver();
}

/** The worker is gone: everything it held is being rebuilt, and the person is told why. */
export function workerRestarting(epochsKept: number | null): void {
  const { training } = appStore.getState();
  const kept = epochsKept === null ? 'The saved models are still there.' : `The weights after epoch ${epochsKept} were kept.`;
  const message = `The background worker stopped unexpectedly${
    training.state === 'training' ? ' during training' : ''
  } (the browser may have run out of memory). A new one has started. ${kept}`;
  appStore.setState({
    fault: { kind: 'worker-restarted', message },
    dataset: { state: 'loading', phase: 'manifest', fraction: 0 },
    backend: { state: 'starting' },
    training: { ...training, state: training.state === 'training' ? 'stopped' : training.state, error: null, progress: null },
  });
}

/** No worker runs any more (it failed, or kept dying): nothing can train or answer until a reload. */
export function workerLost(message: string): void {
  const { training } = appStore.getState();
  appStore.setState({
    fault: { kind: 'worker-lost', message },
    // Short: the fault alert beside Train says the rest.
    backend: { state: 'error', message: 'The background worker stopped.' },
    training: { ...training, state: training.state === 'training' ? 'stopped' : training.state, progress: null },
  });
}
