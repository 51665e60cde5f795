import type * as TfVis from '@tensorflow/tfjs-vis';
import { useEffect, useState } from 'react';

export type Vis = typeof TfVis;

/** tfjs-vis (and vega under it) is large: it loads after first paint, once, for every chart. */
const visModule: { promise: Promise<Vis> | null } = { promise: null };

function loadVis(): Promise<Vis> {
  visModule.promise ??= import('@tensorflow/tfjs-vis');
  return visModule.promise;
}

export function useVis(): Vis | null {
  const [vis, setVis] = useState<Vis | null>(null);
  useEffect(() => {
    let live = true;
    void loadVis().then((module) => {
      if (live) setVis(module);
    });
    return () => {
      live = false;
    };
  }, []);
  return vis;
}
