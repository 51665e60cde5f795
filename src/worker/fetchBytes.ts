import { DatasetError } from '../ml/data';

/** Fetches a file as bytes, reporting received bytes; errors name the file and the cause in plain words. */
export async function fetchBytes(url: string, what: string, onBytes: (received: number, total: number) => void): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
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
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      onBytes(received, total);
    }
  } catch {
    throw new DatasetError('network', `The download of the ${what} was interrupted. Check the connection, then retry.`);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}
