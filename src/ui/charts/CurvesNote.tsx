import { sharePercent } from '../../ml/data/validation';
import { useAppState } from '../../state/store';

/** What the validation curve was measured on, and why it can sit below the training curve. */
export function CurvesNote() {
  const train = useAppState((state) => state.config.train);
  return (
    <p className="muted curves-note">
      {train.validation === 'test' ? (
        <>
          Validation here is the test set, as in the notebook (<code>validation_data=(x_test, y_test)</code>): a run compared and chosen by
          it has been tuned on the test set. Choose a held-out share under Validation to keep the test set for the end.
        </>
      ) : (
        <>
          Validation here is the last {sharePercent(train)} % of the training images in use, held out as Keras&apos;{' '}
          <code>validation_split={train.validationSplit}</code> holds them: the test set is touched only by Evaluate.
        </>
      )}{' '}
      Early on, validation loss can sit below training loss: the training figure is the mean over the epoch&apos;s batches, most of them
      taken by weights worse than the epoch&apos;s last, and with dropout on, which validation runs without.
    </p>
  );
}
