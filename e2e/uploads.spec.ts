import { readFile, writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { draw, expectSame, ONE, probabilities } from './draw';
import { expectDatasetReady, openSettings } from './fixtures';
import { downloadModel, editedModelJson, layerConfig, type ModelFilePaths } from './modelFiles';
import { expect, test } from './test';

const trainStatus = (page: Page) => page.getByTestId('train-status');
const modelsPanel = (page: Page) => page.getByRole('region', { name: 'Models' });
const uploadInput = (page: Page) => page.getByLabel('Upload a model');

async function trainBriefly(page: Page, query = 'epochs=1&trainSize=2000&batchSize=32&testSize=500'): Promise<void> {
  await page.goto(`/?backend=wasm&${query}`);
  await expectDatasetReady(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(trainStatus(page)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
}

/** Files a hostile or careless person might upload, each with the sentence that must refuse it. */
async function hostileFiles(files: ModelFilePaths, testInfo: Parameters<typeof editedModelJson>[1]): Promise<[string, string][]> {
  return [
    [
      await editedModelJson(files, testInfo, 'strided.json', (json) => (layerConfig(json, 0).strides = [2, 2])),
      'layer 1 (Conv2D) has strides [2,2]; this app trains stride 1 only',
    ],
    [
      await editedModelJson(files, testInfo, 'renamed.json', (json) => {
        const first = json.weightsManifest[0]?.weights[0];
        if (first) first.name = 'elsewhere/kernel';
      }),
      'weight 1 is named "elsewhere/kernel", which is not a weight of its layers (or is listed twice)',
    ],
    [
      await editedModelJson(files, testInfo, 'initializer.json', (json) => {
        layerConfig(json, 0).kernel_initializer = { class_name: 'NoSuchInitializer', config: {} };
        layerConfig(json, 0).activation = 'no_such_activation';
      }),
      'layer 1 (Conv2D) has activation "no_such_activation"',
    ],
  ];
}

test('a model of another network is taken in, the Network field following it; one outside the family is refused, saying what differs', async ({
  page,
}, testInfo) => {
  await trainBriefly(page, 'epochs=1&trainSize=2000&batchSize=32&testSize=500&net=f-h32');
  const files = await downloadModel(page, testInfo);
  await draw(page, ONE);
  const trained = await probabilities(page);

  // Fresh weights of the notebook's network, then the dense-only model back from its files.
  await openSettings(page);
  await page.getByLabel('Network as text').fill('c8-p-d0.2-c16-p-d0.2-f-h100-d0.5');
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByTestId('chart-model-summary')).toContainText('42,358');
  await uploadInput(page).setInputFiles([files.json, files.weights]);
  await expect(page.getByTestId('chart-model-summary')).toContainText('25,450');
  await expect(page.getByLabel('Network as text')).toHaveValue('f-h32');
  await page.getByRole('button', { name: 'Clear' }).click();
  await draw(page, ONE);
  expectSame(await probabilities(page), trained);

  const elu = await editedModelJson(files, testInfo, 'elu.json', (json) => (layerConfig(json, 1).activation = 'elu'));
  await uploadInput(page).setInputFiles([elu, files.weights]);
  await expect(modelsPanel(page).getByRole('alert')).toHaveText(
    'That model was not loaded: layer 2 (Dense) has activation "elu"; this app trains relu, tanh, sigmoid, linear. The current model is unchanged.',
  );
  await page.getByRole('button', { name: 'Clear' }).click();
  await draw(page, ONE);
  expectSame(await probabilities(page), trained);
});

test('refused uploads leave no tensor behind and no internals in the alert', async ({ page }, testInfo) => {
  await trainBriefly(page);
  const files = await downloadModel(page, testInfo);
  const deep = testInfo.outputPath('deep.json');
  await writeFile(deep, `{"format":"layers-model","modelTopology":${'['.repeat(200_000)}${']'.repeat(200_000)}}`);
  // Weights that pass every check of the page, to be refused by the worker itself.
  const poisoned = testInfo.outputPath('nan-weights.bin');
  const bytes = Buffer.from(await readFile(files.weights));
  bytes.writeFloatLE(Number.NaN, 0);
  await writeFile(poisoned, bytes);
  const refusals: { json: string; weights: string; reason: string | RegExp }[] = [
    ...(await hostileFiles(files, testInfo)).map(([json, reason]) => ({ json, weights: files.weights, reason })),
    { json: deep, weights: files.weights, reason: /it has no model topology|could not be read as JSON/ },
    { json: files.json, weights: poisoned, reason: 'its weights contain NaN or infinite values' },
  ];
  // Posted as the run ended, after its last tensors were gone.
  const memory = page.getByTestId('memory');
  const before = await memory.getAttribute('data-tensors');

  for (let round = 0; round < 10; round++) {
    const { json, weights, reason } = refusals[round % refusals.length] ?? { json: '', weights: '', reason: '' };
    await uploadInput(page).setInputFiles([json, weights]);
    const alert = modelsPanel(page).getByRole('alert');
    await expect(alert).toContainText(reason);
    await expect(alert).toContainText('The current model is unchanged.');
    await expect(alert).not.toContainText(/registerClass|Maximum call stack|Error:|\n/);
  }
  // Evaluate posts the count afresh.
  await page.getByRole('button', { name: 'Evaluate' }).click();
  await expect(memory).toHaveAttribute('data-tensors', before ?? '');
  test.info().annotations.push({ type: 'numTensors around 10 refused uploads', description: `${before ?? '?'} → ${before ?? '?'}` });

  // And the real files still load afterwards.
  await uploadInput(page).setInputFiles([files.json, files.weights]);
  await expect(modelsPanel(page).getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('memory')).toHaveAttribute('data-tensors', /\d+/);
});

test('a model dropped during training is refused, and the alert goes when training ends', async ({ page }) => {
  await trainBriefly(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(trainStatus(page)).toHaveAttribute('data-state', 'training');
  const dataTransfer = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['{}'], 'model.json', { type: 'application/json' }));
    transfer.items.add(new File([new Uint8Array(8)], 'weights.bin'));
    return transfer;
  });
  await modelsPanel(page).dispatchEvent('drop', { dataTransfer });
  await expect(modelsPanel(page).getByRole('alert')).toHaveText(
    'A model cannot be loaded while training: stop training first, then upload it again.',
  );
  await expect(trainStatus(page)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(modelsPanel(page).getByRole('alert')).toHaveCount(0);
});
