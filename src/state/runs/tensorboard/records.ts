import { maskedCrc32c } from './crc32c';

/**
 * TFRecord framing, as TensorBoard's event files use it: each record is its length (uint64,
 * little-endian), the masked CRC32C of those 8 bytes, the data, and the masked CRC32C of the data.
 */
export function frameRecords(records: readonly Uint8Array[]): Uint8Array {
  const size = records.reduce((sum, data) => sum + 16 + data.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const data of records) {
    view.setBigUint64(at, BigInt(data.length), true);
    view.setUint32(at + 8, maskedCrc32c(out.subarray(at, at + 8)), true);
    out.set(data, at + 12);
    view.setUint32(at + 12 + data.length, maskedCrc32c(data), true);
    at += 16 + data.length;
  }
  return out;
}
