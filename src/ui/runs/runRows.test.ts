import { describe, expect, it } from 'vitest';
import { FRESH } from '../../state/runs/origin';
import { setEvaluation, setMyEvaluation, startRun, type RunRecord } from '../../state/runs/record';
import { NOTEBOOK_RECIPE } from '../../state/settings';
import { RESULT_ROWS, SETTING_ROWS, compareRows, runSummary } from './runRows';

const plain: RunRecord = startRun({
  id: '20261201-083301',
  config: NOTEBOOK_RECIPE,
  plannedEpochs: 5,
  engine: 'wasm',
  device: 'wasm',
  origin: FRESH,
  startedAt: new Date(2026, 11, 1),
  myDigits: null,
});

/** 3 of 4 held-out digits right. */
const mineMatrix = Array.from({ length: 10 }, (_, i) =>
  Array.from({ length: 10 }, (_, j) => (i === j && i < 3 ? 1 : i === 7 && j === 1 ? 1 : 0)),
);
const validation = Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => (i === j ? 98 : i === 0 && j === 1 ? 20 : 0)));

const withMine: RunRecord = setMyEvaluation(
  setEvaluation(
    {
      ...plain,
      id: '20261201-083302',
      settings: { ...NOTEBOOK_RECIPE, myDigits: true, myRepeat: 10 },
      myDigits: { count: 16, repeat: 10, fingerprint: 'a1b2c3d4' },
    },
    validation,
  ),
  mineMatrix,
);

const row = (rows: typeof SETTING_ROWS, label: string, runs: readonly RunRecord[]) =>
  compareRows(rows, runs).find((entry) => entry.label === label);

describe('the comparison', () => {
  it('shows the digits of mine each run trained on, and its accuracy on the held-out ones', () => {
    expect(row(SETTING_ROWS, 'My digits trained on', [plain, withMine])).toEqual({
      label: 'My digits trained on',
      values: ['none', '16 × 10 · a1b2c3d4'],
      differs: true,
    });
    expect(row(RESULT_ROWS, 'My digits accuracy', [plain, withMine])).toEqual({
      label: 'My digits accuracy',
      values: ['—', '75.0 % of 4 held out'],
      differs: true,
    });
    // Beside the validation, which stays the MNIST one.
    expect(row(RESULT_ROWS, 'Validation accuracy', [plain, withMine])?.values).toEqual(['—', '98.00 %']);
  });

  it('says nothing differs where neither trained with my digits', () => {
    expect(row(SETTING_ROWS, 'My digits trained on', [plain, { ...plain, id: '20261201-083303' }])).toMatchObject({ differs: false });
  });
});

describe('a run’s line', () => {
  it('says in words how many of my digits it trained with and how it did on the held-out ones', () => {
    const line = runSummary(withMine);
    expect(line).toContain('batch 128 · with 16 of my digits ×10 · 0/5 epochs');
    expect(line).toContain('test 98.00 % · my held-out digits 75.0 %');
  });

  it('says nothing of my digits where a run never met them', () => {
    expect(runSummary(plain)).not.toContain('my digits');
  });
});
