import { useEffect, useMemo, useState } from 'react';
import { IMAGE_PIXELS } from '../../ml/data/mnist';
import { DigitCanvas } from '../DigitCanvas';
import { percent } from '../format';
import { useMlClient } from '../mlClientContext';
import type { Cell } from './cell';
import { errorMessage } from '../../ml/errors';
import type { EvaluationResult } from '../../worker/protocol';

const LIMIT = 50;

/** How many test images fall in one cell, and the first `LIMIT` of them in test-set order. */
function imagesIn(result: EvaluationResult, cell: Cell): { total: number; indices: number[] } {
  const indices: number[] = [];
  let total = 0;
  for (let k = 0; k < result.labels.length; k++) {
    if (result.labels[k] !== cell.actual || result.predictions[k] !== cell.predicted) continue;
    total++;
    if (indices.length < LIMIT) indices.push(k);
  }
  return { total, indices };
}

export function MistakeGallery({ result, cell, onClose }: { result: EvaluationResult; cell: Cell; onClose: () => void }) {
  const client = useMlClient();
  const { total, indices } = useMemo(() => imagesIn(result, cell), [result, cell]);
  const [pixels, setPixels] = useState<{ indices: number[]; bytes: Uint8Array } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    client.testImages(indices).then(
      (bytes) => {
        if (live) setPixels({ indices, bytes });
      },
      (failure: unknown) => {
        if (live) setError(`The images could not be fetched: ${errorMessage(failure)}`);
      },
    );
    return () => {
      live = false;
    };
  }, [client, indices]);

  const title = cell.actual === cell.predicted ? `${cell.actual}s read correctly` : `${cell.actual}s read as ${cell.predicted}`;
  return (
    <section className="gallery" data-testid="gallery" data-actual={cell.actual} data-predicted={cell.predicted} aria-label={title}>
      <header>
        <h3>
          {title}: {total}
          {total > LIMIT ? ` (the first ${LIMIT})` : ''}
        </h3>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      {pixels?.indices === indices && (
        <ol className="gallery-grid">
          {indices.map((index, i) => (
            <li key={index} data-testid="gallery-item" data-index={index}>
              <DigitCanvas
                pixels={pixels.bytes.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS)}
                size={56}
                label={`Test image ${index}`}
              />
              <span>
                #{index}: {cell.actual} → {cell.predicted}
              </span>
              <span className="muted">{percent(result.confidences[index] ?? 0, 0)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
