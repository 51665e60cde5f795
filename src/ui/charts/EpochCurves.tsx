import { useMemo } from 'react';
import { useAppState } from '../../state/store';
import { EPOCH_OPTIONS, trainValidationLines } from './curves';
import { LineChart, RUN_COLORS } from './LineChart';

const COLORS = [RUN_COLORS[0] ?? 'steelblue', RUN_COLORS[1] ?? 'darkorange'] as const;

const AFTER_EPOCH = 'Training and validation appear here after the first epoch.';

/** Loss and accuracy per epoch, training against validation, as Keras' history plots show them. */
export function EpochCurves() {
  const epochs = useAppState((state) => state.training.epochs);
  const loss = useMemo(() => trainValidationLines(epochs, 'loss', COLORS), [epochs]);
  const accuracy = useMemo(() => trainValidationLines(epochs, 'accuracy', COLORS), [epochs]);
  return (
    <>
      <LineChart title="Loss per epoch" testId="chart-epoch-loss" lines={loss} options={EPOCH_OPTIONS.loss} placeholder={AFTER_EPOCH} />
      <LineChart
        title="Accuracy per epoch"
        testId="chart-epoch-accuracy"
        lines={accuracy}
        options={EPOCH_OPTIONS.accuracy}
        placeholder={AFTER_EPOCH}
      />
    </>
  );
}
