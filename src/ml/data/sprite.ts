import { IMAGE_PIXELS, IMAGE_SIZE } from './mnist';

/**
 * Where tiles sit in a sprite sheet. Sheets are kept close to square so that
 * the 60,000-image sheet (6,860 px a side) stays under the 8,192 px texture and
 * canvas limit that the weakest browsers still have.
 */
export interface SpriteLayout {
  readonly count: number;
  readonly columns: number;
  readonly rows: number;
  readonly width: number;
  readonly height: number;
}

export const MAX_SHEET_SIDE = 8192;

export function spriteLayout(count: number, columns = Math.ceil(Math.sqrt(count))): SpriteLayout {
  if (!Number.isInteger(count) || count <= 0) throw new RangeError(`tile count must be a positive integer, got ${count}`);
  if (!Number.isInteger(columns) || columns <= 0) throw new RangeError(`columns must be a positive integer, got ${columns}`);
  const rows = Math.ceil(count / columns);
  return { count, columns, rows, width: columns * IMAGE_SIZE, height: rows * IMAGE_SIZE };
}

/** Lays tiles (IDX order: image after image, row-major) into a one-byte-per-pixel sheet. */
export function tilesToSheet(tiles: Uint8Array, layout: SpriteLayout): Uint8Array {
  if (tiles.length !== layout.count * IMAGE_PIXELS) {
    throw new RangeError(`expected ${layout.count * IMAGE_PIXELS} tile bytes, got ${tiles.length}`);
  }
  const sheet = new Uint8Array(layout.width * layout.height);
  for (let tile = 0; tile < layout.count; tile++) {
    const top = Math.floor(tile / layout.columns) * IMAGE_SIZE;
    const left = (tile % layout.columns) * IMAGE_SIZE;
    for (let r = 0; r < IMAGE_SIZE; r++) {
      const src = tile * IMAGE_PIXELS + r * IMAGE_SIZE;
      sheet.set(tiles.subarray(src, src + IMAGE_SIZE), (top + r) * layout.width + left);
    }
  }
  return sheet;
}

/**
 * Copies the tiles found in a horizontal band of a decoded sheet into `tiles`.
 * The band starts at sheet row `bandTop` (a multiple of 28) and holds whole tile
 * rows; `channels` is 1 for gray bytes or 4 for RGBA, of which the red channel
 * is read. Decoding in bands keeps the RGBA copy of a 6,860² sheet (188 MB)
 * from ever existing at once.
 */
export function copyTilesFromBand(
  band: Uint8Array | Uint8ClampedArray,
  channels: 1 | 4,
  bandTop: number,
  layout: SpriteLayout,
  tiles: Uint8Array,
): void {
  if (bandTop % IMAGE_SIZE !== 0) throw new RangeError(`band must start on a tile row, got row ${bandTop}`);
  const bandRows = band.length / (layout.width * channels);
  if (!Number.isInteger(bandRows) || bandRows % IMAGE_SIZE !== 0) {
    throw new RangeError(`band must hold whole tile rows, got ${band.length} bytes`);
  }
  const firstTileRow = bandTop / IMAGE_SIZE;
  const tileRows = bandRows / IMAGE_SIZE;
  for (let tr = 0; tr < tileRows; tr++) {
    for (let col = 0; col < layout.columns; col++) {
      const tile = (firstTileRow + tr) * layout.columns + col;
      if (tile >= layout.count) return;
      const out = tile * IMAGE_PIXELS;
      for (let r = 0; r < IMAGE_SIZE; r++) {
        const rowStart = ((tr * IMAGE_SIZE + r) * layout.width + col * IMAGE_SIZE) * channels;
        for (let c = 0; c < IMAGE_SIZE; c++) {
          tiles[out + r * IMAGE_SIZE + c] = band[rowStart + c * channels] ?? 0;
        }
      }
    }
  }
}

/** The inverse of tilesToSheet for a whole gray sheet. */
export function sheetToTiles(sheet: Uint8Array, layout: SpriteLayout): Uint8Array {
  if (sheet.length !== layout.width * layout.height) {
    throw new RangeError(`expected a ${layout.width}×${layout.height} sheet, got ${sheet.length} bytes`);
  }
  const tiles = new Uint8Array(layout.count * IMAGE_PIXELS);
  copyTilesFromBand(sheet, 1, 0, layout, tiles);
  return tiles;
}
