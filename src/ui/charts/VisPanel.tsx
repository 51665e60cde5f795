import { useEffect, useRef } from 'react';
import { useVis, type Vis } from './useVis';

interface Props<D> {
  title: string;
  testId: string;
  data: D;
  /** Draws `data` into `container`; called at most once per `intervalMs`, always with the latest data. */
  draw: (vis: Vis, container: HTMLElement, data: D) => Promise<unknown> | undefined;
  intervalMs?: number;
}

/** A tfjs-vis chart mounted into a ref, redrawn at most a few times a second however fast data arrives. */
export function VisPanel<D>({ title, testId, data, draw, intervalMs = 400 }: Props<D>) {
  const vis = useVis();
  const container = useRef<HTMLDivElement>(null);
  const latest = useRef({ data, draw });
  const schedule = useRef({ timer: 0, last: -Infinity, drawing: false, dirty: false });

  useEffect(() => {
    latest.current = { data, draw };
  }, [data, draw]);

  useEffect(() => {
    const element = container.current;
    if (!vis || !element) return;
    const state = schedule.current;
    const run = (): void => {
      state.timer = 0;
      if (state.drawing) {
        state.dirty = true;
        return;
      }
      state.drawing = true;
      state.last = performance.now();
      void Promise.resolve(latest.current.draw(vis, element, latest.current.data))
        .catch(() => undefined)
        .finally(() => {
          state.drawing = false;
          if (element.childElementCount > 0) element.dataset.rendered = 'true';
          if (state.dirty) {
            state.dirty = false;
            state.timer = window.setTimeout(run, intervalMs);
          }
        });
    };
    if (state.timer === 0) state.timer = window.setTimeout(run, Math.max(0, state.last + intervalMs - performance.now()));
  }, [vis, data, intervalMs]);

  useEffect(() => () => window.clearTimeout(schedule.current.timer), []);

  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <div ref={container} className="chart-surface" />
    </figure>
  );
}
