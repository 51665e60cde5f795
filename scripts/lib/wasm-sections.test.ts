import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wasmThreadsDir } from './paths';
import { sectionIds } from './wasm-sections';

// The smallest module with one page of memory and a data segment writing "hi" at 0 (from `(module (memory 1) (data (i32.const 0) "hi"))`).
const WITH_DATA = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x05, 0x03, 0x01, 0x00, 0x01, 0x0b, 0x08, 0x01, 0x00, 0x41, 0x00, 0x0b, 0x02, 0x68, 0x69,
]);

describe('the SIMD kernels’ builds', () => {
  it('reads section ids, and refuses what is not a whole WebAssembly binary', () => {
    expect(new WebAssembly.Module(WITH_DATA)).toBeInstanceOf(WebAssembly.Module);
    expect(sectionIds(WITH_DATA)).toEqual([5, 11]);
    expect(() => sectionIds(WITH_DATA.slice(0, 20))).toThrow('past the end');
    expect(() => sectionIds(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow('not a WebAssembly binary');
  });

  it.each([
    ['kernels.wasm', false],
    ['kernels-shared.wasm', true],
  ])('%s imports tfjs’ memory (shared: %s), writes nothing into it and exports every kernel', async (file, shared) => {
    const bytes = new Uint8Array(await readFile(join(wasmThreadsDir, file)));
    const ids = sectionIds(bytes);
    // No memory of its own (5), no data written into the imported one (11), no start function (8).
    expect(ids).not.toContain(5);
    expect(ids).not.toContain(11);
    expect(ids).not.toContain(8);
    const module = new WebAssembly.Module(bytes);
    expect(WebAssembly.Module.imports(module)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
    expect(WebAssembly.Module.exports(module).map((e) => e.name)).toEqual(
      expect.arrayContaining([
        'maxPoolGrad2x2',
        'addBias',
        'mulChannels',
        'subChannels',
        'sumRows',
        'filterGrad3x3In1',
        'filterGradAny',
        'tanh',
        'seedDropout',
        'dropoutMultiplier',
      ]),
    );
    const memory = new WebAssembly.Memory(shared ? { initial: 1, maximum: 65536, shared: true } : { initial: 1 });
    expect(new WebAssembly.Instance(module, { env: { memory } })).toBeInstanceOf(WebAssembly.Instance);
  });
});
