import type { ModelView } from '../../state/store';
import { useAppState } from '../../state/store';
import { summaryShape } from '../../ml/network/plan';
import { count } from '../format';
import { VisPanel } from './VisPanel';
import type { Vis } from './useVis';

function drawSummary(vis: Vis, container: HTMLElement, model: ModelView | null) {
  if (!model) return undefined;
  const rows = model.plan.layers.map((layer) => [`${layer.name} (${layer.className})`, summaryShape(layer), count(layer.params)]);
  vis.render.table(container, {
    headers: ['Layer (type)', 'Output shape', 'Params'],
    values: [...rows, ['Total', '', count(model.plan.totalParams)]],
  });
  return undefined;
}

/** The Keras-style summary, from the network's plan: the worker built the model from the same plan. */
export function ModelSummary() {
  const model = useAppState((state) => state.model);
  return <VisPanel title="Model summary" testId="chart-model-summary" data={model} draw={drawSummary} intervalMs={0} />;
}
