import { ChartPanel } from './ChartPanel';
import { loadVis, type Vis } from './useVis';

interface Props<D> {
  title: string;
  testId: string;
  data: D;
  draw: (vis: Vis, container: HTMLElement, data: D) => Promise<unknown> | undefined;
  intervalMs?: number;
}

/** A tfjs-vis chart (histograms, heatmaps, tables). */
export function VisPanel<D>(props: Props<D>) {
  return <ChartPanel {...props} library={loadVis} />;
}
