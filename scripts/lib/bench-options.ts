/** The bench's command line (documented at the top of scripts/bench.ts and in docs/automation.md). */
import { BACKENDS, WASM_KERNELS, isBackendName, isWasmKernels, type BackendName, type WasmKernels } from '../../src/ml/engines/backend';
import { NOTEBOOK_NET } from '../../src/ml/network/netText';

import { PRESET_NAMES, isPresetName, type PresetName } from '../../src/state/presets';
import { readNetworkText } from '../../src/state/settings';

export interface Options {
  backends: (BackendName | 'auto')[];
  steps: number;
  epochs: number | null;
  trainSize: number;
  seed: number | null;
  presets: PresetName[];
  /** The networks trained, as `net` text: each its own row (the notebook's unless told). */
  networks: string[];
  kernels: WasmKernels[];
  native: boolean;
  /** wasm rows: tf.profile of a step by kernel at each thread count the race times. */
  profile: boolean;
  runs: number | null;
  /** Minutes of a long training whose page heap is sampled, plus the largest run file opened. */
  heap: number | null;
  /** Instead: writes of each Keras format and uploads of each Keras fixture, this many of each. */
  keras: number | null;
  /** Instead: this many drawings of one style added to my digits, scored before and after Fine-tune on my digits. */
  fineTune: number | null;
  /** Settings typed after the fine-tune preset, by their field's label ("Learning rate=0.001;Repeat my digits=20"). */
  overrides: Record<string, string>;
  /** Where epochs are validated: the test set (the notebook's way) or a held-out 10 % of the training images. */
  validation: 'test' | 'split';
}

export function parseOptions(argv: string[]): Options {
  const value = (flag: string): string | undefined => {
    const index = argv.indexOf(flag);
    return index === -1 ? undefined : argv[index + 1];
  };
  const backend = value('--backend') ?? 'all';
  if (backend !== 'all' && backend !== 'auto' && !isBackendName(backend)) {
    throw new Error(`--backend must be one of ${BACKENDS.join(', ')}, auto or all`);
  }
  const epochs = value('--epochs');
  const presets = (value('--preset') ?? 'notebook').split(',');
  // Fine-tune on my digits needs digits of mine: --fine-tune measures it.
  const benched: readonly string[] = PRESET_NAMES.filter((name) => name !== 'fineTune');
  if (!presets.every((name): name is PresetName => isPresetName(name) && benched.includes(name)))
    throw new Error(`--preset must be ${benched.join(' or ')}, or both separated by a comma (--fine-tune measures Fine-tune on my digits)`);
  const overrides: Record<string, string> = {};
  for (const entry of (value('--override') ?? '').split(';')) {
    const at = entry.indexOf('=');
    if (at > 0) overrides[entry.slice(0, at).trim()] = entry.slice(at + 1).trim();
  }
  const networks = (value('--network') ?? NOTEBOOK_NET).split(',');
  for (const network of networks) {
    const read = readNetworkText(network);
    if ('problem' in read) throw new Error(`--network ${network}: ${read.problem}`);
  }
  const validation = value('--validation') ?? 'test';
  if (validation !== 'test' && validation !== 'split') throw new Error('--validation must be test or split');
  const kernels = (value('--kernels') ?? 'simd').split(',');
  if (!kernels.every(isWasmKernels)) throw new Error(`--kernels must be ${WASM_KERNELS.join(' or ')}, or both separated by a comma`);
  return {
    backends: backend === 'all' ? ['auto', 'wasm', 'cpu', 'webgl', 'webgpu'] : [backend],
    steps: Math.max(30, Number(value('--steps') ?? 30)),
    epochs: epochs === undefined ? null : Number(epochs),
    trainSize: Number(value('--trainSize') ?? 60_000),
    seed: value('--seed') === undefined ? null : Number(value('--seed')),
    presets,
    networks,
    kernels,
    native: argv.includes('--native'),
    profile: argv.includes('--profile'),
    runs: value('--runs') === undefined ? null : Math.max(1, Number(value('--runs'))),
    heap: value('--heap') === undefined ? null : Math.max(1, Number(value('--heap'))),
    keras: value('--keras') === undefined ? null : Math.max(1, Number(value('--keras'))),
    fineTune: value('--fine-tune') === undefined ? null : Math.max(1, Number(value('--fine-tune'))),
    overrides,
    validation,
  };
}
