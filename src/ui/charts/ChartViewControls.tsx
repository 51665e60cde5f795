import { chartViewChanged } from '../../state/settingsActions';
import { useAppState } from '../../state/store';
import { SMOOTHING } from './smoothing';

/** TensorBoard's two controls for scalar curves: smoothing, and a logarithmic y axis. */
export function ChartViewControls() {
  const { smoothing, logScale } = useAppState((state) => state.config.chartView);
  return (
    <div className="chart-view" role="group" aria-label="How the batch curves are drawn">
      <label className="chart-view-smoothing">
        Smoothing
        <input
          type="range"
          min={SMOOTHING.min}
          max={SMOOTHING.max}
          step={SMOOTHING.step}
          value={smoothing}
          onChange={(event) => chartViewChanged({ smoothing: Number(event.target.value) })}
        />
        <output>{smoothing.toFixed(2)}</output>
      </label>
      <label>
        <input type="checkbox" checked={logScale} onChange={(event) => chartViewChanged({ logScale: event.target.checked })} />
        Log scale
      </label>
    </div>
  );
}
