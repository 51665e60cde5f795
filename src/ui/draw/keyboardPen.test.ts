import { describe, expect, it } from 'vitest';
import { PEN_START, penKey } from './keyboardPen';
import { PAD_SIZE } from './strokes';

describe('penKey', () => {
  it('moves the pen with the arrows, finer with Shift, never off the pad', () => {
    expect(penKey(PEN_START, 'ArrowUp', false)).toEqual({ type: 'move', pen: { at: { x: 140, y: 130 }, down: false } });
    expect(penKey(PEN_START, 'ArrowRight', true)).toEqual({ type: 'move', pen: { at: { x: 142, y: 140 }, down: false } });
    let pen = PEN_START;
    for (let i = 0; i < 40; i++) pen = penKey(pen, 'ArrowLeft', false)?.pen ?? pen;
    expect(pen.at).toEqual({ x: 0, y: PAD_SIZE / 2 });
  });

  it('puts the pen down and lifts it with Space or Enter; Escape only lifts', () => {
    const down = penKey(PEN_START, ' ', false);
    expect(down).toEqual({ type: 'down', pen: { ...PEN_START, down: true } });
    expect(penKey({ ...PEN_START, down: true }, 'Enter', false)).toEqual({ type: 'up', pen: PEN_START });
    expect(penKey({ ...PEN_START, down: true }, 'Escape', false)?.type).toBe('up');
    expect(penKey(PEN_START, 'Escape', false)).toBeNull();
  });

  it('leaves other keys to the page', () => {
    expect(penKey(PEN_START, 'Tab', false)).toBeNull();
    expect(penKey(PEN_START, 'z', false)).toBeNull();
  });
});
