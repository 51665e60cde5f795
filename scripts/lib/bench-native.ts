/**
 * The same network's training step in native PyTorch (scripts/native_reference.py), run
 * by the bench right after a wasm row so the two are measured in the same minute.
 * Optional: where Python or PyTorch is missing, the bench says so and goes on. PYTHON
 * names the interpreter (default python3), e.g. Debian's own where python3-torch is installed.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './paths';

export interface NativeStep {
  threads: number;
  msPerStep: number;
  torch: string;
  /** The network PyTorch built, in Keras' count (batch normalisation's moving averages included). */
  params: number;
}

function isNativeStep(value: unknown): value is NativeStep {
  return (
    typeof value === 'object' &&
    value !== null &&
    'threads' in value &&
    typeof value.threads === 'number' &&
    'msPerStep' in value &&
    typeof value.msPerStep === 'number' &&
    'torch' in value &&
    typeof value.torch === 'string' &&
    'params' in value &&
    typeof value.params === 'number'
  );
}

/** PyTorch's median ms/step for a network (`net` text) with `threads` threads, or why there is none. */
export function nativeStep(threads: number, network: string): NativeStep | string {
  const script = join(projectRoot, 'scripts', 'native_reference.py');
  const python = process.env.PYTHON ?? 'python3';
  const run = spawnSync(python, [script, String(threads), network], { encoding: 'utf8', timeout: 300_000 });
  if (run.error) return `${python} did not run (${run.error.message})`;
  if (run.status !== 0) return `the native reference failed: ${run.stderr.trim().split('\n').pop() ?? `exit ${run.status}`}`;
  try {
    const parsed: unknown = JSON.parse(run.stdout.trim().split('\n').pop() ?? '');
    return isNativeStep(parsed) ? parsed : 'the native reference printed something else';
  } catch {
    return 'the native reference printed something else';
  }
}
