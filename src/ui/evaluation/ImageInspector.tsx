import { capitalised } from '../../ml/text';
import { useEffect, useState } from 'react';
import { IMAGE_PIXELS } from '../../ml/data/mnist';
import { errorMessage } from '../../ml/errors';
import type { Prediction } from '../../worker/protocol';
import { DigitCanvas } from '../DigitCanvas';
import { InsideNetwork } from '../draw/InsideNetwork';
import { ProbabilityBars } from '../draw/ProbabilityBars';
import { useMlClient } from '../mlClientContext';

/** One test image through the model, as the drawing pad shows a drawing: its probabilities and what each convolution saw. */
export function ImageInspector({ index, name, label, pixels }: { index: number; name: string; label: number; pixels: Uint8Array }) {
  const client = useMlClient();
  const [result, setResult] = useState<{ pixels: Uint8Array; prediction: Prediction } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const input = Float32Array.from({ length: IMAGE_PIXELS }, (_, i) => (pixels[i] ?? 0) / 255);
    client.predict(input).then(
      (prediction) => {
        if (live) setResult({ pixels, prediction });
      },
      (failure: unknown) => {
        if (live) setError(`The model could not read this image: ${errorMessage(failure)}`);
      },
    );
    return () => {
      live = false;
    };
  }, [client, pixels]);

  return (
    <section className="inspector" data-testid="image-inspector" data-index={index} aria-label={`${capitalised(name)} through the model`}>
      <h4>
        {capitalised(name)}, labelled {label}
      </h4>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      {result?.pixels === pixels && (
        <>
          <div className="draw-layout">
            <DigitCanvas pixels={pixels} size={112} label={`${capitalised(name)}, enlarged`} />
            <ProbabilityBars probabilities={result.prediction.probabilities} testId="inspected-prediction" />
          </div>
          <InsideNetwork prediction={result.prediction} what="this image" />
        </>
      )}
    </section>
  );
}
