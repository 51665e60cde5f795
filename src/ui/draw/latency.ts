/**
 * User Timing names for the drawing pad's latency: a mark at pointer-up and a
 * measure to the first frame that shows a prediction after it (visible in the
 * browser's performance panel; `npm run bench` reads them).
 */
export const POINTER_UP_MARK = 'draw: pointer-up';
export const DRAW_LATENCY_MEASURE = 'draw: pointer-up to painted prediction';

export function markPointerUp(): void {
  performance.clearMarks(POINTER_UP_MARK);
  performance.mark(POINTER_UP_MARK);
}

/** Called once a prediction has been committed: measures on the frame that paints it. */
export function measurePaintedAfterPointerUp(): () => void {
  const frame = requestAnimationFrame(() => {
    if (performance.getEntriesByName(POINTER_UP_MARK).length === 0) return;
    performance.measure(DRAW_LATENCY_MEASURE, POINTER_UP_MARK);
    performance.clearMarks(POINTER_UP_MARK);
  });
  return () => cancelAnimationFrame(frame);
}
