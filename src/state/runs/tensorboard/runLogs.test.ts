import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { histogram } from '../../../ml/training/histogram';
import type { EpochLog } from '../../../ml/training/train';
import { FRESH } from '../origin';
import { NOTEBOOK_RECIPE } from '../../settings';
import { addEpoch, addHistograms, appendLosses, startRun, type RunRecord } from '../record';
import { crc32c, maskedCrc32c } from './crc32c';
import { FILE_VERSION, summaryEvent, versionEvent } from './events';
import { readEvent, readRecords } from './eventReader';
import { frameRecords } from './records';
import { logFiles, logsZip, logsZipName, rateAt, runFolder } from './runLogs';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

const log = (epoch: number, loss: number): EpochLog => ({
  epoch,
  lastEpoch: 2,
  steps: 10,
  seconds: 3,
  msPerStep: 200,
  loss,
  accuracy: 1 - loss,
  valLoss: loss / 2,
  valAccuracy: 1 - loss / 2,
});

function twoEpochs(name = '20261201-090000'): RunRecord {
  let run = startRun({
    id: '20261201-090000',
    config: { ...NOTEBOOK_RECIPE, epochs: 2, schedule: 'one-cycle', learningRate: 0.01 },
    plannedEpochs: 2,
    engine: 'wasm',
    device: 'WebAssembly (SIMD)',
    origin: FRESH,
    startedAt: new Date(Date.UTC(2026, 11, 1, 9, 0, 0)),
    myDigits: null,
  });
  run = {
    ...run,
    name,
    learningRates: appendLosses(
      run.learningRates,
      Array.from({ length: 20 }, (_, i) => (i + 1) / 1000),
    ),
  };
  run = addEpoch(addEpoch(run, log(1, 0.5)), log(2, 0.25));
  for (const epoch of [0, 1, 2]) {
    run = addHistograms(run, { epoch, layers: [{ layer: 'conv2d_1', ...histogram([-0.2, 0, 0.1, 0.3], 4, -0.2, 0.3) }] });
  }
  return run;
}

