import { FRESH } from './origin';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../presets';
import { NOTEBOOK_RECIPE } from '../settings';
import { RUN_BOUNDS, addEpoch, addHistograms, appendLosses, setEvaluation, startRun, type RunRecord } from './record';
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

function edited(change: (json: Record<string, unknown>) => void): string {
  const json = JSON.parse(runJson(run)) as Record<string, unknown>;
  change(json);
  return JSON.stringify(json);
}

describe('run files', () => {
  it('round-trip: what is exported is read back the same', () => {
    expect(parseRunFile(runJson(run))).toEqual(run);
  });

  it('recompute the metrics from the matrix rather than trust the file', () => {
    const lying = edited((json) => {
      json.evaluation = { matrix, summary: { accuracy: 1 } };
    });
    expect(parseRunFile(lying).evaluation?.summary.accuracy).toBeCloseTo(950 / 1040);
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
    ['a later version', () => edited((json) => (json.version = 4)), 'a version of this app that this one cannot read'],
    [
      'a network outside the family',
      () => edited((json) => (json.settings = { ...NOTEBOOK_RECIPE, network: { layers: [{ kind: 'lstm' }] } })),
      'its network is not one this app trains',
    ],
    [
      'a network that cannot be trained',
      () => edited((json) => (json.settings = { ...NOTEBOOK_RECIPE, network: parseNet('c8') })),
      'its network cannot be trained: The output layer Dense(10, softmax) needs flat data',
    ],
    ['an optimizer nobody knows', () => edited((json) => (json.settings = { ...NOTEBOOK_RECIPE, optimizer: 'adagrad' })), 'its optimizer'],
    [
      'a learning rate that is not a number',
      () => edited((json) => (json.settings = { ...NOTEBOOK_RECIPE, learningRate: 'fast' })),
      'its learningRate is not a learning rate',
    ],
    [
      'a schedule nobody knows',
      () => edited((json) => (json.settings = { ...NOTEBOOK_RECIPE, schedule: 'cosine' })),
      'its schedule is not a learning-rate schedule this app knows',
    ],
    ['a negative rotation', () => edited((json) => (json.settings = { ...NOTEBOOK_RECIPE, rotation: -5 })), 'its rotation is not'],
    ['a rotation of 1,000°', () => edited((json) => (json.settings = { ...NOTEBOOK_RECIPE, rotation: 1000 })), 'its rotation is not'],
    ['a decay of 0', () => edited((json) => (json.settings = { ...NOTEBOOK_RECIPE, lrDecay: 0 })), 'its lrDecay is not a factor'],
    [
      'a negative learning rate',
      () => edited((json) => (json.settings = { ...NOTEBOOK_RECIPE, learningRate: -1 })),
      'its learningRate is not',
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
    [
      'a batch size of 0',
      () => edited((json) => (json.settings = { ...NOTEBOOK_RECIPE, batchSize: 0 })),
      'its batchSize is not a whole number from 1 to 4096',
    ],
    [
      'half a training image',
      () => edited((json) => (json.settings = { ...NOTEBOOK_RECIPE, trainSize: 10.5 })),
      'its trainSize is not a whole number',
    ],
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
