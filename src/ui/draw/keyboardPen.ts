import { PAD_SIZE, type Point } from './strokes';

/** Where the keyboard pen is and whether it is inking. */
export interface PenState {
  readonly at: Point;
  readonly down: boolean;
}

export const PEN_START: PenState = { at: { x: PAD_SIZE / 2, y: PAD_SIZE / 2 }, down: false };

/** One arrow press moves the pen a tenth of a digit's height; with Shift, a fifth as far, for fine work. */
const STEP = 10;
const FINE_STEP = 2;

const DIRECTIONS: Readonly<Record<string, readonly [number, number]>> = {
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
};

export type PenAction =
  /** The pen moved to `at`; with the pen down, the current stroke goes on to it. */
  | { type: 'move'; pen: PenState }
  /** The pen touched the pad: a new stroke starts at its place. */
  | { type: 'down'; pen: PenState }
  /** The pen lifted: the stroke is finished. */
  | { type: 'up'; pen: PenState };

const clamp = (value: number): number => Math.min(PAD_SIZE, Math.max(0, value));

/** What a key does to the pen, or null for keys the pen leaves to the page (Tab, Ctrl+Z…). */
export function penKey(pen: PenState, key: string, shift: boolean): PenAction | null {
  const direction = DIRECTIONS[key];
  if (direction) {
    const step = shift ? FINE_STEP : STEP;
    const at = { x: clamp(pen.at.x + direction[0] * step), y: clamp(pen.at.y + direction[1] * step) };
    return { type: 'move', pen: { ...pen, at } };
  }
  if (key === ' ' || key === 'Enter')
    return pen.down ? { type: 'up', pen: { ...pen, down: false } } : { type: 'down', pen: { ...pen, down: true } };
  if (key === 'Escape' && pen.down) return { type: 'up', pen: { ...pen, down: false } };
  return null;
}
