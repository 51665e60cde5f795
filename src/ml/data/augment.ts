import { IMAGE_PIXELS, IMAGE_SIZE } from './mnist';
import { mulberry32 } from './random';
import type { Examples } from './trainingSet';

/**
 * Data augmentation on the batch's bytes: each training image is rotated, scaled and
 * shifted at random within the configured ranges before it becomes a tensor. The draw
 * is a function of (seed, epoch, image index), so the same seed gives the same
 * augmented batches and the page can show exactly what the network saw.
 */
export interface AugmentConfig {
  /** Largest rotation either way, in degrees. */
  readonly rotation: number;
  /** Largest change of size either way, in percent. */
  readonly zoom: number;
  /** Largest shift along each axis, in pixels. */
  readonly shift: number;
}

export const NO_AUGMENT: AugmentConfig = { rotation: 0, zoom: 0, shift: 0 };

export function augments(config: AugmentConfig): boolean {
  return config.rotation > 0 || config.zoom > 0 || config.shift > 0;
}

/** One image's draw: an angle (radians), a scale factor and a shift (pixels). */
export interface Transform {
  readonly angle: number;
  readonly scale: number;
  readonly dx: number;
  readonly dy: number;
}

export const IDENTITY: Transform = { angle: 0, scale: 1, dx: 0, dy: 0 };

/** The draw for training image `index` in epoch `epoch`, in [-range, range] for each parameter. */
export function transformFor(config: AugmentConfig, seed: number, epoch: number, index: number): Transform {
  const random = mulberry32(
    (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(epoch + 1, 0xc2b2ae35) ^ Math.imul(index + 1, 0x27d4eb2f)) >>> 0,
  );
  const spread = (range: number): number => (2 * random() - 1) * range;
  return {
    angle: (spread(config.rotation) * Math.PI) / 180,
    scale: 1 + spread(config.zoom) / 100,
    dx: spread(config.shift),
    dy: spread(config.shift),
  };
}

/** The image's centre, between pixels 13 and 14: rotation and scale keep it in place. */
const CENTRE = (IMAGE_SIZE - 1) / 2;

/**
 * Writes `source` (28×28 bytes) moved by `transform` into `target`, by bilinear sampling of
 * the inverse map; what comes from outside the image is black. The identity gives back the
 * exact bytes: every sample then lands on a pixel centre with weight 1.
 *
 * It runs for every training image of every step, so it is written for speed: the inverse
 * map advances by a constant per pixel, and a sample whose four neighbours lie outside the
 * digit's bounding box is black without reading anything (most of an MNIST image is).
 */
export function warpImage(source: Uint8Array, transform: Transform, target: Uint8Array): void {
  const box = inkBox(source);
  if (!box) {
    target.fill(0);
    return;
  }
  const cos = Math.cos(transform.angle) / transform.scale;
  const sin = Math.sin(transform.angle) / transform.scale;
  // Samples strictly outside [left-1, right+1] × [top-1, bottom+1] only meet zeros.
  const [left, top, right, bottom] = box;
  for (let y = 0; y < IMAGE_SIZE; y++) {
    const v = y - CENTRE - transform.dy;
    const u0 = -CENTRE - transform.dx;
    // The inverse rotation and scale take the target pixel back to where it came from.
    let sx = cos * u0 + sin * v + CENTRE;
    let sy = -sin * u0 + cos * v + CENTRE;
    let out = y * IMAGE_SIZE;
    for (let x = 0; x < IMAGE_SIZE; x++, sx += cos, sy -= sin, out++) {
      if (sx <= left - 1 || sy <= top - 1 || sx >= right + 1 || sy >= bottom + 1) {
        target[out] = 0;
        continue;
      }
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      const upper = (1 - fx) * pixel(source, x0, y0) + fx * pixel(source, x0 + 1, y0);
      const lower = (1 - fx) * pixel(source, x0, y0 + 1) + fx * pixel(source, x0 + 1, y0 + 1);
      target[out] = Math.round((1 - fy) * upper + fy * lower);
    }
  }
}

/** The smallest box [left, top, right, bottom] that holds every non-zero pixel, or null for a black image. */
function inkBox(source: Uint8Array): [number, number, number, number] | null {
  let left = IMAGE_SIZE;
  let top = IMAGE_SIZE;
  let right = -1;
  let bottom = -1;
  for (let y = 0, i = 0; y < IMAGE_SIZE; y++) {
    for (let x = 0; x < IMAGE_SIZE; x++, i++) {
      if (source[i] === 0) continue;
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < top) top = y;
      bottom = y;
    }
  }
  return right < 0 ? null : [left, top, right, bottom];
}

function pixel(source: Uint8Array, x: number, y: number): number {
  return x < 0 || y < 0 || x >= IMAGE_SIZE || y >= IMAGE_SIZE ? 0 : (source[y * IMAGE_SIZE + x] ?? 0);
}

/**
 * Replaces the batch's first `count` images (dataset images `order[start…]`, already
 * gathered into `batch`) by their augmented versions for this epoch.
 */
export function augmentBatch(
  examples: Examples,
  order: ArrayLike<number>,
  start: number,
  count: number,
  batch: Uint8Array,
  config: AugmentConfig,
  seed: number,
  epoch: number,
): void {
  for (let i = 0; i < count; i++) {
    const index = order[start + i] ?? 0;
    warpImage(examples.pixels(index), transformFor(config, seed, epoch, index), batch.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS));
  }
}
