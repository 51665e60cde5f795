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
  /** A line under the chart: how it was drawn, when that differs from the data. */
  note?: string | null;
  /** Said in place of the chart while it has nothing to draw. */
  placeholder?: string | null;
}

/** Draws (or loads the library) again this many times after a failure, waiting longer each time, before saying so. */
const RETRIES = 3;

function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 160) ?? '';
}

function useLibrary<L>(load: () => Promise<L>): { library: L | null; error: string | null } {
  const [library, setLibrary] = useState<{ value: L } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    let timer = 0;
    const attempt = (tries: number): void => {
      load().then(
        (value) => {
          if (live) setLibrary({ value });
        },
        (failure: unknown) => {
          if (!live) return;
          if (tries < RETRIES) timer = window.setTimeout(() => attempt(tries + 1), 1_000 * 2 ** tries);
          else setError(reasonOf(failure));
        },
      );
    };
    attempt(0);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [load]);
  return { library: library?.value ?? null, error };
}

/** A chart mounted into a ref, redrawn at most a few times a second however fast data arrives, and when the theme changes. */
export function ChartPanel<L, D>({
  title,
  testId,
  data,
  library: load,
  draw,
  intervalMs = 400,
  series,
  note = null,
  placeholder = null,
}: Props<L, D>) {
  const { library, error: libraryError } = useLibrary(load);
  const [drawError, setDrawError] = useState<string | null>(null);
  const scheme = useColorScheme();
  const container = useRef<HTMLDivElement>(null);
  const latest = useRef({ data, draw });
  const schedule = useRef({ timer: 0, last: -Infinity, drawing: false, dirty: false, failures: 0 });

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
      void Promise.resolve()
        .then(() => latest.current.draw(library, element, latest.current.data))
        .then(
          () => {
            state.failures = 0;
            setDrawError(null);
          },
          (failure: unknown) => {
            // Drawn again (a vega view can fail on a transient state), not left blank; said after the last try.
            state.failures += 1;
            if (state.failures <= RETRIES) state.dirty = true;
            else setDrawError(reasonOf(failure));
          },
        )
        .finally(() => {
          state.drawing = false;
          if (element.childElementCount > 0) element.dataset.rendered = 'true';
          if (state.dirty) {
            state.dirty = false;
            state.timer = window.setTimeout(run, intervalMs * 2 ** state.failures);
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
      {placeholder && (
        <p className="muted chart-placeholder" data-testid="chart-placeholder">
          {placeholder}
        </p>
      )}
      <div ref={container} className="chart-surface" hidden={placeholder !== null} />
      {note && <p className="muted chart-note">{note}</p>}
      {(libraryError ?? drawError) !== null && (
        <p className="muted chart-error" data-testid="chart-error">
          This chart could not be drawn ({libraryError ?? drawError}); it is tried again with the next data.
        </p>
      )}
    </figure>
  );
}
