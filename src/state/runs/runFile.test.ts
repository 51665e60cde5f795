import { FRESH } from './origin';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../presets';
import { NOTEBOOK_RECIPE } from '../settings';
import { RUN_BOUNDS, addEpoch, addHistograms, appendLosses, setEvaluation, setMyEvaluation, startRun, type RunRecord } from './record';
import { RunFileError, parseRunFile, runJson } from './runFile';
import { parseNet } from '../../ml/network/netText';

const matrix = Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => (i === j ? 95 : 1)));
const run: RunRecord = setEvaluation(
  {
    ...addEpoch(
      startRun({
        id: '20261125-134501',
        config: NOTEBOOK_RECIPE,
        plannedEpochs: 5,
        engine: 'wasm',
        device: 'wasm',
        origin: FRESH,
        startedAt: new Date(),
        myDigits: null,
      }),
      { epoch: 1, lastEpoch: 5, steps: 469, seconds: 9, msPerStep: 19, loss: 0.4, accuracy: 0.88, valLoss: 0.1, valAccuracy: 0.97 },
    ),
    state: 'done',
    batchLoss: appendLosses(appendLosses({ stride: 1, points: [], partial: { sum: 0, count: 0 } }, [2, 1.5, 1]), []),
    histograms: [{ epoch: 1, layers: [{ layer: 'conv2d_1', min: -1, max: 1, counts: [1, 2, 3] }] }],
  },
  matrix,
);

const epochOne = {
  epoch: 1,
  lastEpoch: 5,
  steps: 469,
  seconds: 9,
  msPerStep: 19,
  loss: 0.4,
  accuracy: 0.88,
  valLoss: 0.1,
  valAccuracy: 0.97,
};

/** A run that trained with 16 of my digits, 10 times an epoch, and was scored on 4 held out (3 right). */
const mineMatrix = Array.from({ length: 10 }, (_, i) =>
  Array.from({ length: 10 }, (_, j) => (i === j && i < 3 ? 1 : i === 7 && j === 1 ? 1 : 0)),
);
const withMine: RunRecord = setMyEvaluation(
  {
    ...run,
    settings: { ...NOTEBOOK_RECIPE, myDigits: true, myRepeat: 10, myHoldOut: 0.25 },
    myDigits: { count: 16, repeat: 10, fingerprint: 'a1b2c3d4' },
  },
  mineMatrix,
);

function edited(change: (json: Record<string, unknown>) => void, from: RunRecord = run): string {
  const json = JSON.parse(runJson(from)) as Record<string, unknown>;
  change(json);
  return JSON.stringify(json);
}

/** The file of the run with my digits, its `myDigits` changed. */
const mine = (change: Record<string, unknown>): string =>
  edited((json) => (json.myDigits = { ...(json.myDigits as Record<string, unknown>), ...change }), withMine);

