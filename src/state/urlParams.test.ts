import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAIN_CONFIG, parseParams } from './urlParams';

describe('parseParams', () => {
  it('defaults to the notebook’s recipe', () => {
    expect(parseParams('')).toEqual({ config: { backend: null, train: DEFAULT_TRAIN_CONFIG, autostart: false }, problems: [] });
    expect(DEFAULT_TRAIN_CONFIG).toMatchObject({ epochs: 5, batchSize: 128, trainSize: 60_000, testSize: 10_000 });
  });

  it('reads every contract parameter', () => {
    const { config, problems } = parseParams('?backend=webgl&epochs=1&batchSize=64&trainSize=2000&testSize=500&seed=7&autostart=1');
    expect(problems).toEqual([]);
    expect(config).toEqual({
      backend: 'webgl',
      train: { epochs: 1, batchSize: 64, trainSize: 2000, testSize: 500, seed: 7 },
      autostart: true,
    });
  });

  it('names bad values and keeps the defaults', () => {
    const { config, problems } = parseParams('?epochs=0&trainSize=70000&backend=metal&seed=-3');
    expect(config.train).toEqual(DEFAULT_TRAIN_CONFIG);
    expect(config.backend).toBeNull();
    expect(problems).toEqual([
      'epochs=0 is not a whole number from 1 to 1000; using 5.',
      'trainSize=70000 is not a whole number from 1 to 60000; using 60000.',
      'seed=-3 is not a whole number from 0 to 4294967295; using 42.',
      'backend=metal is not one of webgpu, webgl, wasm, cpu; choosing automatically.',
    ]);
  });

  it('accepts plain decimal whole numbers only, with one rule for every field', () => {
    for (const raw of ['0x10', '%20%202%20', '1e3', '2.0', '+3', '-0', '', '１２']) {
      const { config, problems } = parseParams(`?epochs=${raw}&seed=${raw}`);
      expect(config.train).toEqual(DEFAULT_TRAIN_CONFIG);
      expect(problems).toHaveLength(2);
    }
    expect(parseParams('?epochs=007&seed=1000').config.train).toMatchObject({ epochs: 7, seed: 1000 });
  });

  it('quotes a bad value short and escaped', () => {
    const { problems } = parseParams(`?backend=${'x'.repeat(12_000)}&epochs=%3Cb%3E%0A`);
    expect(problems[0]).toBe('epochs="<b>\\n" is not a whole number from 1 to 1000; using 5.');
    expect(problems[1]).toBe(`backend="${'x'.repeat(24)}"… is not one of webgpu, webgl, wasm, cpu; choosing automatically.`);
  });
});
