import { readFile, writeFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import h5wasm from 'h5wasm';
import { draw, expectSame, ONE, probabilities } from './draw';
import { expectDatasetReady, idxImage, idxTest, openSettings } from './fixtures';
import { downloadModel } from './modelFiles';
import { expect, test } from './test';

const modelsPanel = (page: Page) => page.getByRole('region', { name: 'Models' });
const upload = (page: Page) => page.getByLabel('Upload a model');
const summary = (page: Page) => page.getByTestId('chart-model-summary');
const fixture = (name: string): string => new URL(`../fixtures/keras/${name}`, import.meta.url).pathname;

async function downloaded(page: Page, button: string): Promise<{ name: string; bytes: Uint8Array }> {
  const download = new Promise<Download>((resolve) => page.once('download', resolve));
  await modelsPanel(page).getByRole('button', { name: button, exact: true }).click();
  const file = await download;
  return { name: file.suggestedFilename(), bytes: new Uint8Array(await readFile(await file.path())) };
}

/** Every float dataset of an HDF5 file, by path, read with h5wasm in Node. */
async function datasets(bytes: Uint8Array): Promise<{ attrs: (path: string, name: string) => unknown; values: Map<string, number[]> }> {
  const { FS } = await h5wasm.ready;
  const path = `/check-${Math.random().toString(36).slice(2)}.h5`;
  FS.writeFile(path, bytes);
  const file = new h5wasm.File(path, 'r');
  const values = new Map<string, number[]>();
  const attributes = new Map<string, unknown>();
  for (const name of file.paths()) {
    const entity = file.get(name);
    const value = entity instanceof h5wasm.Dataset ? entity.value : null;
    if (value instanceof Float32Array) values.set(name.replace(/^\//, ''), Array.from(value));
    if (entity instanceof h5wasm.Group || entity instanceof h5wasm.Dataset)
      for (const [key, attribute] of Object.entries(entity.attrs)) attributes.set(`${name.replace(/^\//, '')}@${key}`, attribute.value);
  }
  for (const [key, attribute] of Object.entries(file.attrs)) attributes.set(`@${key}`, attribute.value);
  file.close();
  FS.unlink(path);
  return { attrs: (at, name) => attributes.get(`${at}@${name}`), values };
}

/** tfjs' weights.bin as one array per weight, in the layers' order (tfjs lists moving averages last). */
async function tfjsWeights(files: { json: string; weights: string }): Promise<number[][]> {
  const json = JSON.parse(await readFile(files.json, 'utf8')) as { weightsManifest: { weights: { name: string; shape: number[] }[] }[] };
  const data = new Float32Array((await readFile(files.weights)).buffer.slice(0));
  const byName = new Map<string, number[]>();
  let offset = 0;
  for (const { name, shape } of json.weightsManifest[0]?.weights ?? []) {
    const size = shape.reduce((a, b) => a * b, 1);
    byName.set(name, Array.from(data.subarray(offset, offset + size)));
    offset += size;
  }
  const bn = ['gamma', 'beta', 'moving_mean', 'moving_variance'].map((part) => `batch_normalization_1/${part}`);
  return ['conv2d_1/kernel', 'conv2d_1/bias', ...bn, 'dense_1/kernel', 'dense_1/bias', 'dense_2/kernel', 'dense_2/bias'].map(
    (name) => byName.get(name) ?? [],
  );
}

test('a model trained in the tab downloads as .keras and .h5, each holding its network and its very weights as Keras lays them out', async ({
  page,
}, testInfo) => {
  await page.goto('/?backend=wasm&epochs=1&trainSize=1000&batchSize=100&testSize=300&net=c4-b-p-f-h16&optimizer=sgd&learningRate=0.05');
  await expectDatasetReady(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await modelsPanel(page).getByLabel('Name').fill('my first cnn');
  const reference = await tfjsWeights(await downloadModel(page, testInfo));

  const keras = await downloaded(page, 'Download .keras');
  expect(keras.name).toBe('my first cnn.keras');
  const members = unzipSync(keras.bytes);
  expect(Object.keys(members)).toEqual(['metadata.json', 'config.json', 'model.weights.h5']);
  const config = JSON.parse(strFromU8(members['config.json'] ?? new Uint8Array())) as {
    class_name: string;
    config: { layers: { class_name: string }[] };
    compile_config: unknown;
  };
  expect(config.class_name).toBe('Sequential');
  expect(config.config.layers.map((layer) => layer.class_name)).toEqual([
    'InputLayer',
    'Conv2D',
    'BatchNormalization',
    'MaxPooling2D',
    'Flatten',
    'Dense',
    'Dense',
  ]);
  const sgd = { optimizer: { class_name: 'SGD', config: { learning_rate: Math.fround(0.05) } } };
  expect(config.compile_config).toMatchObject({ ...sgd, loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  const weightsFile = await datasets(members['model.weights.h5'] ?? new Uint8Array());
  const kerasPaths = ['conv2d', 'batch_normalization', 'dense', 'dense_1'].flatMap((layer, i) =>
    Array.from({ length: i === 1 ? 4 : 2 }, (_, j) => `layers/${layer}/vars/${j}`),
  );
  expect([...weightsFile.values.keys()].sort()).toEqual([...kerasPaths].sort());
  expect(kerasPaths.map((path) => weightsFile.values.get(path))).toEqual(reference);

  const h5 = await downloaded(page, 'Download .h5');
  expect(h5.name).toBe('my first cnn.h5');
  const legacy = await datasets(h5.bytes);
  expect(legacy.attrs('', 'keras_version')).toBe('3.10.0');
  expect(JSON.parse(String(legacy.attrs('', 'model_config')))).toMatchObject({ class_name: 'Sequential' });
  expect(legacy.attrs('model_weights/conv2d', 'weight_names')).toEqual(['sequential/conv2d/kernel', 'sequential/conv2d/bias']);
  const legacyPaths = ['conv2d', 'batch_normalization', 'dense', 'dense_1'].flatMap((layer, i) =>
    (i === 1 ? ['gamma', 'beta', 'moving_mean', 'moving_variance'] : ['kernel', 'bias']).map(
      (part) => `model_weights/${layer}/sequential/${layer}/${part}`,
    ),
  );
  expect(legacyPaths.map((path) => legacy.values.get(path))).toEqual(reference);

  // A reload rebuilds the model compiled with a fresh Adam: the file still names the optimiser that trained it.
  await page.reload();
  await expect(page.getByTestId('notices')).toContainText('The model you had last time is back, trained through epoch 1.');
  const reloaded = unzipSync((await downloaded(page, 'Download .keras')).bytes);
  expect(JSON.parse(strFromU8(reloaded['config.json'] ?? new Uint8Array()))).toMatchObject({ compile_config: sgd });
});

test('the notebook’s own .keras and .h5 files load: the editor shows their network, the tab predicts what Keras predicted, a hostile file changes nothing', async ({
  page,
}, testInfo) => {
  const expected = JSON.parse(await readFile(fixture('notebook-cnn.expected.json'), 'utf8')) as { probabilities: number[][] };
  const { images } = await idxTest();
  const first = expected.probabilities.map((_, i) => idxImage(images, i).map((value) => value / 255));
  await page.goto('/?backend=wasm&net=f-h32');
  await expectDatasetReady(page);
  await openSettings(page);

  for (const [name, reset] of [
    ['notebook-cnn.keras', false],
    ['notebook-cnn.h5', true],
  ] as const) {
    if (reset) {
      await page.getByLabel('Network as text').fill('f-h32');
      await page.getByRole('button', { name: 'Reset' }).click();
      await expect(summary(page)).toContainText('25,450');
    }
    await upload(page).setInputFiles(fixture(name));
    await expect(summary(page)).toContainText('42,358');
    await expect(page.getByLabel('Network as text')).toHaveValue('c8-p-d0.2-c16-p-d0.2-f-h100-d0.5');
    const predicted = await page.evaluate((pixels) => window.mnistBench?.predictImages(pixels) ?? [], first);
    const difference = Math.max(
      ...predicted.flatMap((row, i) => row.map((value, j) => Math.abs(value - (expected.probabilities[i]?.[j] ?? 2)))),
    );
    expect(difference, `${name}: the largest difference from Keras' probabilities`).toBeLessThanOrEqual(1e-4);
    testInfo.annotations.push({ type: `${name}: largest difference from Keras`, description: difference.toExponential(2) });
  }

  await draw(page, ONE);
  const before = await probabilities(page);
  const truncated = testInfo.outputPath('truncated.keras');
  const bytes = await readFile(fixture('notebook-cnn.keras'));
  await writeFile(truncated, bytes.subarray(0, bytes.length / 2));
  await upload(page).setInputFiles(truncated);
  await expect(modelsPanel(page).getByRole('alert')).toHaveText(
    'truncated.keras could not be loaded: it could not be read as a zip file: it may be truncated or damaged. The current model is unchanged.',
  );
  const notHdf5 = testInfo.outputPath('notes.h5');
  await writeFile(notHdf5, 'print("hello")\n');
  await upload(page).setInputFiles(notHdf5);
  await expect(modelsPanel(page).getByRole('alert')).toHaveText(
    'That model was not loaded: notes.h5 is neither a .keras file (a zip) nor an HDF5 .h5 file. The current model is unchanged.',
  );
  await page.getByRole('button', { name: 'Clear' }).click();
  await draw(page, ONE);
  expectSame(await probabilities(page), before);
  await expect(summary(page)).toContainText('42,358');
});
