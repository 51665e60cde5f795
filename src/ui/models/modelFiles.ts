import { kerasFormatNamed, kerasFormatOf, MAX_KERAS_BYTES } from '../../ml/network/keras/formats';
import { sizeText } from '../../ml/text';
import { MAX_MODEL_BYTES, ModelFileError, checkModelFiles } from '../../ml/network/modelFile';
import { offerFile } from '../download';
import type { ModelFiles, ModelUpload } from '../../worker/protocol';

/** An upload ready for the worker, with the file name its messages use. */
export interface ChosenModel {
  readonly upload: ModelUpload;
  readonly name: string;
}

/**
 * Picks the model out of what was chosen or dropped: one Keras file (.keras, .h5), or
 * model.json and weights.bin. The page checks what it can without HDF5 (sizes, kinds, and all
 * of tfjs' files); the worker checks a Keras file's contents. Every refusal is a ModelFileError.
 */
export async function readModelFiles(files: readonly File[]): Promise<ChosenModel> {
  const keras = files.filter((file) => kerasFormatNamed(file.name) !== null);
  if (keras.length > 1) throw new ModelFileError('choose one Keras file at a time');
  if (keras.length === 1 && files.length > 1)
    throw new ModelFileError('choose a Keras file alone, or tfjs’ model.json and weights.bin, not both');
  const [kerasFile] = keras;
  try {
    return kerasFile ? await readKerasUpload(kerasFile) : await readTfjsUpload(files);
  } catch (error) {
    if (error instanceof ModelFileError) throw error;
    // A file the browser could not read, or one built to break a parser: no details worth showing.
    throw new ModelFileError('the files could not be read as a model');
  }
}

async function readKerasUpload(file: File): Promise<ChosenModel> {
  if (file.size > MAX_KERAS_BYTES) throw new ModelFileError(`${file.name.slice(0, 80)} is larger than ${sizeText(MAX_KERAS_BYTES)}`);
  const bytes = await file.arrayBuffer();
  const format = kerasFormatOf(new Uint8Array(bytes, 0, Math.min(8, bytes.byteLength)));
  if (format === null) throw new ModelFileError(`${file.name.slice(0, 80)} is neither a .keras file (a zip) nor an HDF5 .h5 file`);
  return { upload: { format: 'keras', bytes }, name: file.name };
}

async function readTfjsUpload(files: readonly File[]): Promise<ChosenModel> {
  const json = files.find((file) => file.name.endsWith('.json'));
  const weights = files.find((file) => file.name.endsWith('.bin'));
  if (!json || !weights) {
    throw new ModelFileError('choose a Keras file (.keras or .h5), or both files of a tfjs model: model.json and weights.bin');
  }
  if (json.size + weights.size > MAX_MODEL_BYTES) throw new ModelFileError(`the files are larger than ${sizeText(MAX_MODEL_BYTES)}`);
  const modelJson = await json.text();
  checkModelFiles(modelJson, weights.size);
  return { upload: { format: 'tfjs', files: { modelJson, weightData: await weights.arrayBuffer() } }, name: json.name };
}

/** Offers the model as the two files of tfjs' layers format. */
export function downloadModelFiles(files: ModelFiles): void {
  offerFile(files.modelJson, 'model.json', 'application/json');
  offerFile(files.weightData, 'weights.bin', 'application/octet-stream');
}
