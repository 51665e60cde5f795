import { FRESH } from './origin';
import { describe, expect, it } from 'vitest';
import type { EpochLog } from '../../ml/training/train';
import { NOTEBOOK_RECIPE } from '../settings';
import { historyCsv } from './csv';
import {
  addEpoch,
  appendLosses,
  EMPTY_LOSSES,
  endRun,
  extendRun,
  lossPoints,
  runIdFor,
  sameExperiment,
  setEvaluation,
  setMyEvaluation,
  startRun,
  type RunStart,
} from './record';

const log = (epoch: number, loss: number): EpochLog => ({
  epoch,
  lastEpoch: 3,
  steps: 10,
  seconds: 2,
  msPerStep: 20,
  loss,
  accuracy: 1 - loss,
  valLoss: loss / 2,
  valAccuracy: 1 - loss / 2,
});

const start: RunStart = {
  id: '20261125-134501',
  config: { ...NOTEBOOK_RECIPE, epochs: 2 },
  plannedEpochs: 2,
  engine: 'wasm',
  device: 'WebAssembly (SIMD)',
  origin: FRESH,
  startedAt: new Date(2026, 10, 25, 13, 45, 1),
  myDigits: null,
};
const started = startRun(start);

describe('run records', () => {
  it('are named as TensorBoard names its runs, made unique', () => {
    const time = new Date(2026, 10, 25, 13, 45, 1);
    expect(runIdFor(time, new Set())).toBe('20261125-134501');
    expect(runIdFor(time, new Set(['20261125-134501', '20261125-134501-2']))).toBe('20261125-134501-3');
  });

  it('record epochs, time, Continue on another engine, the end state and the evaluation', () => {
    let run = addEpoch(addEpoch(started, log(1, 0.5)), log(2, 0.3));
    expect(run.seconds).toBe(4);
    run = extendRun(endRun(run, 'stopped', 'Stopped.'), 3, 'cpu', null);
    expect(run).toMatchObject({ state: 'running', message: null, plannedEpochs: 5, engines: ['wasm', 'cpu'] });
    const matrix = Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => (i === j ? 9 : i === 0 && j === 9 ? 1 : 0)));
    run = endRun(setEvaluation(run, matrix), 'done');
    expect(run.state).toBe('done');
    expect(run.evaluation?.summary).toMatchObject({ total: 91, trace: 90, meanAbsoluteError: 9 / 91, meanSquaredError: 81 / 91 });
  });

  it('record the digits of mine a click trains with, Continue taking the latest click’s, and their evaluation beside the validation', () => {
    expect(started).toMatchObject({ version: 4, myDigits: null, myEvaluation: null });
    const mine = { count: 16, repeat: 10, fingerprint: 'a1b2c3d4' };
    let run = startRun({ ...start, myDigits: mine });
    expect(run.myDigits).toEqual(mine);
    // Two digits added between the clicks: the run now trains with 18 (the settings are the same).
    const more = { count: 18, repeat: 10, fingerprint: '0f1e2d3c' };
    run = extendRun(endRun(addEpoch(run, log(1, 0.5)), 'stopped'), 1, 'wasm', more);
    expect(run.myDigits).toEqual(more);
    expect(extendRun(run, 1, 'wasm', null).myDigits).toBeNull();

    // Ten digits right, two 3s read as 5s.
    const matrix = Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => (i === j ? 1 : i === 3 && j === 5 ? 2 : 0)));
    run = setMyEvaluation(run, matrix);
    expect(run.myEvaluation?.summary).toMatchObject({ total: 12, trace: 10, accuracy: 10 / 12 });
    expect(run.evaluation).toBeNull();
  });

  it('tell experiments with my digits apart: on or off, and how often and how many held out only when on', () => {
    const off = NOTEBOOK_RECIPE;
    const on = { ...NOTEBOOK_RECIPE, myDigits: true, myRepeat: 10, myHoldOut: 0.2 };
    expect(sameExperiment(off, on)).toBe(false);
    expect(sameExperiment(on, off)).toBe(false);
    expect(sameExperiment(on, { ...on, epochs: 3 })).toBe(true);
    expect(sameExperiment(on, { ...on, myRepeat: 20 })).toBe(false);
    expect(sameExperiment(on, { ...on, myHoldOut: 0.5 })).toBe(false);
    // Off, neither changes what is trained.
    expect(sameExperiment(off, { ...off, myRepeat: 20 })).toBe(true);
    expect(sameExperiment(off, { ...off, myHoldOut: 0.5 })).toBe(true);
    expect(sameExperiment(off, { ...off, myRepeat: 20, myHoldOut: 0 })).toBe(true);
    // And the rest of the recipe still counts with them on.
    expect(sameExperiment(on, { ...on, learningRate: 0.003 })).toBe(false);
  });

  it('compare experiments by what changes the result, not by epochs per click', () => {
    expect(sameExperiment(NOTEBOOK_RECIPE, { ...NOTEBOOK_RECIPE, epochs: 1 })).toBe(true);
    expect(sameExperiment(NOTEBOOK_RECIPE, { ...NOTEBOOK_RECIPE, learningRate: 0.003 })).toBe(false);
    expect(sameExperiment(NOTEBOOK_RECIPE, { ...NOTEBOOK_RECIPE, optimizer: 'sgd' })).toBe(false);
    expect(sameExperiment(NOTEBOOK_RECIPE, { ...NOTEBOOK_RECIPE, seed: 1 })).toBe(false);
    expect(sameExperiment(NOTEBOOK_RECIPE, { ...NOTEBOOK_RECIPE, schedule: 'one-cycle' })).toBe(false);
    expect(sameExperiment(NOTEBOOK_RECIPE, { ...NOTEBOOK_RECIPE, shift: 1 })).toBe(false);
    // The decay only matters to a step schedule.
    expect(sameExperiment(NOTEBOOK_RECIPE, { ...NOTEBOOK_RECIPE, lrDecay: 0.3 })).toBe(true);
    const step = { ...NOTEBOOK_RECIPE, schedule: 'step' } as const;
    expect(sameExperiment(step, { ...step, lrDecay: 0.3 })).toBe(false);
  });
});

