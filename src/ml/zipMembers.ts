import { Inflate, Unzip, unzipSync, type UnzipDecoder, type UnzipFile } from 'fflate';
import { sizeText } from './text';

/*
 * The members a file needs out of a zip someone else made, each capped before and while it is
 * inflated. fflate's own inflater fills a buffer of the size the zip states and goes on decoding
 * past it, so a member that lies about its size costs no memory but unbounded time; here the
 * compressed bytes go in 4 kB at a time (at most about 4 MB out per push) and the member is
 * refused as soon as it passes its cap.
 */

const SLICE = 4096;

/** Thrown from inside fflate's callbacks, and told apart from fflate's own errors. */
class Refusal extends Error {}

/** Deflate, pushed in slices so each push's output stays small. */
class SlicedInflate implements UnzipDecoder {
  static readonly compression = 8;
  ondata: UnzipDecoder['ondata'] = () => undefined;
  private readonly inflate = new Inflate((chunk, final) => this.ondata(null, chunk, final));

  push(chunk: Uint8Array, final: boolean): void {
    if (chunk.length === 0) this.inflate.push(chunk, final);
    for (let at = 0; at < chunk.length; at += SLICE) this.inflate.push(chunk.subarray(at, at + SLICE), final && at + SLICE >= chunk.length);
  }
}

export interface ZipRules {
  /** The members wanted, by the key `keyOf` gives their path, each with its most bytes unpacked. */
  readonly caps: Readonly<Record<string, number>>;
  /** A member's key (its name, or its last path segment…); null: not wanted. */
  readonly keyOf: (path: string) => string | null;
  /** The most bytes all wanted members may unpack to together. */
  readonly total: number;
  /** Throws the caller's own error, with this sentence. */
  readonly refuse: (message: string) => never;
}

/** The wanted members present in the zip, unpacked; refused (through `rules.refuse`) on anything odd. */
export function readZipMembers(bytes: Uint8Array, rules: ZipRules): Record<string, Uint8Array> {
  const { caps, keyOf, refuse } = rules;
  // The central directory first, which nothing is inflated to read: names, methods and stated sizes.
  const listed = new Set<string>();
  let total = 0;
  try {
    unzipSync(bytes, {
      filter: ({ name, originalSize, compression }) => {
        const key = keyOf(name);
        const cap = key === null ? undefined : caps[key];
        if (key === null || cap === undefined) return false;
        if (listed.has(key)) throw new Refusal(`it lists ${key} twice`);
        if (compression !== 0 && compression !== 8)
          throw new Refusal(`its ${key} is compressed with method ${compression}, not stored or deflated`);
        if (originalSize > cap) throw new Refusal(`its ${key} would unpack to ${sizeText(originalSize)}; at most ${sizeText(cap)} is read`);
        total += originalSize;
        if (total > rules.total) throw new Refusal(`its files would unpack to more than ${sizeText(rules.total)} together`);
        listed.add(key);
        return false;
      },
    });
  } catch (error) {
    refuse(error instanceof Refusal ? error.message : 'it could not be read as a zip file: it may be truncated or damaged');
  }
  const members: Record<string, Uint8Array> = {};
  try {
    const unzip = new Unzip((file: UnzipFile) => {
      const key = keyOf(file.name);
      const cap = key === null ? undefined : caps[key];
      if (key === null || cap === undefined || !listed.has(key) || key in members) return;
      const parts: Uint8Array[] = [];
      let size = 0;
      file.ondata = (error, chunk, final) => {
        if (error) throw error;
        size += chunk.length;
        if (size > cap) throw new Refusal(`its ${key} unpacks to more than ${sizeText(cap)}`);
        parts.push(chunk);
        if (!final) return;
        const whole = new Uint8Array(size);
        parts.reduce((at, part) => (whole.set(part, at), at + part.length), 0);
        members[key] = whole;
      };
      file.start();
    });
    unzip.register(SlicedInflate);
    unzip.push(bytes, true);
  } catch (error) {
    refuse(error instanceof Refusal ? error.message : 'it could not be read as a zip file: it may be truncated or damaged');
  }
  return members;
}
