import type { Browser, Page } from '@playwright/test';
import { draw, probabilities } from '../../e2e/draw';
import { mulberry32 } from '../../src/ml/data/random';

/** A digit style, as a person draws it: strokes in pad units (0–280), and the digit meant. */
export interface DrawnStyle {
  readonly name: string;
  readonly label: number;
  readonly strokes: readonly (readonly [number, number])[][];
}

/**
 * The continental 1: a long upstroke from the lower left into the top, then straight down. Common
 * in European handwriting and rare among MNIST's American writers, so the notebook's model reads
 * it as a 7 or a 9.
 */
export const CONTINENTAL_ONE: DrawnStyle = {
  name: 'continental 1',
  label: 1,
  strokes: [
    [
      [80, 110],
      [150, 40],
      [150, 245],
    ],
  ],
};

/** Fine-tuning measured: the notebook's model before and after Fine-tune on my digits, on my held-out digits and on MNIST. */
export interface FineTuneResult {
  readonly style: string;
  readonly digits: number;
  readonly heldOut: number;
  /** The preset's settings as trained (with any overrides). */
  readonly settings: Readonly<Record<string, string>>;
  readonly before: Scores;
  readonly after: Scores;
  readonly fineTuneSeconds: number;
}

interface Scores {
  /** Accuracy on my held-out digits (the panel's evaluation). */
  readonly heldOutAccuracy: number;
  /** Fresh drawings of the same style, never added: how many the model reads as meant. */
  readonly freshCorrect: number;
  readonly freshDrawn: number;
  /** Accuracy on MNIST's 10,000 test images. */
  readonly mnistAccuracy: number;
}

/** The style drawn once more, each point moved up to `jitter` pad units, the whole shifted and scaled a little. */
function variant(style: DrawnStyle, random: () => number, jitter = 14): [number, number][][] {
  const scale = 0.85 + random() * 0.3;
  const dx = (random() - 0.5) * 40;
  const dy = (random() - 0.5) * 30;
  const move = (value: number, shift: number): number => 140 + (value - 140) * scale + shift + (random() - 0.5) * 2 * jitter;
  return style.strokes.map((stroke) => stroke.map(([x, y]) => [move(x, dx), move(y, dy)]));
}

async function drawVariant(page: Page, strokes: [number, number][][]): Promise<number[]> {
  const clear = page.getByRole('button', { name: 'Clear', exact: true });
  if (await clear.isEnabled()) await clear.click();
  for (const stroke of strokes) await draw(page, stroke);
  return probabilities(page);
}

const argmax = (values: readonly number[]): number => values.indexOf(Math.max(...values));

/** How many fresh drawings (seeded) the model reads as meant. */
async function freshCorrect(page: Page, style: DrawnStyle, count: number, seed: number): Promise<number> {
  const random = mulberry32(seed);
  let correct = 0;
  for (let i = 0; i < count; i++) if (argmax(await drawVariant(page, variant(style, random))) === style.label) correct++;
  return correct;
}

async function matrixAccuracy(page: Page, testSet: 'mnist' | 'mine'): Promise<number> {
  await page.getByRole('combobox', { name: 'Test set', exact: true }).selectOption(testSet);
  const scored = page.locator(`[data-testid=evaluation][data-test-set=${testSet}]`);
  await scored.waitFor({ timeout: 120_000 });
  const matrix = JSON.parse((await scored.getByTestId('confusion-matrix').getAttribute('data-matrix')) ?? '[]') as number[][];
  const total = matrix.flat().reduce((sum, count) => sum + count, 0);
  return matrix.reduce((sum, row, i) => sum + (row[i] ?? 0), 0) / total;
}

async function scores(page: Page, style: DrawnStyle, fresh: number): Promise<Scores> {
  return {
    heldOutAccuracy: await matrixAccuracy(page, 'mine'),
    freshCorrect: await freshCorrect(page, style, fresh, 2),
    freshDrawn: fresh,
    mnistAccuracy: await matrixAccuracy(page, 'mnist'),
  };
}

/**
 * In one fresh page (wasm): the notebook's model as Keras saved it (fixtures/keras), `count` drawings
 * of `style` added to my digits with their label, then the scores before and after one click of
 * Fine-tune on my digits (and Train), with `overrides` typed into the settings after the preset.
 */
export async function measureFineTune(
  browser: Browser,
  base: string,
  style: DrawnStyle,
  count: number,
  overrides: Readonly<Record<string, string>>,
  fresh = 20,
): Promise<FineTuneResult> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/?backend=wasm`);
  await page.locator('[data-testid=dataset-status][data-state=ready]').waitFor({ timeout: 120_000 });
  await page.getByLabel('Upload a model').setInputFiles('fixtures/keras/notebook-cnn.keras');
  await page.locator('[data-testid=evaluation][data-test-set=mnist]').waitFor({ timeout: 120_000 });

  const random = mulberry32(1);
  for (let i = 0; i < count; i++) {
    await drawVariant(page, variant(style, random));
    await page.getByRole('combobox', { name: 'Label', exact: true }).selectOption(String(style.label));
    await page.getByRole('button', { name: 'Add to my digits' }).click();
    await page.locator(`[data-testid=my-digits][data-count="${i + 1}"]`).waitFor();
  }
  const heldOut = Number(await page.getByTestId('my-digits').getAttribute('data-held-out'));
  const before = await scores(page, style, fresh);

  const toggle = page.getByRole('button', { name: 'Settings and network' });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.getByRole('button', { name: 'Fine-tune on my digits' }).click();
  for (const [label, value] of Object.entries(overrides)) await page.getByLabel(label, { exact: true }).fill(value);
  const settings = Object.fromEntries(new URL(page.url()).searchParams);
  const started = Date.now();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.locator('[data-testid=train-status][data-state=done]').waitFor({ timeout: 600_000 });
  const fineTuneSeconds = (Date.now() - started) / 1000;
  const after = await scores(page, style, fresh);
  await context.close();
  return { style: style.name, digits: count, heldOut, settings, before, after, fineTuneSeconds };
}
