import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import { maskedCrc32c } from './crc32c';

/*
 * Reads back what events.ts and records.ts write, for the tests (unit and end to end) only: the
 * page never reads event files. A second, independent decoding of the same wire format.
 */

/** The records of a framed file, each checked against both its CRCs; an error names the first bad one. */
export function readRecords(file: Uint8Array): Uint8Array[] {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const records: Uint8Array[] = [];
  for (let at = 0; at < file.length;) {
    if (at + 12 > file.length) throw new Error(`record ${records.length + 1} is cut short`);
    const length = Number(view.getBigUint64(at, true));
    if (view.getUint32(at + 8, true) !== maskedCrc32c(file.subarray(at, at + 8)))
      throw new Error(`record ${records.length + 1}'s length fails its CRC`);
    const end = at + 12 + length;
    if (end + 4 > file.length) throw new Error(`record ${records.length + 1} is cut short`);
    const data = file.subarray(at + 12, end);
    if (view.getUint32(end, true) !== maskedCrc32c(data)) throw new Error(`record ${records.length + 1}'s data fails its CRC`);
    records.push(data);
    at = end + 4;
  }
  return records;
}

/** One summary value as read back: its tag, plugin, and numbers (a scalar's one, a histogram's rows). */
export interface ReadValue {
  readonly tag: string;
  readonly plugin: string;
  readonly dataClass: number;
  readonly dtype: number;
  readonly shape: number[];
  readonly numbers: number[];
}

export interface ReadEvent {
  readonly wallTime: number;
  readonly step: number;
  readonly fileVersion: string;
  readonly values: ReadValue[];
}

function fields(bytes: Uint8Array, each: (field: number, wire: WireType, reader: BinaryReader) => void): void {
  const reader = new BinaryReader(bytes);
  while (reader.pos < reader.len) {
    const [field, wire] = reader.tag();
    const before = reader.pos;
    each(field, wire, reader);
    if (reader.pos === before) reader.skip(wire, field);
  }
}

function readTensor(bytes: Uint8Array): { dtype: number; shape: number[]; numbers: number[] } {
  let dtype = 0;
  const shape: number[] = [];
  const numbers: number[] = [];
  fields(bytes, (field, wire, reader) => {
    if (field === 1) dtype = reader.int32();
    else if (field === 2)
      fields(reader.bytes(), (f, _w, r) => {
        if (f === 2) fields(r.bytes(), (g, _x, s) => (g === 1 ? shape.push(Number(s.int64())) : undefined));
      });
    else if (field === 4) {
      const content = reader.bytes();
      const view = new DataView(content.buffer, content.byteOffset, content.byteLength);
      const size = dtype === 2 ? 8 : 4;
      for (let at = 0; at < content.length; at += size) numbers.push(size === 8 ? view.getFloat64(at, true) : view.getFloat32(at, true));
    } else if (field === 5 && wire === WireType.LengthDelimited) {
      const packed = new BinaryReader(reader.bytes());
      while (packed.pos < packed.len) numbers.push(packed.float());
    } else if (field === 6 && wire === WireType.LengthDelimited) {
      const packed = new BinaryReader(reader.bytes());
      while (packed.pos < packed.len) numbers.push(packed.double());
    }
  });
  return { dtype, shape, numbers };
}

function readValue(bytes: Uint8Array): ReadValue {
  let tag = '';
  let plugin = '';
  let dataClass = 0;
  let tensor: { dtype: number; shape: number[]; numbers: number[] } = { dtype: 0, shape: [], numbers: [] };
  fields(bytes, (field, _wire, reader) => {
    if (field === 1) tag = reader.string();
    else if (field === 9)
      fields(reader.bytes(), (f, _w, r) => {
        if (f === 1) fields(r.bytes(), (g, _x, s) => (g === 1 ? (plugin = s.string()) : undefined));
        else if (f === 4) dataClass = r.int32();
      });
    else if (field === 8) tensor = readTensor(reader.bytes());
  });
  return { tag, plugin, dataClass, ...tensor };
}

/** An Event message. */
export function readEvent(bytes: Uint8Array): ReadEvent {
  let wallTime = 0;
  let step = 0;
  let fileVersion = '';
  const values: ReadValue[] = [];
  fields(bytes, (field, _wire, reader) => {
    if (field === 1) wallTime = reader.double();
    else if (field === 2) step = Number(reader.int64());
    else if (field === 3) fileVersion = reader.string();
    else if (field === 5) fields(reader.bytes(), (f, _w, r) => (f === 1 ? values.push(readValue(r.bytes())) : undefined));
  });
  return { wallTime, step, fileVersion, values };
}
