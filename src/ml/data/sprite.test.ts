import { describe, expect, it } from 'vitest';
import { IMAGE_PIXELS, IMAGE_SIZE } from './mnist';
import { MAX_SHEET_SIDE, copyTilesFromBand, sheetToTiles, spriteLayout, tilesToSheet } from './sprite';

function randomTiles(count: number, seed = 1): Uint8Array {
  const tiles = new Uint8Array(count * IMAGE_PIXELS);
  let state = seed;
  for (let i = 0; i < tiles.length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    tiles[i] = state >>> 24;
  }
  return tiles;
}

describe('spriteLayout', () => {
  it('keeps both MNIST sheets square-ish and inside browser texture limits', () => {
    const train = spriteLayout(60_000);
    expect(train).toEqual({ count: 60_000, columns: 245, rows: 245, width: 6860, height: 6860 });
    expect(spriteLayout(10_000)).toEqual({ count: 10_000, columns: 100, rows: 100, width: 2800, height: 2800 });
    expect(Math.max(train.width, train.height)).toBeLessThanOrEqual(MAX_SHEET_SIDE);
  });

  it('rounds the last row up and rejects nonsense', () => {
    expect(spriteLayout(7, 3)).toMatchObject({ rows: 3, width: 84, height: 84 });
    expect(() => spriteLayout(0)).toThrow(RangeError);
    expect(() => spriteLayout(5, 0)).toThrow(RangeError);
  });
});

describe('tilesToSheet', () => {
  it('puts pixel (r, c) of tile k at row ⌊k/columns⌋·28 + r, column (k mod columns)·28 + c', () => {
    const layout = spriteLayout(7, 3);
    const tiles = randomTiles(7);
    const sheet = tilesToSheet(tiles, layout);
    for (const [k, r, c] of [
      [0, 0, 0],
      [1, 5, 27],
      [4, 27, 0],
      [6, 13, 14],
    ] as const) {
      const row = Math.floor(k / 3) * IMAGE_SIZE + r;
      const col = (k % 3) * IMAGE_SIZE + c;
      expect(sheet[row * layout.width + col]).toBe(tiles[k * IMAGE_PIXELS + r * IMAGE_SIZE + c]);
    }
    // The unused slots of the last row stay black.
    expect(sheet[(2 * IMAGE_SIZE + 3) * layout.width + 2 * IMAGE_SIZE + 3]).toBe(0);
  });

  it('round-trips through sheetToTiles byte for byte', () => {
    const layout = spriteLayout(50);
    const tiles = randomTiles(50, 7);
    expect(sheetToTiles(tilesToSheet(tiles, layout), layout)).toEqual(tiles);
  });

  it('rejects a tile buffer of the wrong length', () => {
    expect(() => tilesToSheet(new Uint8Array(IMAGE_PIXELS - 1), spriteLayout(1))).toThrow(/784/);
  });
});

describe('copyTilesFromBand', () => {
  it('reads the red channel of RGBA bands, band by band, into tile order', () => {
    const layout = spriteLayout(10, 4);
    const tiles = randomTiles(10, 3);
    const sheet = tilesToSheet(tiles, layout);
    const rgba = new Uint8ClampedArray(sheet.length * 4);
    sheet.forEach((value, i) => rgba.set([value, 255 - value, 7, 255], i * 4));
    const out = new Uint8Array(tiles.length);
    const bandRows = IMAGE_SIZE; // one tile row per band
    for (let top = 0; top < layout.height; top += bandRows) {
      copyTilesFromBand(rgba.subarray(top * layout.width * 4, (top + bandRows) * layout.width * 4), 4, top, layout, out);
    }
    expect(out).toEqual(tiles);
  });

  it('refuses bands that do not start or end on tile rows', () => {
    const layout = spriteLayout(4, 2);
    const out = new Uint8Array(4 * IMAGE_PIXELS);
    expect(() => copyTilesFromBand(new Uint8Array(layout.width * IMAGE_SIZE), 1, 3, layout, out)).toThrow(/tile row/);
    expect(() => copyTilesFromBand(new Uint8Array(layout.width * 5), 1, 0, layout, out)).toThrow(/whole tile rows/);
  });
});
