import type * as TfVis from '@tensorflow/tfjs-vis';
import type embedWithoutEval from './vegaEmbedInterpreted';

export type Vis = typeof TfVis;
export type Embed = typeof embedWithoutEval;
/** A drawn chart: its vega view, and what finalizes it. */
export type Drawn = Awaited<ReturnType<Embed>>;

/** A chart library, loaded once, after first paint: tfjs-vis and vega are large. A failed load (a dropped network) is tried again on the next call. */
function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  const cache: { promise: Promise<T> | null } = { promise: null };
  return () =>
    (cache.promise ??= load().catch((error: unknown) => {
      cache.promise = null;
      throw error;
    }));
}

export const loadVis = lazy(() => import('@tensorflow/tfjs-vis'));

/** vega-embed through the app's own stand-in (no eval), for the charts tfjs-vis cannot draw. */
export const loadEmbed = lazy(async () => (await import('./vegaEmbedInterpreted')).default);
