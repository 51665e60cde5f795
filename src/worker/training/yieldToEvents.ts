/**
 * Resolves on a fresh macrotask, so queued messages (Stop) are handled between
 * batches. A MessageChannel is used because nested setTimeout(0) is clamped to 4 ms.
 */
export function createYield(): () => Promise<void> {
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
}
