import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { IMAGE_PIXELS } from '../../ml/data/mnist';
import { hasTrainedWeights, useAppState } from '../../state/store';
import { DigitCanvas } from '../DigitCanvas';
import { useMlClient } from '../mlClientContext';
import { AddToMyDigits } from './AddToMyDigits';
import { DrawingPad } from './DrawingPad';
import { InsideNetwork } from './InsideNetwork';
import { measurePaintedAfterPointerUp } from './latency';
import { ProbabilityBars } from './ProbabilityBars';
import type { Stroke } from './strokes';
import { useLivePrediction } from './useLivePrediction';

const argmax = (values: Float32Array): number => values.reduce((best, value, i) => (value > (values[best] ?? -1) ? i : best), 0);

function toBytes(values: Float32Array): Uint8Array {
  return Uint8Array.from({ length: IMAGE_PIXELS }, (_, i) => Math.round((values[i] ?? 0) * 255));
}

/** Draw a digit, see what the model makes of it, live, and what its convolutions see. */
export function DrawPanel() {
  const client = useMlClient();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [strokes, setStrokes] = useState<Stroke[]>([]);
  const trained = useAppState(hasTrainedWeights);
  const ready = useAppState((state) => state.backend.state === 'ready');
  const live = useLivePrediction(client, canvasRef, ready);
  const { request, clear } = live;
  // One array per answer: the label chosen for a drawing belongs to exactly these pixels.
  const input = useMemo(() => (live.result ? toBytes(live.result.input) : null), [live.result]);

  const change = useCallback(
    (next: Stroke[]) => {
      setStrokes(next);
      if (next.length === 0) clear();
      // The canvas repaints in an effect; predicting on the next frame reads the new strokes.
      else request();
    },
    [request, clear],
  );

  useEffect(() => {
    const undo = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'z' || event.shiftKey) return;
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) return;
      event.preventDefault();
      setStrokes((current) => {
        const next = current.slice(0, -1);
        if (next.length === 0) clear();
        else request();
        return next;
      });
    };
    window.addEventListener('keydown', undo);
    return () => window.removeEventListener('keydown', undo);
  }, [request, clear]);

  useEffect(() => (live.result ? measurePaintedAfterPointerUp() : undefined), [live.result]);

  // A model that trains on while the drawing stays put: refresh the answer after each epoch.
  const weights = useAppState((state) => state.model);
  useEffect(() => {
    if (strokes.length > 0) request();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only new weights (an epoch, a load) should trigger this
  }, [weights]);

  return (
    <section className="panel draw-panel" aria-labelledby="draw-heading">
      <h2 id="draw-heading">Draw a digit</h2>
      <div className="draw-layout">
        <div>
          <DrawingPad strokes={strokes} onChange={change} canvasRef={canvasRef} />
          <div className="controls">
            <button type="button" onClick={() => change([])} disabled={strokes.length === 0}>
              Clear
            </button>
            <span className="muted">Ctrl+Z undoes the last stroke. Keyboard: focus the pad, Space for pen down or up, arrows to move.</span>
          </div>
        </div>
        <div className="draw-result">
          {!trained && (
            <p className="hint" data-testid="draw-hint">
              No trained model yet: click <strong>Train</strong> (about a minute for 5 epochs on wasm) and its guesses will appear here.
            </p>
          )}
          {live.error && (
            <p role="alert" className="alert">
              {live.error}
            </p>
          )}
          {trained && live.result && <ProbabilityBars probabilities={live.result.prediction.probabilities} />}
          {live.result && input && <AddToMyDigits pixels={input} predicted={argmax(live.result.prediction.probabilities)} />}
          {trained && !live.result && strokes.length === 0 && <p className="muted">Draw a digit from 0 to 9 in the black square.</p>}
        </div>
        {input && (
          <div className="model-input">
            <DigitCanvas pixels={input} size={112} label="The 28×28 image the model receives" />
            <p className="muted">
              What the model receives: the drawing cropped, scaled to 20 px and centred by mass in 28×28, as MNIST was made.
            </p>
          </div>
        )}
      </div>
      {live.result && <InsideNetwork prediction={live.result.prediction} what="your drawing" />}
    </section>
  );
}
