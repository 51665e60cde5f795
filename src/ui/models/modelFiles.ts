import { MAX_MODEL_BYTES, ModelFileError, checkModelFiles } from '../../ml/network/modelFile';
import { offerFile } from '../download';
import type { ModelFiles } from '../../worker/protocol';

/**
 * Picks model.json and weights.bin out of what was chosen or dropped, and checks them
 * before anything changes. Every refusal is a ModelFileError whose message says why.
 */
export async function readModelFiles(files: readonly File[]): Promise<ModelFiles> {
  const json = files.find((file) => file.name.endsWith('.json'));
  const weights = files.find((file) => file.name.endsWith('.bin'));
  if (!json || !weights) throw new ModelFileError('choose both files of a saved model: model.json and weights.bin');
  if (json.size + weights.size > MAX_MODEL_BYTES) throw new ModelFileError('the files are larger than 10 MB');
  try {
    const modelJson = await json.text();
    checkModelFiles(modelJson, weights.size);
    return { modelJson, weightData: await weights.arrayBuffer() };
  } catch (error) {
    if (error instanceof ModelFileError) throw error;
    // A file the browser could not read, or one built to break a parser: no details worth showing.
    throw new ModelFileError('the files could not be read as a model');
  }
}

/** Offers the model as the two files of tfjs' layers format. */
export function downloadModelFiles(files: ModelFiles): void {
  offerFile(files.modelJson, 'model.json', 'application/json');
  offerFile(files.weightData, 'weights.bin', 'application/octet-stream');
}
