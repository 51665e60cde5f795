import { describe, expect, it } from 'vitest';
import { CHART_POINTS, boundLines, lineSpec, specPoints, specShape, thinPoints, type Line } from './lineSpec';

const lines: Line[] = [
  { label: 'run a', color: '#111111', curve: 'train', points: [1, 2, 3].map((x) => ({ x, y: 1 / x })) },
  { label: 'run a', color: '#111111', curve: 'validation', points: [1, 2, 3].map((x) => ({ x, y: 0.5 / x })) },
  { label: 'run b', color: '#222222', curve: 'train', points: [1, 2].map((x) => ({ x, y: 2 / x })) },
];

describe('lineSpec', () => {
  it('puts epochs on integer ticks with half an epoch of room either side, so no marker is cut', () => {
    const spec = JSON.parse(JSON.stringify(lineSpec(lines, { xTitle: 'epoch', yTitle: 'loss', integerX: true, height: 200 }))) as {
      encoding: { x: { scale: { domain: number[] }; axis: { values: number[]; format: string } } };
      mark: { point: boolean };
    };
    expect(spec.encoding.x.scale.domain).toEqual([0.5, 3.5]);
    expect(spec.encoding.x.axis.values).toEqual([1, 2, 3]);
    expect(spec.encoding.x.axis.format).toBe('d');
    expect(spec.mark.point).toBe(true);
  });

  it('gives batches the data’s own extent, so a spec keeps its shape as points arrive and the view only takes them', () => {
    const options = { xTitle: 'batch', yTitle: 'loss', integerX: false, height: 200 } as const;
    const line = { label: 'this model', color: '#111111', curve: 'batch' } as const;
    const few: Line[] = [{ ...line, points: [{ x: 1, y: 2 }] }];
    const more: Line[] = [{ ...line, points: [1, 2, 3, 4].map((x) => ({ x, y: 2 / x })) }];
    expect(specShape(lineSpec(more, options))).toBe(specShape(lineSpec(few, options)));
    expect(specPoints(lineSpec(more, options))).toHaveLength(4);
    expect(specShape(lineSpec(more, { ...options, logScale: true }))).not.toBe(specShape(lineSpec(few, options)));
    // Epochs keep their half epoch of room, which moves with the data: those are drawn anew.
    const epochs = { ...options, integerX: true };
    expect(specShape(lineSpec(more, epochs))).not.toBe(specShape(lineSpec(few, epochs)));
  });

  it('colours by run and dashes training, with one legend entry per run and per curve', () => {
    const spec = JSON.parse(JSON.stringify(lineSpec(lines, { xTitle: 'epoch', yTitle: 'loss', integerX: true, height: 200 }))) as {
      data: { values: unknown[] };
      encoding: { color: { scale: { domain: string[]; range: string[] } }; strokeDash: { scale: { domain: string[]; range: number[][] } } };
    };
    expect(spec.data.values).toHaveLength(8);
    expect(spec.encoding.color.scale).toEqual({ domain: ['run a', 'run b'], range: ['#111111', '#222222'] });
    expect(spec.encoding.strokeDash.scale).toEqual({
      domain: ['train', 'validation'],
      range: [
        [6, 4],
        [1, 0],
      ],
    });
  });

  it('draws a raw curve faintly behind its smoothed one, and a log axis when asked', () => {
    const batches: Line[] = [
      { label: 'this model', color: '#111111', curve: 'raw', points: [1, 2, 3].map((x) => ({ x, y: 3 / x })) },
      { label: 'this model', color: '#111111', curve: 'batch', points: [1, 2, 3].map((x) => ({ x, y: 2 / x })) },
    ];
    const spec = JSON.parse(
      JSON.stringify(lineSpec(batches, { xTitle: 'batch', yTitle: 'loss', integerX: false, height: 200, logScale: true })),
    ) as {
      encoding: { opacity: { scale: { domain: string[]; range: number[] } }; y: { scale: { type?: string }; title: string } };
    };
    expect(spec.encoding.opacity.scale).toEqual({ domain: ['raw', 'batch'], range: [0.25, 1] });
    expect(spec.encoding.y.scale.type).toBe('log');
    expect(spec.encoding.y.title).toBe('loss (log scale)');
  });

  it('takes seven runs of 10,000 epochs without overflowing the stack', () => {
    const lines: Line[] = Array.from({ length: 7 }, (_, run) => ({
      label: `run ${run}`,
      color: '#333333',
      curve: 'validation',
      points: Array.from({ length: 10_000 }, (_, i) => ({ x: i + 1, y: 1 / (i + 1) })),
    }));
    const spec = lineSpec(lines, { integerX: true, height: 200, xTitle: 'epoch', yTitle: 'loss' });
    expect(JSON.stringify(spec)).toContain('"domain":[0.5,10000.5]');
    const values = (spec as { data: { values: unknown[] } }).data.values;
    expect(values.length).toBeLessThanOrEqual(CHART_POINTS);
    expect(JSON.stringify(spec)).toContain('"point":false');
  });

  it('thins a long line to its bound, keeping the ends, the order and every stretch’s extremes', () => {
    const points = Array.from({ length: 10_000 }, (_, i) => ({ x: i + 1, y: i === 4_321 ? 9 : i === 7_000 ? -9 : 1 / (i + 1) }));
    const thin = thinPoints(points, 500);
    expect(thin.length).toBeLessThanOrEqual(500);
    expect(thin[0]).toEqual(points[0]);
    expect(thin.at(-1)).toEqual(points.at(-1));
    expect(thin.map((point) => point.y)).toContain(9);
    expect(thin.map((point) => point.y)).toContain(-9);
    expect(thin.every((point, i) => i === 0 || point.x > (thin[i - 1]?.x ?? 0))).toBe(true);
    expect(thinPoints(points.slice(0, 300), 500)).toHaveLength(300);
  });

  it('leaves charts within the bound as they are, and shares the bound between lines past it', () => {
    expect(boundLines(lines)).toEqual({ lines, thinned: false });
    const many = Array.from({ length: 4 }, (_, i) => ({
      ...lines[0],
      label: `r${i}`,
      points: Array.from({ length: 5_000 }, (_, x) => ({ x, y: x })),
    })) as Line[];
    const bound = boundLines(many);
    expect(bound.thinned).toBe(true);
    expect(bound.lines.reduce((sum, line) => sum + line.points.length, 0)).toBeLessThanOrEqual(CHART_POINTS);
  });
});
