import { IMAGE_PIXELS, IMAGE_SIZE } from './mnist';

/** A grayscale image with values in [0, 1], row-major. */
export interface GrayImage {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

export interface Box {
  readonly left: number;
  readonly top: number;
  /** Exclusive. */
  readonly right: number;
  /** Exclusive. */
  readonly bottom: number;
}

/** MNIST's digits were scaled to fit a 20×20 box, then centred by mass in 28×28. */
export const DIGIT_BOX = 20;

/**
 * Where MNIST puts the centre of mass: the centre of pixel (14, 14), i.e. 14.5 in
 * coordinates where pixel x spans [x, x + 1). The test set bears this out: its
 * digits sit exactly where this rule places them.
 */
export const MASS_TARGET = IMAGE_SIZE / 2 + 0.5;

/** Ink fainter than this is ignored when finding the digit's bounding box (antialiasing fringes). */
const INK_THRESHOLD = 0.05;

export function boundingBox(image: GrayImage, threshold = INK_THRESHOLD): Box | null {
  let left = image.width;
  let top = image.height;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if ((image.data[y * image.width + x] ?? 0) <= threshold) continue;
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
    }
  }
  return right < 0 ? null : { left, top, right: right + 1, bottom: bottom + 1 };
}

/**
 * Resamples one axis by area: each output cell averages the input cells it covers,
 * weighted by overlap. That is the smoothing that turns a 280-pixel stroke into a
 * 20-pixel one without aliasing.
 */
function resampleAxis(source: Float32Array, lines: number, length: number, stride: number, step: number, outLength: number): Float32Array {
  // source holds `lines` lines of `length` values; a line's values are `step` apart, lines `stride` apart.
  const out = new Float32Array(lines * outLength);
  const scale = length / outLength;
  for (let line = 0; line < lines; line++) {
    for (let o = 0; o < outLength; o++) {
      const start = o * scale;
      const end = start + scale;
      let sum = 0;
      for (let i = Math.floor(start); i < Math.min(length, Math.ceil(end)); i++) {
        const overlap = Math.min(end, i + 1) - Math.max(start, i);
        sum += (source[line * stride + i * step] ?? 0) * overlap;
      }
      out[line * outLength + o] = sum / scale;
    }
  }
  return out;
}

/** Area-resamples a box of `image` to width × height. */
export function resample(image: GrayImage, box: Box, width: number, height: number): Float32Array {
  const boxWidth = box.right - box.left;
  const boxHeight = box.bottom - box.top;
  const crop = new Float32Array(boxWidth * boxHeight);
  for (let y = 0; y < boxHeight; y++) {
    const start = (box.top + y) * image.width + box.left;
    crop.set(image.data.subarray(start, start + boxWidth), y * boxWidth);
  }
  // Rows first (each row of boxWidth → width), then columns (each column of boxHeight → height).
  const rows = resampleAxis(crop, boxHeight, boxWidth, boxWidth, 1, width);
  const columns = resampleAxis(rows, width, boxHeight, 1, width, height);
  // `columns` is column-major (width lines of height values): transpose back to row-major.
  const out = new Float32Array(width * height);
  for (let x = 0; x < width; x++) for (let y = 0; y < height; y++) out[y * width + x] = columns[x * height + y] ?? 0;
  return out;
}

/** Intensity-weighted centre, in pixel coordinates where pixel (x, y) is centred at (x + 0.5, y + 0.5). */
export function centreOfMass(data: Float32Array, width: number, height: number): { x: number; y: number } | null {
  let mass = 0;
  let sx = 0;
  let sy = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = data[y * width + x] ?? 0;
      mass += v;
      sx += v * (x + 0.5);
      sy += v * (y + 0.5);
    }
  }
  return mass > 0 ? { x: sx / mass, y: sy / mass } : null;
}

export interface Preprocessed {
  /** 784 values in [0, 1]: what the model receives. */
  readonly pixels: Float32Array;
  readonly box: Box;
  /** Size of the digit after scaling, before placing. */
  readonly scaledWidth: number;
  readonly scaledHeight: number;
  /** Where its top-left corner went in the 28×28 image. */
  readonly offsetX: number;
  readonly offsetY: number;
}

/**
 * The MNIST recipe: crop to the ink, scale the long side to 20 px keeping the
 * aspect ratio (with area smoothing), then place it in 28×28 so that its
 * intensity-weighted centre of mass sits at the centre. Null for an empty drawing.
 */
export function preprocess(image: GrayImage): Preprocessed | null {
  const box = boundingBox(image);
  if (!box) return null;
  const boxWidth = box.right - box.left;
  const boxHeight = box.bottom - box.top;
  const scale = DIGIT_BOX / Math.max(boxWidth, boxHeight);
  const scaledWidth = Math.max(1, Math.round(boxWidth * scale));
  const scaledHeight = Math.max(1, Math.round(boxHeight * scale));
  const digit = resample(image, box, scaledWidth, scaledHeight);
  const centre = centreOfMass(digit, scaledWidth, scaledHeight) ?? { x: scaledWidth / 2, y: scaledHeight / 2 };
  const offsetX = Math.round(MASS_TARGET - centre.x);
  const offsetY = Math.round(MASS_TARGET - centre.y);
  const pixels = new Float32Array(IMAGE_PIXELS);
  for (let y = 0; y < scaledHeight; y++) {
    const ty = y + offsetY;
    if (ty < 0 || ty >= IMAGE_SIZE) continue;
    for (let x = 0; x < scaledWidth; x++) {
      const tx = x + offsetX;
      if (tx < 0 || tx >= IMAGE_SIZE) continue;
      pixels[ty * IMAGE_SIZE + tx] = Math.min(1, Math.max(0, digit[y * scaledWidth + x] ?? 0));
    }
  }
  return { pixels, box, scaledWidth, scaledHeight, offsetX, offsetY };
}

/** Reads the red channel of RGBA bytes (white ink on black) as [0, 1] gray. */
export function grayFromRgba(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): GrayImage {
  const data = new Float32Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = (rgba[i * 4] ?? 0) / 255;
  return { width, height, data };
}
