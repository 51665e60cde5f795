import { DatasetError } from '../../ml/data/data';
import { IMAGE_PIXELS, IMAGE_SIZE } from '../../ml/data/mnist';
import { copyTilesFromBand, type SpriteLayout } from '../../ml/data/sprite';

/** Tile rows read per getImageData call: bounds the transient RGBA copy to a few MB. */
const TILE_ROWS_PER_BAND = 16;

/**
 * Decodes a gray PNG sheet into tile-order bytes with the browser's own decoder,
 * off the main thread. `premultiplyAlpha: 'none'` and `colorSpaceConversion: 'none'`
 * keep the bytes exact; the canvas is CPU-backed (`willReadFrequently`) so reading
 * it back costs no GPU round trip.
 */
export async function decodeSprite(png: Uint8Array, layout: SpriteLayout, what: string): Promise<Uint8Array> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' }), {
      premultiplyAlpha: 'none',
      colorSpaceConversion: 'none',
    });
  } catch {
    throw new DatasetError('decode', `The ${what} could not be decoded: the file is not a valid PNG image.`);
  }
  try {
    if (bitmap.width !== layout.width || bitmap.height < Math.ceil(layout.count / layout.columns) * IMAGE_SIZE) {
      throw new DatasetError(
        'size',
        `The ${what} sheet is ${bitmap.width}×${bitmap.height} px, but the manifest describes ${layout.width}×${layout.height} px.`,
      );
    }
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new DatasetError('decode', `The ${what} could not be decoded: this browser refused a 2D canvas.`);
    context.imageSmoothingEnabled = false;
    context.drawImage(bitmap, 0, 0);
    const tiles = new Uint8Array(layout.count * IMAGE_PIXELS);
    const bandHeight = TILE_ROWS_PER_BAND * IMAGE_SIZE;
    for (let top = 0; top < layout.height; top += bandHeight) {
      const height = Math.min(bandHeight, layout.height - top);
      const band = context.getImageData(0, top, layout.width, height).data;
      copyTilesFromBand(band, 4, top, layout, tiles);
    }
    return tiles;
  } finally {
    bitmap.close();
  }
}
