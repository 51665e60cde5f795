import { parseNet } from './netText';
import { NOTEBOOK_NETWORK, type NetworkConfig } from './network';

/** Networks to compare with the notebook's, one click each: a classic, a wider one, batch normalisation, no convolutions. */
export const NETWORK_PRESETS = [
  { name: 'notebook', title: 'Notebook network', network: NOTEBOOK_NETWORK, note: 'the notebook’s: two small convolution blocks' },
  {
    name: 'lenet',
    title: 'LeNet-5-like',
    network: parseNet('c6k5s.tanh-p-c16k5.tanh-p-f-h120.tanh-h84.tanh'),
    note: 'LeCun’s 1998 layout: 5×5 convolutions, tanh, two dense layers',
  },
  { name: 'wider', title: 'Wider', network: parseNet('c32-p-d0.25-c64-p-d0.25-f-h128-d0.5'), note: 'the Keras example’s widths' },
  {
    name: 'batchnorm',
    title: 'With batch normalisation',
    network: parseNet('c16-b-p-c32-b-p-f-h100-d0.5'),
    note: 'each convolution normalised before pooling',
  },
  { name: 'dense', title: 'Dense only', network: parseNet('f-h128-d0.2-h64'), note: 'no convolutions: pixels straight into dense layers' },
] as const satisfies readonly { name: string; title: string; network: NetworkConfig; note: string }[];

export type NetworkPresetName = (typeof NETWORK_PRESETS)[number]['name'];