describe('batch losses', () => {
  it('keep every batch while they fit, then average neighbours, never more than the bound', () => {
    const losses = Array.from({ length: 10 }, (_, i) => i);
    const small = appendLosses(EMPTY_LOSSES, losses, 8);
    // Eight points fill the bound: halved to four groups of two, then two more batches make a fifth group.
    expect(small.stride).toBe(2);
    expect(small.points).toEqual([0.5, 2.5, 4.5, 6.5, 8.5]);
    expect(lossPoints(small).map((point) => point.batch)).toEqual([1.5, 3.5, 5.5, 7.5, 9.5]);

    let big = EMPTY_LOSSES;
    for (let epoch = 0; epoch < 5; epoch++)
      big = appendLosses(
        big,
        Array.from({ length: 469 }, () => 1),
      );
    expect(big.points.length).toBeLessThanOrEqual(2000);
    expect(big.points.length * big.stride + big.partial.count).toBe(5 * 469);
    expect(lossPoints(big).every((point) => point.loss === 1)).toBe(true);
  });

  it('count the same batches however they arrive', () => {
    const losses = Array.from({ length: 37 }, (_, i) => Math.sin(i));
    const whole = appendLosses(EMPTY_LOSSES, losses, 8);
    let pieces = EMPTY_LOSSES;
    for (let i = 0; i < losses.length; i += 5) pieces = appendLosses(pieces, losses.slice(i, i + 5), 8);
    expect(pieces).toEqual(whole);
  });
});

describe('historyCsv', () => {
  it('writes Keras CSVLogger’s columns, epochs from 0', () => {
    const run = addEpoch(addEpoch(started, log(1, 0.5)), log(2, 0.25));
    expect(historyCsv(run)).toBe('epoch,accuracy,loss,val_accuracy,val_loss\n0,0.5,0.5,0.75,0.25\n1,0.75,0.25,0.875,0.125\n');
  });
});
