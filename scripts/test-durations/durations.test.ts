import { describe, expect, it } from 'vitest';
import { formatSlowest, slowest, type TestDuration } from './durations';

const test = (name: string, ms: number, limitMs: number): TestDuration => ({ suite: 'unit', name, ms, limitMs });

describe('the slowest tests', () => {
  it('ranks by the share of its own limit, not by time alone', () => {
    const durations = [
      test('long but far from its limit', 50_000, 300_000),
      test('short but close', 25_000, 60_000),
      test('quick', 10, 60_000),
    ];
    expect(slowest(durations, 2).map((d) => d.name)).toEqual(['short but close', 'long but far from its limit']);
  });

  it('marks a test past a third of its limit and counts them', () => {
    const lines = formatSlowest([test('near', 25_000, 60_000), test('fine', 1_000, 60_000)], 10);
    expect(lines[1]).toMatch(/25\.0 s of +60\.0 s +42 % +unit near +← past the margin/);
    expect(lines[2]).not.toContain('past the margin');
    expect(lines.at(-1)).toBe('1 test is past the margin.');
  });

  it('says so when every test is within its margin, or when nothing was recorded', () => {
    expect(formatSlowest([test('fine', 1_000, 60_000)], 10).at(-1)).toBe('Every test is within its margin.');
    expect(formatSlowest([], 10)).toEqual(['No test durations were recorded.']);
  });
});
