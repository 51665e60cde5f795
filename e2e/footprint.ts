import type { CDPSession } from '@playwright/test';

/** The page's JS heap after a forced collection, and its `resize` listeners on window (each vega view adds some). */
export async function footprint(cdp: CDPSession): Promise<{ heapMB: number; resizeListeners: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const { result } = await cdp.send('Runtime.evaluate', { expression: 'window' });
  if (!result.objectId) throw new Error('no handle on window');
  const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
  await cdp.send('Runtime.releaseObject', { objectId: result.objectId });
  return { heapMB: usedSize / 2 ** 20, resizeListeners: listeners.filter((listener) => listener.type === 'resize').length };
}
