import { augments } from '../../ml/data/augment';
import { validationText } from '../../ml/data/validation';
import { netText, sameNetwork } from '../../ml/network/netText';
import { NOTEBOOK_NETWORK } from '../../ml/network/network';
import { planNetwork } from '../../ml/network/plan';
import { useAppState } from '../../state/store';
import { count } from '../format';
import { augmentText, recipeTitle } from '../runs/runRows';

/** What Train trains, in one line, for the training bar: the settings themselves are folded away. */
export function RecipeLine() {
  const train = useAppState((state) => state.config.train);
  const planned = planNetwork(train.network);
  const network = sameNetwork(train.network, NOTEBOOK_NETWORK) ? 'the notebook’s network' : netText(train.network);
  const params = planned.ok ? `, ${count(planned.plan.totalParams)} parameters` : '';
  const augmentation = augments(train) ? ` · ${augmentText(train)}` : '';
  return (
    <p className="recipe-line" data-testid="recipe-line">
      <strong>{recipeTitle(train) === 'own' ? 'Your own recipe' : `${recipeTitle(train)} recipe`}</strong>: {train.optimizer}{' '}
      {train.learningRate} {train.schedule} · batch {count(train.batchSize)} · {train.epochs} epoch{train.epochs === 1 ? '' : 's'}
      {augmentation} · {network}
      {params} · {train.validation === 'test' ? 'validated on the test set' : `validated on ${validationText(train)}`}
    </p>
  );
}
