import { describe, expect, it } from 'vitest';
import { parseNet } from '../../ml/network/netText';
import { PRESETS } from '../../state/presets';
import { FRESH } from '../../state/runs/origin';
import { startRun, type RunRecord } from '../../state/runs/record';
import { NOTEBOOK_RECIPE } from '../../state/settings';
import type { TrainConfig } from '../../ml/training/train';
import { runLabels } from './runLabels';

const run = (id: string, settings: Partial<TrainConfig> = {}, extra: Partial<RunRecord> = {}): RunRecord => ({
  ...startRun({
    id,
    config: { ...NOTEBOOK_RECIPE, ...settings },
    plannedEpochs: 1,
    engine: 'wasm',
    device: 'wasm',
    origin: FRESH,
    startedAt: new Date(2026, 11, 1),
  }),
  ...extra,
});

describe('run labels', () => {
  it('name runs by what differs between them', () => {
    expect(runLabels([run('20261201-083301'), run('20261201-083302', { learningRate: 0.01 })])).toEqual(['lr 0.001', 'lr 0.01']);
    expect(runLabels([run('20261201-083301'), run('20261201-083302', PRESETS.improved)])).toEqual(['notebook', 'improved']);
    expect(runLabels([run('20261201-083301', { rotation: 5 }), run('20261201-083302', { optimizer: 'sgd', learningRate: 0.1 })])).toEqual([
      'adam · lr 0.001 · rot 5',
      'sgd · lr 0.1 · rot 0',
    ]);
    expect(runLabels([run('20261201-083301'), run('20261201-083302', { network: parseNet('c16-p-c32-p-f-h128-d0.5') })])).toEqual([
      'c8-p-d0.2-c16-…',
      'c16-p-c32-p-f-…',
    ]);
  });

  it('keep a name the person gave, and fall back to the time stamp where nothing differs', () => {
    expect(runLabels([run('20261201-083301', {}, { name: 'baseline' }), run('20261201-083302', { seed: 1 })])).toEqual([
      'baseline',
      'seed 1',
    ]);
    expect(runLabels([run('20261201-083301'), run('20261201-083302')])).toEqual(['20261201-083301', '20261201-083302']);
  });

  it('tell apart two runs that would share a label by their time', () => {
    const labels = runLabels([
      run('20261201-083301', { learningRate: 0.01 }),
      run('20261201-083302', { learningRate: 0.01 }),
      run('20261201-083303'),
    ]);
    expect(labels).toEqual(['lr 0.01 (083301)', 'lr 0.01 (083302)', 'lr 0.001']);
  });
});
