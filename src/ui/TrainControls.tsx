import { setSettingsOpen, useSettingsOpen } from '../state/drawer';
import { hasTrainedWeights, useAppState } from '../state/store';
import { RecipeLine } from './settings/RecipeLine';
import { DRAWER_ID } from './settings/SettingsDrawer';
import { FaultAlert } from './FaultAlert';
import { useMlClient } from './mlClientContext';
import { TrainProgressBar } from './TrainProgressBar';
import { useHeldOut } from './myDigits/useHeldOut';

const STATUS_TEXT = {
  idle: 'Not trained yet',
  training: 'Training…',
  done: 'Training finished',
  stopped: 'Stopped — Train continues from here',
  error: 'Training failed',
} as const;

export function TrainControls() {
  const client = useMlClient();
  const datasetReady = useAppState((state) => state.dataset.state === 'ready');
  const backendReady = useAppState((state) => state.backend.state === 'ready');
  const training = useAppState((state) => state.training.state);
  const error = useAppState((state) => state.training.error);
  const epochsDone = useAppState((state) => state.training.epochsDone);
  const epochs = useAppState((state) => state.config.train.epochs);
  const loaded = useAppState((state) => state.model?.trained ?? false);
  const running = training === 'training';
  const settingsValid = useAppState((state) => Object.keys(state.settings.errors).length === 0);
  // Training with my digits needs one that is not held out: Train waits rather than fail in the worker.
  const myDigitsOn = useAppState((state) => state.config.train.myDigits);
  const myDigitCount = useAppState((state) => state.myDigits.digits.length);
  const heldOut = useHeldOut().size;
  const noDigitsToTrain = myDigitsOn && myDigitCount - heldOut === 0;
  const canTrain = datasetReady && backendReady && !running && settingsValid && !noDigitsToTrain;
  // Train goes on from weights trained before (here, restored or loaded); say so, and offer the other way.
  const trainedBefore = useAppState(hasTrainedWeights);
  const settingsOpen = useSettingsOpen();

  return (
    <section className="panel train-panel" aria-labelledby="train-heading">
      <h2 id="train-heading" className="visually-hidden">
        Training
      </h2>
      <div className="controls">
        <button type="button" className="primary" disabled={!canTrain} onClick={() => client.train()}>
          Train
        </button>
        {trainedBefore && (
          <button type="button" disabled={!canTrain} onClick={() => client.trainFromScratch()}>
            Train from scratch
          </button>
        )}
        <button type="button" disabled={!running} onClick={() => client.stop()}>
          Stop
        </button>
        <button type="button" disabled={running || !backendReady} onClick={() => client.reset()}>
          Reset
        </button>
        <button
          type="button"
          className="drawer-toggle"
          aria-expanded={settingsOpen}
          aria-controls={DRAWER_ID}
          onClick={() => setSettingsOpen(!settingsOpen)}
        >
          Settings and network
        </button>
        <span className="train-status" data-testid="train-status" data-state={training}>
          {training === 'idle' && loaded ? 'A trained model is loaded' : STATUS_TEXT[training]}
        </span>
      </div>
      <RecipeLine />
      <p className="muted train-next">
        {running ? (
          'Stop ends after the current batch and keeps the weights.'
        ) : (
          <>
            {epochsDone > 0 ? `Trained through epoch ${epochsDone}; ` : ''}
            Train runs {epochs} more epoch{epochs === 1 ? '' : 's'}
            {trainedBefore ? ' from these weights; Train from scratch starts from fresh ones.' : '.'}
          </>
        )}
      </p>
      {!settingsValid && (
        <p className="alert-inline">
          Fix the settings marked in red to train.{' '}
          {!settingsOpen && (
            <button type="button" className="link" onClick={() => setSettingsOpen(true)}>
              Show them
            </button>
          )}
        </p>
      )}
      {settingsValid && noDigitsToTrain && !running && (
        <p className="alert-inline">
          Train with my digits is on, but none of my digits is there to train on (those held out never are): add some from the drawing pad,
          or turn it off under Settings.
        </p>
      )}
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      <FaultAlert />
      <TrainProgressBar />
    </section>
  );
}
