/** The ids of a WebAssembly binary's sections, in order (spec §5.5.2). */
export function sectionIds(bytes: Uint8Array): number[] {
  const MAGIC = [0x00, 0x61, 0x73, 0x6d];
  if (bytes.length < 8 || MAGIC.some((byte, i) => bytes[i] !== byte)) throw new Error('not a WebAssembly binary');
  const ids: number[] = [];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at++] ?? 0;
    // The section's size, an unsigned LEB128.
    let size = 0;
    let shift = 0;
    let byte = 0x80;
    while (byte & 0x80) {
      if (at >= bytes.length) throw new Error('a section size runs past the end');
      byte = bytes[at++] ?? 0;
      size += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    }
    ids.push(id);
    at += size;
  }
  if (at !== bytes.length) throw new Error('the last section runs past the end');
  return ids;
}
