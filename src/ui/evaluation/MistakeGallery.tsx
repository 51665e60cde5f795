import { useEffect, useMemo, useRef, useState } from 'react';
import { IMAGE_PIXELS } from '../../ml/data/mnist';
import { DigitCanvas } from '../DigitCanvas';
import { percent } from '../format';
import { useMlClient } from '../mlClientContext';
import { imagesIn, type Cell } from './cell';
import { ImageInspector } from './ImageInspector';
import { errorMessage } from '../../ml/errors';
import type { EvaluationResult } from '../../worker/protocol';
import { imageName } from '../../ml/data/validation';
import { capitalised } from '../../ml/text';

const LIMIT = 50;

export function MistakeGallery({ result, cell, onClose }: { result: EvaluationResult; cell: Cell; onClose: () => void }) {
  const client = useMlClient();
  const { total, indices } = useMemo(() => imagesIn(result, cell, LIMIT), [result, cell]);
  const heading = useRef<HTMLHeadingElement>(null);
  const [inspected, setInspected] = useState<number | null>(null);

  // The gallery opens below the matrix, out of sight on a small screen: bring it to the reader.
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'nearest' });
    heading.current?.focus({ preventScroll: true });
  }, [cell]);
  const [pixels, setPixels] = useState<{ indices: number[]; bytes: Uint8Array } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    client.images(result.on, indices).then(
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
  }, [client, result.on, indices]);

  // One array per choice: the inspector predicts again only when the image changes.
  const inspectedPixels = useMemo(() => {
    const at = inspected === null || pixels?.indices !== indices ? -1 : indices.indexOf(inspected);
    return pixels && at >= 0 ? pixels.bytes.subarray(at * IMAGE_PIXELS, (at + 1) * IMAGE_PIXELS) : null;
  }, [pixels, indices, inspected]);

  const title = cell.actual === cell.predicted ? `${cell.actual}s read correctly` : `${cell.actual}s read as ${cell.predicted}`;
  return (
    <section className="gallery" data-testid="gallery" data-actual={cell.actual} data-predicted={cell.predicted} aria-label={title}>
      <header>
        <h3 ref={heading} tabIndex={-1}>
          {title}: {total}
          {total > LIMIT ? ` (the ${LIMIT} the model was surest of)` : ''}
          {total > 1 ? ', surest first' : ''}
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
            <li key={index} data-testid="gallery-item" data-index={index} data-confidence={result.confidences[index] ?? 0}>
              <button
                type="button"
                className="gallery-image"
                aria-pressed={inspected === index}
                aria-label={`Inspect ${imageName(result.on, index)}`}
                onClick={() => setInspected(inspected === index ? null : index)}
              >
                <DigitCanvas
                  pixels={pixels.bytes.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS)}
                  size={56}
                  label={capitalised(imageName(result.on, index))}
                />
              </button>
              <span>
                #{index}: {cell.actual} → {cell.predicted}
              </span>
              <span className="muted">{percent(result.confidences[index] ?? 0, 0)}</span>
            </li>
          ))}
        </ol>
      )}
      {inspectedPixels && inspected !== null && (
        <ImageInspector index={inspected} name={imageName(result.on, inspected)} label={cell.actual} pixels={inspectedPixels} />
      )}
    </section>
  );
}
