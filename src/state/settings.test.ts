import { describe, expect, it } from 'vitest';
import { CHART_VIEW, NOTEBOOK_RECIPE, checkDraft, draftOf, type Draft } from './settings';
import { readParams, searchOf } from './settingsUrl';
import { parseNet } from '../ml/network/netText';
import { NOTEBOOK_NETWORK } from '../ml/network/network';

const notebook: Draft = draftOf({ backend: null, train: NOTEBOOK_RECIPE });

describe('settings', () => {
  it('default to the notebook’s recipe', () => {
    expect(NOTEBOOK_RECIPE).toEqual({
      network: NOTEBOOK_NETWORK,
      epochs: 5,
      batchSize: 128,
      trainSize: 60_000,
      testSize: 10_000,
      seed: 42,
      optimizer: 'adam',
      learningRate: 0.001,
      schedule: 'constant',
      lrDecay: 0.5,
      rotation: 0,
      zoom: 0,
      shift: 0,
      validation: 'test',
      validationSplit: 0.1,
      myDigits: false,
      myRepeat: 1,
      myHoldOut: 0.2,
    });
    expect(readParams('')).toEqual({
      config: { backend: null, train: NOTEBOOK_RECIPE, autostart: false, threads: null, kernels: 'simd', chartView: CHART_VIEW },
      problems: [],
    });
    expect(checkDraft(notebook)).toEqual({ config: { backend: null, train: NOTEBOOK_RECIPE }, errors: {} });
  });

  it('read every URL parameter, and write back only what differs from the notebook', () => {
    const search =
      '?epochs=1&batchSize=64&learningRate=0.003&optimizer=rmsprop&schedule=step&lrDecay=0.7&rotation=12.5&zoom=8&shift=1.5' +
      '&trainSize=2000&testSize=500&seed=7&backend=webgl&autostart=1&threads=2&kernels=js&net=c16k5s.tanh-p3-b-f-h64-d0.25' +
      '&smoothing=0&logScale=1&validation=split&validationSplit=0.25&myDigits=1&myRepeat=12&myHoldOut=0.35';
    const { config, problems } = readParams(search);
    expect(problems).toEqual([]);
    expect(config).toEqual({
      backend: 'webgl',
      train: {
        network: parseNet('c16k5s.tanh-p3-b-f-h64-d0.25'),
        epochs: 1,
        batchSize: 64,
        learningRate: 0.003,
        optimizer: 'rmsprop',
        schedule: 'step',
        lrDecay: 0.7,
        rotation: 12.5,
        zoom: 8,
        shift: 1.5,
        trainSize: 2000,
        testSize: 500,
        validation: 'split',
        validationSplit: 0.25,
        myDigits: true,
        myRepeat: 12,
        myHoldOut: 0.35,
        seed: 7,
      },
      autostart: true,
      threads: 2,
      kernels: 'js',
      chartView: { smoothing: 0, logScale: true },
    });
    expect(readParams(searchOf(config)).config).toEqual(config);
    expect(
      searchOf({
        backend: null,
        train: { ...NOTEBOOK_RECIPE, learningRate: 0.01 },
        autostart: false,
        threads: null,
        kernels: 'simd',
        chartView: CHART_VIEW,
      }),
    ).toBe('?learningRate=0.01');
    expect(
      searchOf({ backend: null, train: NOTEBOOK_RECIPE, autostart: false, threads: null, kernels: 'simd', chartView: CHART_VIEW }),
    ).toBe('');
    expect(
      searchOf({
        backend: null,
        train: { ...NOTEBOOK_RECIPE, network: parseNet('f-h32') },
        autostart: false,
        threads: null,
        kernels: 'simd',
        chartView: CHART_VIEW,
      }),
    ).toBe('?net=f-h32');
    const view = { ...CHART_VIEW, smoothing: 0.9, logScale: true };
    const viewed = searchOf({ backend: null, train: NOTEBOOK_RECIPE, autostart: false, threads: null, kernels: 'simd', chartView: view });
    expect(viewed).toBe('?smoothing=0.9&logScale=1');
    expect(readParams(viewed).config.chartView).toEqual(view);
    expect(readParams('?smoothing=1').problems).toEqual(['smoothing=1 is not a number from 0 to 0.99, like 0.6; using 0.6.']);
  });

  it('name a bad network in the address, and train the notebook’s', () => {
    expect(readParams('?net=c8-h10')).toMatchObject({
      config: { train: { network: NOTEBOOK_NETWORK } },
      problems: [
        "net=c8-h10 cannot be trained: Layer 2 (Dense) needs flat data, but it gets 26×26×8 maps: add a Flatten before it; using the notebook's network.",
      ],
    });
    expect(readParams('?net=c8k9').problems).toEqual([
      "net=c8k9 cannot be trained: “c8k9”: the kernel size must be a whole number from 1 to 7; using the notebook's network.",
    ]);
  });

  it('name a bad URL value, quoted short and escaped, and keep the default', () => {
    const { config, problems } = readParams(
      `?epochs=0x10&batchSize=%20%202%20&seed=1e3&learningRate=1e-3.5&optimizer=adagrad&backend=${'x'.repeat(12_000)}&trainSize=%3Cb%3E%0A`,
    );
    expect(config.train).toEqual(NOTEBOOK_RECIPE);
    expect(config.backend).toBeNull();
    expect(readParams('?zoom=10%').problems).toEqual([
      'The address has a malformed %-escape (?zoom=10%); it was read as written.',
      'zoom=10% is not a number from 0 to 50, like 10; using 0.',
    ]);
    expect(readParams('?epochs=2&x=%zz').problems).toEqual(['The address has a malformed %-escape (chs=2&x=%zz); it was read as written.']);
    expect(readParams('?epochs=2&x=%zz').config.train.epochs).toBe(2);
    expect(readParams('?trainSize=%3Cb%3E').problems).not.toContainEqual(expect.stringContaining('malformed'));
    expect(readParams('?threads=64', 2)).toMatchObject({
      config: { threads: 2 },
      problems: ['threads=64 is more than wasm can run here (2, the cores of this device); using 2.'],
    });
    expect(readParams('?threads=12', 16).problems).toEqual(['threads=12 is more than wasm can run here (8, its cap); using 8.']);
    expect(readParams('?threads=2', 2).problems).toEqual([]);
    expect(readParams('?threads=0').problems).toEqual(['threads=0 is not a whole number from 1 to 64; the engine race chooses.']);
    expect(readParams('?myDigits=true&myRepeat=1000&myHoldOut=-1')).toMatchObject({
      config: { train: { myDigits: false, myRepeat: 1, myHoldOut: 0.2 } },
      problems: [
        'myDigits=true is not one of 0, 1; using 0.',
        'myRepeat=1000 is not a whole number from 1 to 100; using 1.',
        'myHoldOut=-1 is not a number from 0 to 0.9, like 0.2; using 0.2.',
      ],
    });
    expect(readParams('?kernels=avx')).toMatchObject({
      config: { kernels: 'simd' },
      problems: ['kernels=avx is not simd or js; using simd.'],
    });
    expect(problems).toEqual([
      'epochs=0x10 is not a whole number from 1 to 1000; using 5.',
      'batchSize="  2 " is not a whole number from 1 to 4096; using 128.',
      'learningRate=1e-3.5 is not a number from 0.000001 to 1, like 0.001 or 1e-3; using 0.001.',
      'optimizer=adagrad is not one of adam, sgd, rmsprop; using adam.',
      'trainSize="<b>\\n" is not a whole number from 1 to 60000; using 60000.',
      'seed=1e3 is not a whole number from 0 to 4294967295; using 42.',
      `backend="${'x'.repeat(24)}"… is not one of auto, webgpu, webgl, wasm, cpu; choosing automatically.`,
    ]);
  });

  it.each([
    ['epochs', '', 'Epochs must be a whole number from 1 to 1000.'],
    ['epochs', '-3', 'Epochs must be a whole number from 1 to 1000.'],
    ['epochs', '1e309', 'Epochs must be a whole number from 1 to 1000.'],
    ['epochs', 'five', 'Epochs must be a whole number from 1 to 1000.'],
    ['epochs', '2.5', 'Epochs must be a whole number from 1 to 1000.'],
    ['batchSize', '0', 'Batch size must be a whole number from 1 to 4096.'],
    ['learningRate', '0', 'Learning rate must be a number from 0.000001 to 1, like 0.001 or 1e-3.'],
    ['learningRate', '1e-9', 'Learning rate must be a number from 0.000001 to 1, like 0.001 or 1e-3.'],
    ['learningRate', '1e3', 'Learning rate must be a number from 0.000001 to 1, like 0.001 or 1e-3.'],
    ['learningRate', 'e-3', 'Learning rate must be a number from 0.000001 to 1, like 0.001 or 1e-3.'],
    ['learningRate', '1e-300', 'Learning rate must be a number from 0.000001 to 1, like 0.001 or 1e-3.'],
    ['learningRate', '-1e-3', 'Learning rate must be a number from 0.000001 to 1, like 0.001 or 1e-3.'],
    ['learningRate', '0x1', 'Learning rate must be a number from 0.000001 to 1, like 0.001 or 1e-3.'],
    ['learningRate', 'NaN', 'Learning rate must be a number from 0.000001 to 1, like 0.001 or 1e-3.'],
    ['learningRate', '2', 'Learning rate must be a number from 0.000001 to 1, like 0.001 or 1e-3.'],
    ['zoom', '1e1', 'Zoom (± %) must be a number from 0 to 50, like 10.'],
    ['optimizer', 'adagrad', 'Optimizer must be one of adam, sgd, rmsprop.'],
    ['trainSize', '60001', 'Training images must be a whole number from 1 to 60000.'],
    ['testSize', '0x10', 'Test images must be a whole number from 1 to 10000.'],
    ['seed', '4294967296', 'Seed must be a whole number from 0 to 4294967295.'],
    ['engine', 'metal', 'Engine must be one of auto, webgpu, webgl, wasm, cpu.'],
    ['schedule', 'cosine', 'Learning-rate schedule must be one of constant, one-cycle, step.'],
    ['lrDecay', '0', 'Decay per epoch must be a number from 0.01 to 1, like 0.5 or 5e-1.'],
    ['rotation', '-5', 'Rotation (± degrees) must be a number from 0 to 45, like 10.'],
    ['rotation', '90', 'Rotation (± degrees) must be a number from 0 to 45, like 10.'],
    ['zoom', '10%', 'Zoom (± %) must be a number from 0 to 50, like 10.'],
    ['shift', '9', 'Shift (± pixels) must be a number from 0 to 8, like 2.'],
    ['validation', 'train', 'Validation must be one of test, split.'],
    ['validationSplit', '0', 'Validation share must be a number from 0.01 to 0.9, like 0.1.'],
    ['validationSplit', '1e-1', 'Validation share must be a number from 0.01 to 0.9, like 0.1.'],
    ['myDigits', 'yes', 'Train with my digits must be one of 0, 1.'],
    ['myRepeat', '0', 'Repeat my digits must be a whole number from 1 to 100.'],
    ['myRepeat', '101', 'Repeat my digits must be a whole number from 1 to 100.'],
    ['myHoldOut', '0.95', 'Share of my digits held out must be a number from 0 to 0.9, like 0.2.'],
    [
      'network',
      'c8-f-c8',
      'Layer 3 (Conv2D) needs an image, but the data is already flat (5,408 values) there: move it above the Flatten.',
    ],
    ['network', 'c8-lstm', '“lstm” is not a layer (layers look like c16, c32k5s.tanh, p, p3, b, d0.25, f or h128.sigmoid).'],
  ] as const)('refuse %s = %j in the form, naming the rule next to the field', (name, text, message) => {
    const { config, errors } = checkDraft({ ...notebook, [name]: text });
    expect(config).toBeNull();
    expect(errors).toEqual({ [name]: message });
  });

  it.each([
    ['1e-3', 0.001],
    ['1E-3', 0.001],
    ['.001', 0.001],
    ['2.5e-4', 0.00025],
    ['1.e-2', 0.01],
    ['0.01', 0.01],
    ['1', 1],
  ])('take the learning rate %s as Keras users write it, in the form and the address', (text, value) => {
    expect(checkDraft({ ...notebook, learningRate: text }).config?.train.learningRate).toBe(value);
    const { config, problems } = readParams(`?learningRate=${text}`);
    expect(problems).toEqual([]);
    expect(config.train.learningRate).toBe(value);
  });

  it('hold out a share of the training images only where both sides keep some', () => {
    const split = { ...notebook, validation: 'split', validationSplit: '0.2' };
    expect(checkDraft(split).config?.train).toMatchObject({ validation: 'split', validationSplit: 0.2 });
    expect(checkDraft({ ...split, trainSize: '1' }).errors).toEqual({
      validationSplit: 'A share of 0.2 of 1 training images leaves none to train on.',
    });
    // The share is kept, unused, while the test set validates.
    expect(checkDraft({ ...split, trainSize: '1', validation: 'test' }).config?.train.validationSplit).toBe(0.2);
    expect(readParams('?validation=split&validationSplit=0.95').problems).toEqual([
      'validationSplit=0.95 is not a number from 0.01 to 0.9, like 0.1; using 0.1.',
    ]);
  });

  it('take plain decimals with surrounding spaces in the form', () => {
    expect(checkDraft({ ...notebook, learningRate: ' 0.003 ', epochs: '007' }).config?.train).toMatchObject({
      learningRate: 0.003,
      epochs: 7,
    });
  });
});
