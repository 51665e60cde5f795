import type { EpochLog } from '../../ml/train';
import { useAppState } from '../../state/store';
import { VisPanel } from './VisPanel';
import type { Vis } from './useVis';

type Metric = 'loss' | 'accuracy';

function drawCurves(metric: Metric) {
  return (vis: Vis, container: HTMLElement, epochs: readonly EpochLog[]) => {
    const train = epochs.map((log) => ({ x: log.epoch, y: metric === 'loss' ? log.loss : log.accuracy }));
    const validation = epochs.map((log) => ({ x: log.epoch, y: metric === 'loss' ? log.valLoss : log.valAccuracy }));
    if (train.length === 0) return undefined;
    const data = { values: [train, validation], series: ['train', 'validation'] };
    const options = { xLabel: 'epoch', yLabel: metric, height: 220, zoomToFit: true, seriesColors: ['#2a5bd7', '#e8710a'] };
    // tfjs-vis' linechart plots points at their index, not their x: a scatterplot keeps epochs at their numbers.
    return vis.render.scatterplot(container, data, options);
  };
}

const drawLoss = drawCurves('loss');
const drawAccuracy = drawCurves('accuracy');

/** Loss and accuracy per epoch, training against validation, like Keras' history plots. */
export function EpochCurves() {
  const epochs = useAppState((state) => state.training.epochs);
  return (
    <>
      <VisPanel title="Loss per epoch" testId="chart-epoch-loss" data={epochs} draw={drawLoss} />
      <VisPanel title="Accuracy per epoch" testId="chart-epoch-accuracy" data={epochs} draw={drawAccuracy} />
    </>
  );
}
