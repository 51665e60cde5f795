import { describe, expect, it } from 'vitest';
import { NetTextError, netText, parseNet, sameNetwork } from './netText';
import { NOTEBOOK_NETWORK, readNetwork } from './network';

describe('net text', () => {
  it('writes the notebook’s network as the contract says', () => {
    expect(netText(NOTEBOOK_NETWORK)).toBe('c8-p-d0.2-c16-p-d0.2-f-h100-d0.5');
    expect(sameNetwork(parseNet('c8-p-d0.2-c16-p-d0.2-f-h100-d0.5'), NOTEBOOK_NETWORK)).toBe(true);
  });

  it.each(['c32k5s.tanh-p3-b-d0.25-c1k1.sigmoid-f-h1024.linear-b', 'f-h128', 'c6k5s.tanh-p-c16k5.tanh-p-f-h120.tanh-h84.tanh', ''])(
    'round-trips %s',
    (text) => {
      const network = parseNet(text);
      expect(netText(network)).toBe(text);
      expect(readNetwork(JSON.parse(JSON.stringify(network)))).toEqual(network);
    },
  );

  it('reads the defaults: kernel 3, valid padding, relu, pool 2', () => {
    expect(parseNet('c4-p-h2').layers).toEqual([
      { kind: 'conv2d', filters: 4, kernel: 3, padding: 'valid', activation: 'relu' },
      { kind: 'maxPooling2d', size: 2 },
      { kind: 'dense', units: 2, activation: 'relu' },
    ]);
  });

  it.each([
    ['c0', '“c0”: the filters must be a whole number from 1 to 128'],
    ['c129', 'from 1 to 128'],
    ['c8k9', '“c8k9”: the kernel size must be a whole number from 1 to 7'],
    ['c8.softmax', 'the activation must be one of relu, tanh, sigmoid, linear'],
    ['p4', 'a pooling size must be 2 or 3'],
    ['d0.95', 'a dropout rate must be from 0 to 0.9'],
    ['h0', 'the units must be a whole number from 1 to 1024'],
    ['c8--f', '“” is not a layer'],
    ['conv', '“conv” is not a layer (layers look like'],
    [Array.from({ length: 25 }, () => 'b').join('-'), 'it has 25 layers; at most 24'],
    ['x'.repeat(500), 'longer than 400 characters'],
  ])('refuses %s', (text, message) => {
    expect(() => parseNet(text)).toThrow(NetTextError);
    expect(() => parseNet(text)).toThrow(message);
  });

  it('reads only stored networks of the family', () => {
    expect(readNetwork({ layers: [{ kind: 'conv2d', filters: 8, kernel: 3, padding: 'valid', activation: 'relu' }] })).not.toBeNull();
    expect(readNetwork({ layers: [{ kind: 'conv2d', filters: 8, kernel: 3, padding: 'causal', activation: 'relu' }] })).toBeNull();
    expect(readNetwork({ layers: [{ kind: 'dense', units: 2000, activation: 'relu' }] })).toBeNull();
    expect(readNetwork({ layers: [{ kind: 'lstm' }] })).toBeNull();
    expect(readNetwork({ layers: 'c8' })).toBeNull();
    expect(readNetwork(null)).toBeNull();
  });
});
