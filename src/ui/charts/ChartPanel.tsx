import { useEffect, useRef, useState } from 'react';
import { releaseViews } from './chartViews';
import { useColorScheme } from './theme';

interface Props<L, D> {
  title: string;
  testId: string;
  data: D;
  /** Loads the chart library (once for the whole page). */
  library: () => Promise<L>;
  /** Draws `data` into `container`; called at most once per `intervalMs`, always with the latest data. */
  draw: (library: L, container: HTMLElement, data: D) => Promise<unknown> | undefined;
  intervalMs?: number;
  /** The names of the lines or series drawn, for anyone who cannot see the canvas. */
  series?: readonly string[];
}

function useLibrary<L>(load: () => Promise<L>): L | null {
  const [library, setLibrary] = useState<{ value: L } | null>(null);
  useEffect(() => {
    let live = true;
    void load().then((value) => {
      if (live) setLibrary({ value });
    });
    return () => {
      live = false;
    };
  }, [load]);
  return library?.value ?? null;
}

/** A chart mounted into a ref, redrawn at most a few times a second however fast data arrives, and when the theme changes. */
export function ChartPanel<L, D>({ title, testId, data, library: load, draw, intervalMs = 400, series }: Props<L, D>) {
  const library = useLibrary(load);
  const scheme = useColorScheme();
  const container = useRef<HTMLDivElement>(null);
  const latest = useRef({ data, draw });
  const schedule = useRef({ timer: 0, last: -Infinity, drawing: false, dirty: false });

  useEffect(() => {
    latest.current = { data, draw };
  }, [data, draw]);

  useEffect(() => {
    const element = container.current;
    if (!library || !element) return;
    const state = schedule.current;
    const run = (): void => {
      state.timer = 0;
      if (state.drawing) {
        state.dirty = true;
        return;
      }
      state.drawing = true;
      state.last = performance.now();
      void Promise.resolve(latest.current.draw(library, element, latest.current.data))
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
  }, [library, data, intervalMs, scheme]);

  useEffect(() => {
    const element = container.current;
    const state = schedule.current;
    return () => {
      window.clearTimeout(state.timer);
      // Its vega views keep listeners and data until finalized.
      if (element) releaseViews(element);
    };
  }, []);

  return (
    <figure className="chart" data-testid={testId} data-series={series ? JSON.stringify(series) : undefined}>
      <figcaption>{title}</figcaption>
      <div ref={container} className="chart-surface" />
    </figure>
  );
}
