import { useCallback, useEffect, useRef, useState } from 'react';
import { grayFromRgba, preprocess } from '../../ml/data/preprocess';
import type { MlClient } from '../../state/mlClient';
import { errorMessage } from '../../ml/errors';
import type { Prediction } from '../../worker/protocol';

export interface LiveResult {
  /** The 28×28 image the model received. */
  readonly input: Float32Array;
  readonly prediction: Prediction;
}

/**
 * Predicts what the canvas shows, at most once per animation frame and never with
 * two requests in flight: a request made while one is pending is folded into the
 * next frame after it returns, so the last drawing is always the one answered.
 */
export function useLivePrediction(client: MlClient, canvasRef: React.RefObject<HTMLCanvasElement | null>, enabled: boolean) {
  const [result, setResult] = useState<LiveResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const state = useRef({ frame: 0, busy: false, again: false, generation: 0 });

  const run = useCallback((): void => {
    const s = state.current;
    s.frame = 0;
    if (s.busy) {
      s.again = true;
      return;
    }
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d', { willReadFrequently: true });
    if (!canvas || !context) return;
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    const processed = preprocess(grayFromRgba(pixels, canvas.width, canvas.height));
    const generation = s.generation;
    if (!processed) {
      setResult(null);
      return;
    }
    s.busy = true;
    client
      .predict(processed.pixels.slice())
      .then(
        (prediction) => {
          if (generation === state.current.generation) setResult({ input: processed.pixels, prediction });
          setError(null);
        },
        (failure: unknown) => {
          setError(`The model could not classify the drawing: ${errorMessage(failure)}`);
        },
      )
      .finally(() => {
        s.busy = false;
        if (s.again) {
          s.again = false;
          s.frame = requestAnimationFrame(run);
        }
      });
  }, [client, canvasRef]);

  const request = useCallback((): void => {
    if (!enabled) return;
    if (state.current.frame === 0) state.current.frame = requestAnimationFrame(run);
  }, [enabled, run]);

  const clear = useCallback((): void => {
    state.current.generation++;
    setResult(null);
  }, []);

  useEffect(() => () => cancelAnimationFrame(state.current.frame), []);

  return { result, error, request, clear };
}
