import { BackendBadge } from './BackendBadge';
import { BatchLossChart } from './charts/BatchLossChart';
import { ChartViewControls } from './charts/ChartViewControls';
import { LearningRateChart } from './charts/LearningRateChart';
import { EpochCurves } from './charts/EpochCurves';
import { ModelSummary } from './charts/ModelSummary';
import { WeightHistograms } from './charts/WeightHistograms';
import { DatasetStatus } from './DatasetStatus';
import { DrawPanel } from './draw/DrawPanel';
import { EpochLog } from './EpochLog';
import { EvaluationPanel } from './evaluation/EvaluationPanel';
import { MemoryBadge } from './MemoryBadge';
import { ModelsPanel } from './models/ModelsPanel';
import { NetworkPanel } from './network/NetworkPanel';
import { Notices } from './Notices';
import { OfflineBadge } from './OfflineBadge';
import { SampleGrid } from './SampleGrid';
import { TestResult } from './TestResult';
import { RunsPanel } from './runs/RunsPanel';
import { SettingsPanel } from './settings/SettingsPanel';
import { TrainControls } from './TrainControls';
import { UpdateNotice } from './UpdateNotice';
import { useLeaveGuard } from './useLeaveGuard';

export function App() {
  useLeaveGuard();
  return (
    <>
      <header className="app-header">
        <h1>MNIST, trained in your tab</h1>
        <p>
          A small convolutional network learns the 60,000 handwritten digits of MNIST on your own device, inside this page. Nothing you do
          here leaves your browser.
        </p>
        <div className="status-row">
          <DatasetStatus />
          <BackendBadge />
          <MemoryBadge />
          <OfflineBadge />
        </div>
        <UpdateNotice />
        <Notices />
      </header>
      <main>
        <SettingsPanel />
        <TrainControls />
        <NetworkPanel />
        <section className="panel" aria-labelledby="curves-heading">
          <h2 id="curves-heading">Learning curves</h2>
          <TestResult />
          <EpochLog />
          <ChartViewControls />
          <div className="chart-grid">
            <EpochCurves />
            <BatchLossChart />
            <LearningRateChart />
          </div>
          <p className="muted curves-note">
            Validation here is the test set, as in the notebook (<code>validation_data=(x_test, y_test)</code>): a run compared and chosen
            by it has been tuned on the test set. Early on, validation loss can sit below training loss: the training figure is the mean
            over the epoch&apos;s batches, most of them taken by weights worse than the epoch&apos;s last, and with dropout on, which
            validation runs without.
          </p>
        </section>
        <RunsPanel />
        <DrawPanel />
        <ModelsPanel />
        <EvaluationPanel />
        <WeightHistograms />
        <section className="panel" aria-labelledby="summary-heading">
          <h2 id="summary-heading">The model in memory</h2>
          <ModelSummary />
        </section>
        <SampleGrid />
      </main>
    </>
  );
}
