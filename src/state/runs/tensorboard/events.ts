import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';

/*
 * TensorBoard's Event messages, encoded field by field with protobuf's wire format (no generated
 * code, no eval). The field numbers are those of tensorflow/core/util/event.proto, summary.proto,
 * tensor.proto and tensor_shape.proto. Values are written as tf.summary writes them today: a
 * tensor with its plugin's name in the metadata.
 */
const DT_FLOAT = 1;
const DT_DOUBLE = 2;

export const FILE_VERSION = 'brain.Event:2';

export type SummaryValue =
  | { readonly kind: 'scalar'; readonly tag: string; readonly value: number }
  /** Rows of (left edge, right edge, count), as tf.summary.histogram writes them. */
  | { readonly kind: 'histogram'; readonly tag: string; readonly rows: readonly (readonly [number, number, number])[] };

/** SummaryMetadata.data_class, which TensorBoard's fast loader reads first: a scalar, or a tensor (histograms). */
const DATA_CLASS = { scalars: 1, histograms: 2 } as const;

function writeMetadata(writer: BinaryWriter, plugin: keyof typeof DATA_CLASS): void {
  // SummaryMetadata.plugin_data (1) → PluginData.plugin_name (1); an empty content is the plugin's version 0.
  writer.tag(9, WireType.LengthDelimited).fork();
  writer.tag(1, WireType.LengthDelimited).fork().tag(1, WireType.LengthDelimited).string(plugin).join();
  writer.tag(4, WireType.Varint).int32(DATA_CLASS[plugin]);
  writer.join();
}

function writeShape(writer: BinaryWriter, dims: readonly number[]): void {
  writer.tag(2, WireType.LengthDelimited).fork();
  for (const size of dims) writer.tag(2, WireType.LengthDelimited).fork().tag(1, WireType.Varint).int64(size).join();
  writer.join();
}

function writeValue(writer: BinaryWriter, value: SummaryValue): void {
  writer.tag(1, WireType.LengthDelimited).fork();
  writer.tag(1, WireType.LengthDelimited).string(value.tag);
  writer.tag(8, WireType.LengthDelimited).fork();
  switch (value.kind) {
    case 'scalar':
      // A float32 tensor of shape [] holding the value (float_val, packed).
      writer.tag(1, WireType.Varint).int32(DT_FLOAT);
      writeShape(writer, []);
      writer.tag(5, WireType.LengthDelimited).fork().float(value.value).join();
      break;
    case 'histogram': {
      // A float64 tensor of shape [k, 3], its rows little-endian in tensor_content.
      const content = new Float64Array(value.rows.flatMap((row) => [...row]));
      writer.tag(1, WireType.Varint).int32(DT_DOUBLE);
      writeShape(writer, [value.rows.length, 3]);
      writer.tag(4, WireType.LengthDelimited).bytes(littleEndian(content));
      break;
    }
  }
  writer.join();
  writeMetadata(writer, value.kind === 'scalar' ? 'scalars' : 'histograms');
  writer.join();
}

/** The bytes of doubles in little-endian order, whatever the machine's own. */
function littleEndian(values: Float64Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => view.setFloat64(i * 8, value, true));
  return bytes;
}

/** The first event of every file: its version. */
export function versionEvent(wallTime: number): Uint8Array {
  const writer = new BinaryWriter();
  writer.tag(1, WireType.Bit64).double(wallTime);
  writer.tag(3, WireType.LengthDelimited).string(FILE_VERSION);
  return writer.finish();
}

/** An event of summary values at one step. */
export function summaryEvent(wallTime: number, step: number, values: readonly SummaryValue[]): Uint8Array {
  const writer = new BinaryWriter();
  writer.tag(1, WireType.Bit64).double(wallTime);
  writer.tag(2, WireType.Varint).int64(step);
  writer.tag(5, WireType.LengthDelimited).fork();
  for (const value of values) writeValue(writer, value);
  writer.join();
  return writer.finish();
}
