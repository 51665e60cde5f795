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
    myDigits: null,
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

  it('tell apart runs trained with my digits, how often each joined an epoch, and how many', () => {
    const mine = (count: number, repeat: number) => ({ myDigits: { count, repeat, fingerprint: 'a1b2c3d4' } });
    const on = { myDigits: true, myRepeat: 10 };
    expect(runLabels([run('20261201-083301'), run('20261201-083302', on, mine(16, 10))])).toEqual(['MNIST only', 'my digits ×10']);
    expect(runLabels([run('20261201-083301', on, mine(16, 10)), run('20261201-083302', { ...on, myRepeat: 20 }, mine(16, 20))])).toEqual([
      'my digits ×10',
      'my digits ×20',
    ]);
    // The set itself sets runs apart only where every one trained with some.
    expect(runLabels([run('20261201-083301', on, mine(16, 10)), run('20261201-083302', on, mine(30, 10))])).toEqual([
      '16 of mine',
      '30 of mine',
    ]);
    expect(runLabels([run('20261201-083301'), run('20261201-083302', on, mine(16, 10)), run('20261201-083303', on, mine(30, 10))])).toEqual(
      ['MNIST only', 'my digits ×10 (083302)', 'my digits ×10 (083303)'],
    );
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
