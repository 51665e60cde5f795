import { useMemo } from 'react';
import { ChartPanel } from './ChartPanel';
import { CHART_POINTS, LINE_DATA, boundLines, lineSpec, specPoints, specShape, type Line, type LineChartOptions } from './lineSpec';
import { isDrawnIn } from './chartViews';
import { chartTheme } from './theme';
import { loadEmbed, type Drawn, type Embed } from './useVis';

interface Props {
  title: string;
  testId: string;
  lines: readonly Line[];
  options: LineChartOptions;
  /** What the empty chart says until its first point. */
  placeholder?: string;
}

interface Drawing {
  readonly lines: readonly Line[];
  readonly options: LineChartOptions;
}

/** The view each chart last drew, and the shape of its spec: a redraw of the same shape only hands it new points. */
const drawn = new WeakMap<HTMLElement, { shape: string; drawing: Drawn }>();

/**
 * A first draw (or one whose axes, runs or colours changed) builds the vega view; after that the
 * view takes the new points and re-renders, without compiling the spec again: a full rebuild took
 * 50–120 ms on a 2-core machine, a long task every redraw while training.
 */
function drawLines(embed: Embed, container: HTMLElement, { lines, options }: Drawing) {
  if (lines.every((line) => line.points.length === 0)) return undefined;
  const spec = lineSpec(lines, options);
  // The theme is applied when a view is built: a changed one builds it again.
  const shape = `${specShape(spec)}${JSON.stringify(chartTheme())}`;
  const previous = drawn.get(container);
  if (previous && previous.shape === shape && isDrawnIn(container, previous.drawing)) {
    return previous.drawing.view.data(LINE_DATA, specPoints(spec)).runAsync();
  }
  return embed(container, spec, { actions: false }).then((drawing) => {
    drawn.set(container, { shape, drawing });
  });
}

/** Lines through epochs or batches, one colour per run, training dashed and validation solid. */
export function LineChart({ title, testId, lines, options, placeholder }: Props) {
  const data = useMemo(() => ({ lines, options }), [lines, options]);
  const series = useMemo(() => lines.map((line) => `${line.label} ${line.curve}`.trim()), [lines]);
  const budget = options.maxPoints ?? CHART_POINTS;
  const thinned = useMemo(() => boundLines(lines, budget).thinned, [lines, budget]);
  const note = thinned
    ? `Drawn through ${budget.toLocaleString('en-GB')} points in all: each stretch of a line keeps its highest and lowest.`
    : null;
  const empty = lines.every((line) => line.points.length === 0);
  return (
    <ChartPanel
      title={title}
      testId={testId}
      data={data}
      library={loadEmbed}
      draw={drawLines}
      series={series}
      note={note}
      placeholder={empty ? (placeholder ?? 'Appears as soon as there is something to draw.') : null}
    />
  );
}

/** Colours for runs that read on the light and the dark background. */
export const RUN_COLORS = ['#2a5bd7', '#e8710a', '#1e8e3e', '#d93025', '#9334e6', '#12a4af', '#b06000', '#e52592'];
