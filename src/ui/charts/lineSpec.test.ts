import { describe, expect, it } from 'vitest';
import { lineSpec, type Line } from './lineSpec';

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

  it('takes seven runs of 10,000 epochs without overflowing the stack', () => {
    const lines: Line[] = Array.from({ length: 7 }, (_, run) => ({
      label: `run ${run}`,
      color: '#333333',
      curve: 'validation',
      points: Array.from({ length: 10_000 }, (_, i) => ({ x: i + 1, y: 1 / (i + 1) })),
    }));
    const spec = lineSpec(lines, { integerX: true, height: 200, xTitle: 'epoch', yTitle: 'loss' });
    expect(JSON.stringify(spec)).toContain('"domain":[0.5,10000.5]');
  });
});
