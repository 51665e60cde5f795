import { spawn } from 'node:child_process';
import { createServer, request } from 'node:http';
import { once } from 'node:events';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const VITE = join('node_modules', 'vite', 'bin', 'vite.js');

export interface Server {
  stop(): Promise<void>;
}

/** Runs Vite as a child of this process, so it can be stopped by its own id. */
function vite(args: string[], env: NodeJS.ProcessEnv = process.env) {
  return spawn(process.execPath, [VITE, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env });
}

/** Builds the app as a deploy would, into a fresh folder, with VITE_APP_BUILD set to `build`. */
export async function buildVersion(build: string): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), `mnist-build-${build}-`));
  const child = vite(['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { ...process.env, VITE_APP_BUILD: build });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`vite build failed (${code}): ${errors}`);
  return outDir;
}

/** `vite preview` of a built folder, with the app's headers, on a port of its own. */
export async function serve(outDir: string, port: number): Promise<Server> {
  const child = vite(['preview', '--outDir', outDir, '--port', String(port), '--strictPort', '--host', '127.0.0.1']);
  const exited = once(child, 'exit');
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite preview on port ${port} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`vite preview on port ${port} did not answer within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * A proxy on `port` to a server on `upstream`, headers and all, that answers 503 for every
 * path `failing` accepts: a network that drops some requests.
 */
export async function failingProxy(port: number, upstream: number, failing: (path: string) => boolean): Promise<Server> {
  const server = createServer((incoming, outgoing) => {
    if (failing(incoming.url ?? '')) {
      outgoing.writeHead(503).end();
      return;
    }
    const forward = request(
      { host: '127.0.0.1', port: upstream, path: incoming.url, method: incoming.method, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forward.on('error', () => outgoing.writeHead(502).end());
    incoming.pipe(forward);
  });
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return {
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
