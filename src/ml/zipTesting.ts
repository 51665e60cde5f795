import { zipSync } from 'fflate';

/* Hostile zips for the tests of readers of zips: members that lie about their size, or are listed twice. */

const sizeAt = (bytes: Uint8Array, signature: number, offset: number, value: number): void => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; at + 4 <= bytes.length; at++) if (view.getUint32(at, true) === signature) view.setUint32(at + offset, value, true);
};

/** A zip of one deflated member whose local and central headers both say it unpacks to `claimed` bytes. */
export function lyingZip(name: string, contents: Uint8Array, claimed: number): Uint8Array {
  const bytes = zipSync({ [name]: contents }, { level: 9 });
  // Local file header: uncompressed size at 22; central directory entry: at 24.
  sizeAt(bytes, 0x04034b50, 22, claimed);
  sizeAt(bytes, 0x02014b50, 24, claimed);
  return bytes;
}

/** A stored zip of `members` in which the member `twin` is renamed `name` in every header: two members of one name. */
export function twinZip(members: Record<string, Uint8Array>, twin: string, name: string): Uint8Array {
  if (twin.length !== name.length) throw new Error('a twin needs a name of the same length');
  const bytes = zipSync(members, { level: 0 });
  const from = new TextEncoder().encode(twin);
  const to = new TextEncoder().encode(name);
  for (let at = 0; at + from.length <= bytes.length; at++) if (from.every((byte, i) => bytes[at + i] === byte)) bytes.set(to, at);
  return bytes;
}
