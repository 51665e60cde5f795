import { DatasetError } from '../../ml/data/data';

/** A download that brings nothing for this long has stalled: it ends with an error and a Retry. */
export const STALL_MS = 20_000;

/**
 * Fetches a file as bytes, reporting received bytes; errors name the file and the
 * cause in plain words. A server that stops sending (before the headers or between
 * chunks) is given STALL_MS, then the request is aborted. `cache: 'reload'` asks for a
 * fresh copy past the HTTP cache and the service worker's (src/sw/dataRefresh.ts).
 */
export async function fetchBytes(
  url: string,
  what: string,
  onBytes: (received: number, total: number) => void,
  stallMs = STALL_MS,
  cache: RequestCache = 'default',
): Promise<Uint8Array> {
  // Aborted only when the download stalls.
  const abort = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const watch = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      abort.abort();
    }, stallMs);
  };
  const stallError = (): DatasetError =>
    new DatasetError(
      'network',
      `The download of the ${what} stalled: nothing arrived for ${Math.round(stallMs / 1000)} s. Check the connection, then retry.`,
    );
  watch();
  try {
    let response: Response;
    try {
      response = await fetch(url, { signal: abort.signal, cache });
    } catch {
      if (abort.signal.aborted) throw stallError();
      throw new DatasetError('network', `Could not download the ${what}: the network request failed. Check the connection, then retry.`);
    }
    if (!response.ok) {
      const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
      throw new DatasetError('http', `Could not download the ${what}: the server answered ${status}.`);
    }
    const total = Number(response.headers.get('Content-Length') ?? 0);
    if (!response.body) return new Uint8Array(await response.arrayBuffer());
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let received = 0;
    try {
      for (;;) {
        watch();
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.length;
        onBytes(received, total);
      }
    } catch {
      if (abort.signal.aborted) throw stallError();
      throw new DatasetError('network', `The download of the ${what} was interrupted. Check the connection, then retry.`);
    }
    const bytes = new Uint8Array(received);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    return bytes;
  } finally {
    clearTimeout(timer);
  }
}
