import { BackendBadge } from './BackendBadge';
import { CurvesPanel } from './charts/CurvesPanel';
import { ModelSummary } from './charts/ModelSummary';
import { WeightHistograms } from './charts/WeightHistograms';
import { DatasetStatus } from './DatasetStatus';
import { DrawPanel } from './draw/DrawPanel';
import { EvaluationPanel } from './evaluation/EvaluationPanel';
import { MemoryBadge } from './MemoryBadge';
import { ModelsPanel } from './models/ModelsPanel';
import { MyDigitsPanel } from './myDigits/MyDigitsPanel';
import { Notices } from './Notices';
import { OfflineBadge } from './OfflineBadge';
import { SampleGrid } from './SampleGrid';
import { RunsPanel } from './runs/RunsPanel';
import { SettingsDrawer } from './settings/SettingsDrawer';
import { TrainControls } from './TrainControls';
import { UpdateNotice } from './UpdateNotice';
import { useLeaveGuard } from './useLeaveGuard';

/**
 * One screen for training, as TF Playground has it: the controls, the live curves and the drawing pad
 * together (the settings fold away); below them what a finished run is looked at with.
 */
export function App() {
  useLeaveGuard();
  return (
    <>
      <header className="app-header">
        <div className="title-row">
          <h1>MNIST, trained in your tab</h1>
          <p>
            A small convolutional network learns MNIST&apos;s 60,000 handwritten digits on your device, inside this page; nothing leaves it.
          </p>
        </div>
        <div className="status-row">
          <DatasetStatus />
          <BackendBadge />
          <MemoryBadge />
          <OfflineBadge />
        </div>
        <UpdateNotice />
        <Notices />
      </header>
      <main className="workbench">
        <TrainControls />
        <SettingsDrawer />
        <CurvesPanel />
        <DrawPanel />
        <RunsPanel />
        <MyDigitsPanel />
        <EvaluationPanel />
        <ModelsPanel />
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