describe('TensorBoard event files', () => {
  it('use CRC32C, which gives the standard check value, masked as TFRecord masks it', () => {
    expect(crc32c(bytes('123456789'))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
    const crc = crc32c(bytes('abc'));
    expect(maskedCrc32c(bytes('abc'))).toBe((((crc >>> 15) | (crc << 17)) + 0xa282ead8) >>> 0);
  });

  it('frame records that read back with both CRCs, and a flipped byte is caught', () => {
    const framed = frameRecords([bytes('first'), new Uint8Array(0), bytes('third record')]);
    expect(framed.length).toBe(16 * 3 + 5 + 12);
    expect(readRecords(framed).map((record) => new TextDecoder().decode(record))).toEqual(['first', '', 'third record']);
    const broken = framed.slice();
    broken[14] = (broken[14] ?? 0) ^ 1;
    expect(() => readRecords(broken)).toThrow("record 1's data fails its CRC");
    expect(() => readRecords(framed.subarray(0, framed.length - 2))).toThrow('record 3 is cut short');
  });

  it('encode events as TensorBoard reads them: a version first, then tensors with their plugin', () => {
    expect(readEvent(versionEvent(1764579600.5))).toEqual({ wallTime: 1764579600.5, step: 0, fileVersion: FILE_VERSION, values: [] });
    const event = readEvent(
      summaryEvent(1764579603, 4, [
        { kind: 'scalar', tag: 'epoch_loss', value: 0.25 },
        {
          kind: 'histogram',
          tag: 'sequential/dense_1/kernel/histogram',
          rows: [
            [-1, 0, 3],
            [0, 1, 5],
          ],
        },
      ]),
    );
    expect(event.step).toBe(4);
    expect(event.values).toEqual([
      { tag: 'epoch_loss', plugin: 'scalars', dataClass: 1, dtype: 1, shape: [], numbers: [0.25] },
      {
        tag: 'sequential/dense_1/kernel/histogram',
        plugin: 'histograms',
        dataClass: 2,
        dtype: 2,
        shape: [2, 3],
        numbers: [-1, 0, 3, 0, 1, 5],
      },
    ]);
  });

  it('log a run as Keras’ TensorBoard callback does: epochs from 0, train and validation, a histogram per kernel', () => {
    const files = logFiles([twoEpochs()]);
    const start = Date.UTC(2026, 11, 1, 9, 0, 0) / 1000;
    expect(Object.keys(files)).toEqual([
      `logs/fit/20261201-090000/train/events.out.tfevents.${start}.mnist-in-a-tab.v2`,
      `logs/fit/20261201-090000/validation/events.out.tfevents.${start}.mnist-in-a-tab.v2`,
    ]);
    const [train, validation] = Object.values(files).map((file) => readRecords(file).map(readEvent));
    expect(train?.[0]?.fileVersion).toBe('brain.Event:2');
    expect(train?.slice(1).map((event) => [event.step, event.wallTime - start, event.values.map((value) => value.tag)])).toEqual([
      // The app's conv2d_1 is Keras' conv2d: tagged as the notebook's run tags the same layer.
      [0, 3, ['epoch_loss', 'epoch_accuracy', 'epoch_learning_rate', 'sequential/conv2d/kernel/histogram']],
      [1, 6, ['epoch_loss', 'epoch_accuracy', 'epoch_learning_rate', 'sequential/conv2d/kernel/histogram']],
    ]);
    // The rate of each epoch's last batch (10 and 20), a float32 as tf.summary keeps it.
    expect(train?.[2]?.values[2]?.numbers[0]).toBeCloseTo(0.02, 7);
    const rows = train?.[1]?.values[3]?.numbers.map((n) => Math.round(n * 1e9) / 1e9);
    expect(rows).toEqual([-0.2, -0.075, 1, -0.075, 0.05, 1, 0.05, 0.175, 1, 0.175, 0.3, 1]);
    expect(validation?.slice(1).map((event) => [event.step, event.values.map((value) => [value.tag, value.numbers[0]])])).toEqual([
      [
        0,
        [
          ['epoch_loss', 0.25],
          ['epoch_accuracy', 0.75],
        ],
      ],
      [
        10,
        [
          ['evaluation_loss_vs_iterations', 0.25],
          ['evaluation_accuracy_vs_iterations', 0.75],
        ],
      ],
      [
        1,
        [
          ['epoch_loss', 0.125],
          ['epoch_accuracy', 0.875],
        ],
      ],
      [
        20,
        [
          ['evaluation_loss_vs_iterations', 0.125],
          ['evaluation_accuracy_vs_iterations', 0.875],
        ],
      ],
    ]);
  });

  it('put several runs in one zip, each in a folder of its own, named so any file system takes it', () => {
    const zip = unzipSync(logsZip([twoEpochs('lr 0.01 / mine'), twoEpochs('lr 0.01 / mine')]));
    expect(Object.keys(zip).map((path) => path.split('/').slice(0, 4).join('/'))).toEqual([
      'logs/fit/lr_0.01_mine/train',
      'logs/fit/lr_0.01_mine/validation',
      'logs/fit/lr_0.01_mine-2/train',
      'logs/fit/lr_0.01_mine-2/validation',
    ]);
    expect(runFolder('../..')).toBe('run');
    expect(logsZipName([twoEpochs()])).toBe('logs-20261201-090000.zip');
    expect(logsZipName([twoEpochs(), twoEpochs()])).toBe('logs-2-runs.zip');
  });

  it('read a batch’s rate from a series kept in groups', () => {
    const series = { stride: 4, points: [1, 2], partial: { sum: 6, count: 2 } };
    expect(rateAt(series, 1)).toBe(1);
    expect(rateAt(series, 8)).toBe(2);
    expect(rateAt(series, 10)).toBe(3);
  });
});
