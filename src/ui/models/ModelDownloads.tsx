import { useState } from 'react';
import { errorMessage } from '../../ml/errors';
import { modelFileName, type KerasFormat } from '../../ml/network/keras/formats';
import { libraryFailed } from '../../state/libraryActions';
import { useAppState } from '../../state/store';
import { offerFile } from '../download';
import { useMlClient } from '../mlClientContext';
import { downloadModelFiles } from './modelFiles';

const KERAS_TYPES: Readonly<Record<KerasFormat, string>> = { keras: 'application/zip', h5: 'application/x-hdf5' };

/** The current model as files: tfjs' pair, Keras 3's .keras, Keras' legacy .h5. */
export function ModelDownloads({ ready, typedName }: { ready: boolean; typedName: string }) {
  const client = useMlClient();
  const activeName = useAppState(({ library }) => library.models.find((model) => model.id === library.active)?.name ?? null);
  // The first Keras file loads the HDF5 library (about 1 MB): the buttons wait for it.
  const [writing, setWriting] = useState<KerasFormat | null>(null);

  const downloadKeras = (format: KerasFormat): void => {
    setWriting(format);
    const name = modelFileName(typedName.trim() || activeName || 'model', format);
    client
      .exportKeras(format)
      .then(
        (bytes) => offerFile(bytes, name, KERAS_TYPES[format]),
        (error: unknown) => libraryFailed(`The model could not be written as ${name}: ${errorMessage(error)}.`),
      )
      .finally(() => setWriting(null));
  };

  return (
    <>
      <button
        type="button"
        disabled={!ready}
        onClick={() => {
          client.exportModel().then(downloadModelFiles, (error: unknown) => {
            libraryFailed(`The model could not be downloaded: ${errorMessage(error)}.`);
          });
        }}
      >
        Download
      </button>
      {(['keras', 'h5'] as const).map((format) => (
        <button
          key={format}
          type="button"
          disabled={!ready || writing !== null}
          aria-busy={writing === format}
          onClick={() => downloadKeras(format)}
        >
          Download .{format}
        </button>
      ))}
    </>
  );
}
