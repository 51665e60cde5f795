import { EpochLog } from '../EpochLog';
import { TestResult } from '../TestResult';
import { BatchLossChart } from './BatchLossChart';
import { ChartViewControls } from './ChartViewControls';
import { CurvesNote } from './CurvesNote';
import { EpochCurves } from './EpochCurves';
import { LearningRateChart } from './LearningRateChart';

/** The live curves first, as TensorBoard's scalars; the figures and the log of each epoch below them. */
export function CurvesPanel() {
  return (
    <section className="panel curves-panel" aria-labelledby="curves-heading">
      <div className="panel-head">
        <h2 id="curves-heading">Learning curves</h2>
        <ChartViewControls />
      </div>
      <div className="chart-grid">
        <EpochCurves />
        <BatchLossChart />
        <LearningRateChart />
      </div>
      <TestResult />
      <EpochLog />
      <CurvesNote />
    </section>
  );
}
