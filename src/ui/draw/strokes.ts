export interface Point {
  readonly x: number;
  readonly y: number;
}

export type Stroke = readonly Point[];

/** Pad size in CSS pixels, and the pen: about 1/14 of the pad, as MNIST's strokes are about 2 of 28 pixels. */
export const PAD_SIZE = 280;
export const PEN_WIDTH = PAD_SIZE / 14;

/** Paints strokes white on black; a single point becomes a round dot. */
export function paintStrokes(context: CanvasRenderingContext2D, strokes: readonly Stroke[], scale: number): void {
  context.setTransform(scale, 0, 0, scale, 0, 0);
  context.fillStyle = '#000';
  context.fillRect(0, 0, PAD_SIZE, PAD_SIZE);
  context.strokeStyle = '#fff';
  context.fillStyle = '#fff';
  context.lineWidth = PEN_WIDTH;
  context.lineCap = 'round';
  context.lineJoin = 'round';
  for (const stroke of strokes) {
    const [first, ...rest] = stroke;
    if (!first) continue;
    if (rest.length === 0) {
      context.beginPath();
      context.arc(first.x, first.y, PEN_WIDTH / 2, 0, Math.PI * 2);
      context.fill();
      continue;
    }
    context.beginPath();
    context.moveTo(first.x, first.y);
    for (const point of rest) context.lineTo(point.x, point.y);
    context.stroke();
  }
}
