import type { VisualizationSpec } from 'vega-embed';

/** One line: a run's training or validation curve, or its batch losses (smoothed, and raw behind them). */
export interface Line {
  /** What the colour stands for: a run's name, or (for one run) the curve's. */
  readonly label: string;
  readonly color: string;
  readonly curve: 'train' | 'validation' | 'batch' | 'raw';
  readonly points: readonly { readonly x: number; readonly y: number }[];
}

export interface LineChartOptions {
  readonly xTitle: string;
  readonly yTitle: string;
  /** Epochs: integer ticks, and half an epoch of room either side so no marker is cut. */
  readonly integerX: boolean;
  readonly height: number;
  /** A logarithmic y axis (the values must all be above zero). */
  readonly logScale?: boolean;
  /** At most this many points drawn, all lines together (CHART_POINTS unless told). */
  readonly maxPoints?: number;
}

/** Legend entries drawn as short lines, in their run's colour. */
const LEGEND = {
  orient: 'bottom',
  direction: 'horizontal',
  columns: 2,
  symbolType: 'stroke',
  symbolStrokeWidth: 2,
  labelLimit: 240,
} as const;

/**
 * At most this many points in one chart, all lines together: vega lays out every datum, and
 * 7 runs of 10,000 epochs (140,000 points a chart) took over 10 s a redraw on a 2-core machine.
 */
export const CHART_POINTS = 8_000;

/** The name of a line chart's data in its view, which new points are handed to. */
export const LINE_DATA = 'points';

/** Markers on every point only while a line has few enough for them to read. */
const MARKED_POINTS = 60;

type Point = Line['points'][number];

/**
 * A line through at most `max` points: each stretch of the line keeps its lowest and highest
 * point, in order, so a spike or a dip still shows; the first and the last point stay.
 */
export function thinPoints(points: readonly Point[], max: number): readonly Point[] {
  if (points.length <= max) return points;
  const buckets = Math.max(1, Math.floor((max - 2) / 2));
  const size = (points.length - 2) / buckets;
  const kept: Point[] = [points[0] as Point];
  for (let b = 0; b < buckets; b++) {
    const start = 1 + Math.floor(b * size);
    const end = Math.min(points.length - 1, 1 + Math.floor((b + 1) * size));
    let low: Point | undefined;
    let high: Point | undefined;
    for (let i = start; i < end; i++) {
      const point = points[i] as Point;
      if (!low || point.y < low.y) low = point;
      if (!high || point.y > high.y) high = point;
    }
    if (!low || !high) continue;
    if (low === high) kept.push(low);
    else kept.push(...(low.x < high.x ? [low, high] : [high, low]));
  }
  kept.push(points[points.length - 1] as Point);
  return kept;
}

/** The lines within CHART_POINTS, each thinned to its share; `thinned` says whether any was. */
export function boundLines(lines: readonly Line[], budget = CHART_POINTS): { lines: readonly Line[]; thinned: boolean } {
  const total = lines.reduce((sum, line) => sum + line.points.length, 0);
  if (total <= budget) return { lines, thinned: false };
  const share = Math.max(16, Math.floor(budget / Math.max(1, lines.length)));
  return { lines: lines.map((line) => ({ ...line, points: thinPoints(line.points, share) })), thinned: true };
}

const DASHES: Record<Line['curve'], number[]> = { train: [6, 4], validation: [1, 0], batch: [1, 0], raw: [1, 0] };
/** TensorBoard draws the unsmoothed curve faintly behind the smoothed one. */
const OPACITIES: Record<Line['curve'], number> = { train: 1, validation: 1, batch: 1, raw: 0.25 };

/**
 * A vega-lite spec for lines as Keras' history plots draw them: colour by run (or by
 * curve for one run), training dashed and validation solid, a legend of the colours.
 */
export function lineSpec(all: readonly Line[], options: LineChartOptions): VisualizationSpec {
  const { lines } = boundLines(all, options.maxPoints);
  const marked = lines.every((line) => line.points.length <= MARKED_POINTS);
  const values = lines.flatMap((line) => line.points.map((point) => ({ ...point, label: line.label, curve: line.curve })));
  const labels = [...new Set(lines.map((line) => line.label))];
  const curves = [...new Set(lines.map((line) => line.curve))];
  const xs = values.map((value) => value.x);
  // A loop, not Math.min(...xs): spreading tens of thousands of points overflows the stack.
  const low = xs.reduce((a, b) => Math.min(a, b), Infinity);
  const high = xs.reduce((a, b) => Math.max(a, b), -Infinity);
  // Every epoch its own tick (and grid line) while they fit.
  const integers = options.integerX && xs.length > 0 && high - low < 12 ? Array.from({ length: high - low + 1 }, (_, i) => low + i) : null;
  // Half an epoch of room either side: the first and last markers are never cut.
  // Batches take the data's own extent (no domain written), so the spec stays the same as points arrive and the view streams them.
  const domain = !options.integerX ? null : xs.length === 0 ? [0, 1] : [low - 0.5, high + 0.5];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    width: 'container',
    height: options.height,
    autosize: { type: 'fit', contains: 'padding' },
    data: { name: LINE_DATA, values },
    mark: { type: 'line', point: options.integerX && marked, clip: true, strokeWidth: 2 },
    encoding: {
      x: {
        field: 'x',
        type: 'quantitative',
        title: options.xTitle,
        scale: { ...(domain ? { domain } : {}), nice: false, zero: false },
        axis: options.integerX ? { tickMinStep: 1, format: 'd', ...(integers ? { values: integers } : {}) } : { format: '~s' },
      },
      y: {
        field: 'y',
        type: 'quantitative',
        title: options.logScale ? `${options.yTitle} (log scale)` : options.yTitle,
        // A few pixels of room: a flat stretch (a constant rate, a loss at its floor) is not drawn on the frame.
        scale: options.logScale ? { type: 'log', padding: 6 } : { zero: false, padding: 6 },
      },
      color: {
        field: 'label',
        type: 'nominal',
        title: null,
        scale: { domain: labels, range: labels.map((label) => lines.find((line) => line.label === label)?.color ?? 'gray') },
        legend: LEGEND,
      },
      strokeDash: {
        field: 'curve',
        type: 'nominal',
        title: null,
        scale: { domain: curves, range: curves.map((curve) => DASHES[curve]) },
        // The caption says which dash is which: vega's legend would draw the dashes without ink.
        legend: null,
      },
      opacity: {
        field: 'curve',
        type: 'nominal',
        scale: { domain: curves, range: curves.map((curve) => OPACITIES[curve]) },
        legend: null,
      },
      detail: { field: 'curve', type: 'nominal' },
      tooltip: [
        { field: 'label', type: 'nominal', title: 'run' },
        { field: 'curve', type: 'nominal' },
        { field: 'x', type: 'quantitative', title: options.xTitle },
        { field: 'y', type: 'quantitative', title: options.yTitle, format: '.4f' },
      ],
    },
  };
}

/** A spec without its points: two specs alike here draw alike, so the view drawn for one takes the other's points. */
export function specShape(spec: VisualizationSpec): string {
  return JSON.stringify({ ...spec, data: null });
}

/** The points a spec carries. */
export function specPoints(spec: VisualizationSpec): unknown[] {
  const data: unknown = 'data' in spec ? spec.data : null;
  return typeof data === 'object' && data !== null && 'values' in data && Array.isArray(data.values) ? data.values : [];
}
