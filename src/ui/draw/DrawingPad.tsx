import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { PEN_START, penKey } from './keyboardPen';
import { markPointerUp } from './latency';
import { PAD_SIZE, PEN_WIDTH, paintStrokes, type Point, type Stroke } from './strokes';

interface Props {
  strokes: readonly Stroke[];
  onChange: (strokes: Stroke[], final: boolean) => void;
  /** Receives the canvas so the owner can read its pixels. */
  canvasRef: React.RefObject<HTMLCanvasElement | null>;
}

function pointFrom(event: { clientX: number; clientY: number }, canvas: HTMLCanvasElement): Point {
  const rect = canvas.getBoundingClientRect();
  return { x: ((event.clientX - rect.left) / rect.width) * PAD_SIZE, y: ((event.clientY - rect.top) / rect.height) * PAD_SIZE };
}

/** A HiDPI canvas drawn on with mouse, touch or pen through pointer events, or with the keyboard. */
export function DrawingPad({ strokes, onChange, canvasRef }: Props) {
  const drawing = useRef<Point[] | null>(null);
  const [pen, setPen] = useState(PEN_START);
  const [focused, setFocused] = useState(false);
  const scale = typeof window === 'undefined' ? 1 : Math.max(1, Math.round(window.devicePixelRatio || 1));

  useEffect(() => {
    const context = canvasRef.current?.getContext('2d', { willReadFrequently: true });
    if (context) paintStrokes(context, strokes, scale);
  }, [strokes, scale, canvasRef]);

  const extend = (event: PointerEvent<HTMLCanvasElement>, final: boolean): void => {
    const canvas = canvasRef.current;
    const current = drawing.current;
    if (!canvas || !current) return;
    // Coalesced events keep fast strokes smooth: the browser may fold several moves into one event.
    const native = event.nativeEvent;
    const events = typeof native.getCoalescedEvents === 'function' ? native.getCoalescedEvents() : [];
    for (const e of events.length > 0 ? events : [native]) current.push(pointFrom(e, canvas));
    onChange([...strokes.slice(0, -1), [...current]], final);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>): void => {
    const action = penKey(pen, event.key, event.shiftKey);
    if (!action || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    setPen(action.pen);
    const last = strokes.at(-1) ?? [];
    if (action.type === 'down') onChange([...strokes, [action.pen.at]], false);
    else if (action.type === 'up') onChange([...strokes], true);
    else if (action.pen.down) onChange([...strokes.slice(0, -1), [...last, action.pen.at]], false);
  };

  return (
    <div className="pad-frame">
      <canvas
        ref={canvasRef}
        className="draw-canvas"
        data-testid="draw-canvas"
        width={PAD_SIZE * scale}
        height={PAD_SIZE * scale}
        style={{ width: PAD_SIZE, height: PAD_SIZE }}
        role="application"
        aria-roledescription="drawing pad"
        aria-label="Drawing pad: draw a digit with the mouse, a finger or a pen"
        aria-describedby="pad-keys"
        tabIndex={0}
        onKeyDown={onKeyDown}
        onFocus={() => setFocused(true)}
        onBlur={() => {
          setFocused(false);
          if (pen.down) onChange([...strokes], true);
          setPen((current) => ({ ...current, down: false }));
        }}
        onPointerDown={(event) => {
          const canvas = canvasRef.current;
          if (!canvas || event.button !== 0) return;
          canvas.setPointerCapture(event.pointerId);
          drawing.current = [pointFrom(event, canvas)];
          onChange([...strokes, [...drawing.current]], false);
        }}
        onPointerMove={(event) => {
          extend(event, false);
        }}
        onPointerUp={(event) => {
          markPointerUp();
          extend(event, true);
          drawing.current = null;
        }}
        onPointerCancel={() => {
          drawing.current = null;
        }}
      />
      {focused && (
        <span
          className={`pad-pen${pen.down ? ' down' : ''}`}
          aria-hidden="true"
          style={{ left: pen.at.x - PEN_WIDTH / 2, top: pen.at.y - PEN_WIDTH / 2, width: PEN_WIDTH, height: PEN_WIDTH }}
        />
      )}
      <p id="pad-keys" className="visually-hidden">
        With the keyboard: Space puts the pen down or lifts it, the arrow keys move it (with Shift, in small steps).
      </p>
    </div>
  );
}
