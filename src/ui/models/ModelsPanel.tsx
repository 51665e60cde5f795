import { useState, type DragEvent } from 'react';
import { hasTrainedWeights, useAppState } from '../../state/store';
import { libraryFailed } from '../../state/libraryActions';
import { percent, seconds } from '../format';
import { useMlClient } from '../mlClientContext';
import { ModelDownloads } from './ModelDownloads';
import { readModelFiles } from './modelFiles';
import { errorMessage } from '../../ml/errors';
import { netText } from '../../ml/network/netText';
import { networkTitle } from '../runs/runRows';

/** Save to IndexedDB, the saved list with load and delete, and the model as files, down and up. */
export function ModelsPanel() {
  const client = useMlClient();
  const library = useAppState((state) => state.library);
  const training = useAppState((state) => state.training.state === 'training');
  const ready = useAppState((state) => state.backend.state === 'ready') && !training;
  const trained = useAppState(hasTrainedWeights);
  const [name, setName] = useState('');
  const [dragging, setDragging] = useState(false);

  const upload = (files: File[]): void => {
    if (training) {
      libraryFailed('A model cannot be loaded while training: stop training first, then upload it again.', true);
      return;
    }
    readModelFiles(files).then(
      ({ upload, name: fileName }) => {
        client.importModel(upload, fileName);
      },
      (error: unknown) => {
        libraryFailed(`That model was not loaded: ${errorMessage(error)}. The current model is unchanged.`);
      },
    );
  };

  const drop = (event: DragEvent<HTMLElement>): void => {
    event.preventDefault();
    setDragging(false);
    upload(Array.from(event.dataTransfer.files));
  };

  return (
    <section
      className={`panel${dragging ? ' dragging' : ''}`}
      aria-labelledby="models-heading"
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={drop}
    >
      <h2 id="models-heading">Models</h2>
      <div className="controls">
        <label className="name-field">
          Name <input type="text" value={name} placeholder="optional" onChange={(event) => setName(event.target.value)} />
        </label>
        <button type="button" disabled={!ready || !trained || library.busy} onClick={() => client.saveModel(name || null)}>
          Save model
        </button>
        <ModelDownloads ready={ready} typedName={name} />
        <label className="upload">
          Upload a model
          <input
            type="file"
            multiple
            accept=".keras,.h5,.hdf5,.json,.bin"
            disabled={!ready}
            onChange={(event) => {
              upload(Array.from(event.target.files ?? []));
              event.target.value = '';
            }}
          />
        </label>
        <span className="muted">
          Download gives tfjs’ model.json and weights.bin. Upload takes a .keras or .h5 file saved by Keras, or that pair; or drop them on
          this panel.
        </span>
      </div>
      {library.error && (
        <p role="alert" className="alert">
          {library.error.message}
        </p>
      )}
      <ul className="saved-models" data-testid="saved-models" aria-label="Saved models">
        {library.models.length === 0 && <li className="muted">No saved models yet. Saved models stay in this browser, across reloads.</li>}
        {library.models.map((model) => (
          <li
            key={model.id}
            data-model-id={model.id}
            data-network={netText(model.network)}
            className={model.id === library.active ? 'active' : undefined}
          >
            <div>
              <strong>{model.name}</strong>
              {model.id === library.active && <span className="badge">in use</span>}
              <div className="muted">
                {new Date(model.savedAt).toLocaleString('en-GB')} · {model.epochs} epoch{model.epochs === 1 ? '' : 's'} ·{' '}
                {model.testAccuracy === null ? 'not evaluated' : `test ${percent(model.testAccuracy)}`} · {model.backend} · seed{' '}
                {model.seed} · trained {seconds(model.trainingSeconds)} · {networkTitle(model.network)} network
              </div>
            </div>
            <button
              type="button"
              disabled={!ready || library.busy}
              onClick={() => client.loadModel(model.id)}
              aria-label={`Load ${model.name}`}
            >
              Load
            </button>
            <button type="button" disabled={library.busy} onClick={() => client.deleteModel(model.id)} aria-label={`Delete ${model.name}`}>
              Delete
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
