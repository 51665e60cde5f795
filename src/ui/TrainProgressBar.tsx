import { useAppState } from '../state/store';
import { count, seconds } from './format';
import { secondsLeft } from '../state/pace';

/** Epoch (of the run, as its list counts), step, examples/s and a time estimate for the rest of the run. */
export function TrainProgressBar() {
  const progress = useAppState((state) => state.training.progress);
  const running = useAppState((state) => state.training.state === 'training');
  const base = useAppState((state) => state.training.runEpochBase);
  const pace = useAppState((state) => state.training.pace);
  if (!progress) return null;
  const { epoch, firstEpoch, lastEpoch, step, steps, examplesPerSec } = progress;
  const totalSteps = (lastEpoch - firstEpoch + 1) * steps;
  const doneSteps = (epoch - firstEpoch) * steps + step;
  const left = running ? secondsLeft(pace, progress) : null;
  const eta = left === null ? '' : ` · about ${seconds(left)} left`;
  return (
    <div className="progress" data-testid="train-progress">
      <progress max={totalSteps} value={doneSteps} aria-label="Training progress" />
      <span>
        Epoch {epoch - base}/{lastEpoch - base} · step {count(step)}/{count(steps)} · {count(Math.round(examplesPerSec))} examples/s{eta}
      </span>
    </div>
  );
}
