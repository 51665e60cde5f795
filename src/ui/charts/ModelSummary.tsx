import type { ModelView } from '../../state/store';
import { useAppState } from '../../state/store';
import { count } from '../format';
import { VisPanel } from './VisPanel';
import type { Vis } from './useVis';

function drawSummary(vis: Vis, container: HTMLElement, model: ModelView | null) {
  if (!model) return undefined;
  const rows = model.layers.map((layer) => [`${layer.name} (${layer.kind})`, layer.outputShape, count(layer.params)]);
  vis.render.table(container, {
    headers: ['Layer (type)', 'Output shape', 'Params'],
    values: [...rows, ['Total', '', count(model.totalParams)]],
  });
  return undefined;
}

/** The Keras-style summary; the worker owns the model, so it sends the rows rather than the model. */
export function ModelSummary() {
  const model = useAppState((state) => state.model);
  return <VisPanel title="Model summary" testId="chart-model-summary" data={model} draw={drawSummary} intervalMs={0} />;
}
