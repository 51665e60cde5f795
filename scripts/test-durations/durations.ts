import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * How long each test took against its limit, written by the Vitest and Playwright reporters
 * beside this file and read back by `slowest.ts`, which `npm test` runs last: a margin that
 * shrinks shows in every run, before the test fails on a slower machine.
 */
export interface TestDuration {
  readonly suite: 'unit' | 'e2e';
  readonly name: string;
  readonly ms: number;
  readonly limitMs: number;
}

/** Where the reporters write (git-ignored): one file a suite, replaced at every run. */
export const DURATIONS_DIR = join(import.meta.dirname, '..', '..', 'test-durations');

/** A test may take at most this share of its limit on the slowest machine the suite must pass on. */
export const MARGIN = 1 / 3;

export function writeDurations(suite: TestDuration['suite'], durations: readonly TestDuration[]): void {
  mkdirSync(DURATIONS_DIR, { recursive: true });
  writeFileSync(join(DURATIONS_DIR, `${suite}.json`), `${JSON.stringify(durations, null, 1)}\n`);
}

function isDuration(value: unknown): value is TestDuration {
  if (typeof value !== 'object' || value === null) return false;
  const { suite, name, ms, limitMs } = value as Record<string, unknown>;
  return (suite === 'unit' || suite === 'e2e') && typeof name === 'string' && typeof ms === 'number' && typeof limitMs === 'number';
}

export function readDurations(): TestDuration[] {
  let files: string[];
  try {
    files = readdirSync(DURATIONS_DIR).filter((file) => file.endsWith('.json'));
  } catch {
    return [];
  }
  return files.flatMap((file) => {
    const parsed: unknown = JSON.parse(readFileSync(join(DURATIONS_DIR, file), 'utf8'));
    return Array.isArray(parsed) ? parsed.filter(isDuration) : [];
  });
}

/** The `count` tests that used most of their limit, largest share first. */
export function slowest(durations: readonly TestDuration[], count: number): TestDuration[] {
  const share = (d: TestDuration): number => (d.limitMs > 0 ? d.ms / d.limitMs : Infinity);
  return [...durations].sort((a, b) => share(b) - share(a) || b.ms - a.ms).slice(0, count);
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** One line a test: its time, its limit, the share, and a mark past the margin. */
export function formatSlowest(durations: readonly TestDuration[], count: number): string[] {
  const rows = slowest(durations, count);
  if (rows.length === 0) return ['No test durations were recorded.'];
  const over = durations.filter((d) => d.ms > d.limitMs * MARGIN).length;
  return [
    `The ${rows.length} tests that used most of their time limit (of ${durations.length}; a test should use at most ${Math.round(MARGIN * 100)} %):`,
    ...rows.map((d) => {
      const percent = Math.round((100 * d.ms) / d.limitMs);
      const mark = d.ms > d.limitMs * MARGIN ? '  ← past the margin' : '';
      return `  ${seconds(d.ms).padStart(8)} of ${seconds(d.limitMs).padStart(7)} ${`${percent} %`.padStart(5)}  ${d.suite.padEnd(4)} ${d.name}${mark}`;
    }),
    over === 0 ? 'Every test is within its margin.' : `${over} test${over === 1 ? ' is' : 's are'} past the margin.`,
  ];
}
