import { useMemo } from 'react';
import { ChartPanel } from './ChartPanel';
import { CHART_POINTS, boundLines, lineSpec, type Line, type LineChartOptions } from './lineSpec';
import { loadEmbed, type Embed } from './useVis';

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

function drawLines(embed: Embed, container: HTMLElement, { lines, options }: Drawing) {
  if (lines.every((line) => line.points.length === 0)) return undefined;
  return embed(container, lineSpec(lines, options), { actions: false });
}

/** Lines through epochs or batches, one colour per run, training dashed and validation solid. */
export function LineChart({ title, testId, lines, options, placeholder }: Props) {
  const data = useMemo(() => ({ lines, options }), [lines, options]);
  const series = useMemo(() => lines.map((line) => `${line.label} ${line.curve}`.trim()), [lines]);
  const thinned = useMemo(() => boundLines(lines).thinned, [lines]);
  const note = thinned
    ? `Drawn through ${CHART_POINTS.toLocaleString('en-GB')} points in all: each stretch of a line keeps its highest and lowest.`
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