describe('run files', () => {
  it('round-trip: what is exported is read back the same', () => {
    expect(parseRunFile(runJson(run))).toEqual(run);
  });

  it('round-trip the digits of mine a run trained with and its evaluation on the held-out ones', () => {
    const read = parseRunFile(runJson(withMine));
    expect(read).toEqual(withMine);
    expect(read.myDigits).toEqual({ count: 16, repeat: 10, fingerprint: 'a1b2c3d4' });
    expect(read.myEvaluation?.summary).toMatchObject({ total: 4, trace: 3, accuracy: 0.75 });
    // The validation stays where it was, on its own.
    expect(read.evaluation).toEqual(run.evaluation);
  });

  it('read a version 3 file as a run that never trained with my digits nor was scored on them', () => {
    const version3 = edited((json) => {
      json.version = 3;
      const settings = json.settings as Record<string, unknown>;
      delete settings.myDigits;
      delete settings.myRepeat;
      delete settings.myHoldOut;
      delete json.myDigits;
      delete json.myEvaluation;
    }, withMine);
    const read = parseRunFile(version3);
    expect(read).toMatchObject({ version: 4, myDigits: null, myEvaluation: null });
    expect(read.settings).toMatchObject({ myDigits: false, myRepeat: 1, myHoldOut: 0.2 });
    expect(read.evaluation).toEqual(run.evaluation);
  });

  it('recompute the metrics from the matrix rather than trust the file', () => {
    const lying = edited((json) => {
      json.evaluation = { matrix, summary: { accuracy: 1 } };
    });
    expect(parseRunFile(lying).evaluation?.summary.accuracy).toBeCloseTo(950 / 1040);
    const lyingMine = edited((json) => (json.myEvaluation = { matrix: mineMatrix, summary: { accuracy: 1 } }), withMine);
    expect(parseRunFile(lyingMine).myEvaluation?.summary.accuracy).toBe(0.75);
  });

  it('keep an improved run’s schedule, augmentation and learning rates', () => {
    const improved: RunRecord = { ...run, settings: PRESETS.improved, learningRates: appendLosses(run.learningRates, [0.0004, 0.002]) };
    expect(parseRunFile(runJson(improved))).toEqual(improved);
  });

  it('read a file from before schedules and augmentation as the constant, unaugmented run it was', () => {
    const earlier = edited((json) => {
      json.settings = { epochs: 5, batchSize: 128, learningRate: 0.001, optimizer: 'adam', trainSize: 60000, testSize: 10000, seed: 42 };
      delete json.learningRates;
      json.version = 1;
    });
    expect(parseRunFile(earlier)).toEqual({
      ...run,
      learningRates: { stride: 1, points: [0.001, 0.001, 0.001], partial: { sum: 0, count: 0 } },
    });
  });

  it('keep a run’s network, and read a version 2 file as the notebook’s network', () => {
    const lenet: RunRecord = {
      ...run,
      settings: { ...NOTEBOOK_RECIPE, network: parseNet('c6k5s.tanh-p-c16k5.tanh-p-f-h120.tanh-h84.tanh') },
    };
    expect(parseRunFile(runJson(lenet))).toEqual(lenet);
    const version2 = edited((json) => {
      json.version = 2;
      delete (json.settings as Record<string, unknown>).network;
    });
    expect(parseRunFile(version2)).toEqual(run);
  });

  it('mark a run exported while training as stopped', () => {
    expect(parseRunFile(edited((json) => (json.state = 'running'))).state).toBe('stopped');
  });

  it.each([
    ['not JSON', () => '{', 'it could not be read as JSON'],
    ['another kind of file', () => '{"format":"layers-model"}', 'it is not a run exported by this app'],
    ['a later version', () => edited((json) => (json.version = 5)), 'a version of this app that this one cannot read'],
    ['my digits as a number', () => edited((json) => (json.myDigits = 16)), 'its my digits are not null or a count'],
    ['none of my digits', () => mine({ count: 0 }), "its my digits' count is not a whole number from 1 to 10000"],
    ['more of my digits than are kept', () => mine({ count: 10_001 }), "its my digits' count is not a whole number from 1 to 10000"],
    ['half a digit of mine', () => mine({ count: 1.5 }), "its my digits' count is not a whole number"],
    ['my digits repeated 101 times', () => mine({ repeat: 101 }), "its my digits' repeat is not a whole number from 1 to 100"],
    ['no fingerprint of my digits', () => mine({ fingerprint: undefined }), "its my digits' fingerprint is not eight hex digits"],
    ['a fingerprint in capitals', () => mine({ fingerprint: 'A1B2C3D4' }), "its my digits' fingerprint is not eight hex digits"],
    ['a fingerprint of nine digits', () => mine({ fingerprint: 'a1b2c3d4e' }), "its my digits' fingerprint is not eight hex digits"],
    [
      'a 10 × 9 matrix of my digits',
      () => edited((json) => (json.myEvaluation = { matrix: mineMatrix.map((row) => row.slice(1)) }), withMine),
      'its confusion matrix on my digits is not 10 × 10 counts',
    ],
    [
      'a matrix of my digits that is not one',
      () => edited((json) => (json.myEvaluation = { matrix: 'diagonal' }), withMine),
      'its confusion matrix on my digits is not 10 × 10',
    ],
    [
      'a matrix of my digits that counts none',
      () => edited((json) => (json.myEvaluation = { matrix: mineMatrix.map((row) => row.map(() => 0)) }), withMine),
      'its confusion matrix on my digits counts no image',
    ],
    // Each setting's own refusals are in runFileSettings.test.ts: these show the reader passes them on.
    ['an optimizer nobody knows', () => edited((json) => (json.settings = { ...NOTEBOOK_RECIPE, optimizer: 'adagrad' })), 'its optimizer'],
    [
      'all my digits held out',
      () => edited((json) => (json.settings = { ...NOTEBOOK_RECIPE, myHoldOut: 1 })),
      'its myHoldOut is not a share from 0 to 0.9',
    ],
    ['an id that could be a path', () => edited((json) => (json.id = '../../etc')), 'its id is not a run name'],
    ['a 9 × 9 matrix', () => edited((json) => (json.evaluation = { matrix: matrix.slice(1) })), 'not 10 × 10'],
    ['NaN in an epoch', () => edited((json) => (json.epochs = [{ ...epochOne, loss: null }])), "epoch 1's loss is not a loss"],
    [
      'a name of 10,000 characters',
      () => edited((json) => (json.name = 'x'.repeat(10_000))),
      'its name is not a name of 1 to 200 characters',
    ],
    ['an empty name', () => edited((json) => (json.name = '  ')), 'its name is not a name of 1 to 200 characters'],
    ['negative seconds', () => edited((json) => (json.seconds = -3)), 'its seconds is not a time of 0 or more'],
    [
      'an accuracy of 7',
      () => edited((json) => (json.epochs = [{ ...epochOne, accuracy: 7 }])),
      "epoch 1's accuracy is not a share from 0 to 1",
    ],
    ['a negative epoch time', () => edited((json) => (json.epochs = [{ ...epochOne, seconds: -1 }])), "epoch 1's seconds is not a time"],
    [
      '50 epochs of a run planned for 1',
      () =>
        edited(
          (json) => (
            (json.epochs = Array.from({ length: 50 }, (_, i) => ({ ...epochOne, epoch: i + 1, lastEpoch: 50 }))),
            (json.plannedEpochs = 1)
          ),
        ),
      'its plannedEpochs is not a count of at least the 50 epochs it holds',
    ],
    ['a matrix of zeros', () => edited((json) => (json.evaluation = { matrix: matrix.map((row) => row.map(() => 0)) })), 'counts no image'],
    ['something huge', () => ' '.repeat(6 * 2 ** 20), 'larger than 5 MB'],
  ])('refuse %s, saying why', (_, text, message) => {
    expect(() => parseRunFile(text())).toThrow(RunFileError);
    expect(() => parseRunFile(text())).toThrow(message);
  });
});

describe('the bounds a run shares with its file', () => {
  const layers = [{ layer: 'conv2d_1', min: -1, max: 1, counts: [1, 2, 3] }];

  it('a run trained past 1,000 epochs keeps its histograms within the bound, spread over the run, and imports back', () => {
    let long: RunRecord = { ...run, histograms: [] };
    for (let epoch = 1; epoch <= 1_001; epoch++) long = addHistograms(long, { epoch, layers });
    expect(long.histograms.length).toBeLessThanOrEqual(RUN_BOUNDS.histogramEpochs);
    expect(long.histograms[0]?.epoch).toBe(1);
    expect(long.histograms.at(-1)?.epoch).toBe(1_001);
    expect(parseRunFile(runJson(long)).histograms).toEqual(long.histograms);
  });

  it('a file with thousands of histogram layers in one epoch is refused in a sentence, before they are read', () => {
    const many = {
      ...run,
      histograms: [{ epoch: 1, layers: Array.from({ length: 3_000 }, (_, i) => ({ ...layers[0], layer: `l${i}` })) }],
    };
    expect(() => parseRunFile(JSON.stringify(many))).toThrow('its histograms have 3000 layers in one epoch, more than the 32 a run keeps');
  });
});
