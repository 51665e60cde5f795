/*
 * Keras' two model files by name and by their first bytes: small enough for the page, which
 * checks an upload's size and kind before handing it to the worker, and names downloads.
 */

export const KERAS_FORMATS = ['keras', 'h5'] as const;
export type KerasFormat = (typeof KERAS_FORMATS)[number];

/** The largest family network's weights (8 MB) with Keras' optimizer state twice over, and room to spare. */
export const MAX_KERAS_BYTES = 32 * 2 ** 20;

const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const startsWith = (bytes: Uint8Array, signature: readonly number[]): boolean => signature.every((byte, i) => bytes[i] === byte);

/** Which of Keras' formats the bytes are, by their first bytes (a file's name can say anything). */
export function kerasFormatOf(bytes: Uint8Array): KerasFormat | null {
  if (startsWith(bytes, ZIP_SIGNATURE)) return 'keras';
  if (startsWith(bytes, HDF5_SIGNATURE)) return 'h5';
  return null;
}

/** A file name's Keras format by its extension (.keras, .h5, .hdf5), or null. */
export function kerasFormatNamed(name: string): KerasFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.keras')) return 'keras';
  return lower.endsWith('.h5') || lower.endsWith('.hdf5') ? 'h5' : null;
}

/** A model's name as a file name: what a file system takes, at most 100 characters, never empty. */
export function modelFileName(name: string, format: KerasFormat): string {
  // "mnist.keras" typed as the name downloads as mnist.keras, not mnist.keras.keras.
  const bare = name.trim().replace(/\.(keras|h5|hdf5)$/i, '');
  const safe = Array.from(bare, (char) => (char < ' ' || '\\/:*?"<>|'.includes(char) ? '-' : char))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);
  return `${safe || 'model'}.${format}`;
}
