import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetError } from '../../ml/data/data';
import { fetchBytes } from './fetchBytes';

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/whole') {
      response.writeHead(200, { 'Content-Length': '6' });
      response.end('abcdef');
    } else if (request.url === '/half') {
      response.writeHead(200, { 'Content-Length': '6' });
      // Half the body, and then nothing more.
      response.write('abc');
    } else if (request.url !== '/silent') {
      response.writeHead(404, 'Not Found');
      response.end();
    }
    // '/silent' never answers at all.
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the test server has no port');
  base = `http://127.0.0.1:${address.port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('fetchBytes', () => {
  it('reads a whole file, reporting its bytes', async () => {
    const seen: number[] = [];
    const bytes = await fetchBytes(`${base}/whole`, 'test file', (received) => seen.push(received), 1000);
    expect(new TextDecoder().decode(bytes)).toBe('abcdef');
    expect(seen.at(-1)).toBe(6);
  });

  it.each([
    ['a server that never answers', '/silent'],
    ['a body that stops half-way', '/half'],
  ])('gives up on %s once nothing has come for the stall time, saying so', async (_, path) => {
    const started = Date.now();
    const failure = fetchBytes(`${base}${path}`, 'test file', () => undefined, 1000);
    await expect(failure).rejects.toBeInstanceOf(DatasetError);
    await expect(failure).rejects.toThrow(
      'The download of the test file stalled: nothing arrived for 1 s. Check the connection, then retry.',
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('names the server’s answer when it refuses', async () => {
    await expect(fetchBytes(`${base}/missing`, 'test file', () => undefined, 1000)).rejects.toThrow(
      'Could not download the test file: the server answered 404 Not Found.',
    );
  });
});
