import { isOneOf } from '../choices';
import { ACTIVATIONS, NETWORK_BOUNDS, NOTEBOOK_NETWORK, type Activation, type LayerConfig, type NetworkConfig } from './network';

/*
 * A network as the URL's `net` parameter writes it: layers joined by `-`, the output layer
 * implied. c<filters>[k<kernel>][s][.<activation>] Conv2D (kernel 3, `s` same padding, relu
 * unless told); p[<size>] MaxPooling2D; b BatchNormalization; d<rate> Dropout; f Flatten;
 * h<units>[.<activation>] Dense. The notebook's is c8-p-d0.2-c16-p-d0.2-f-h100-d0.5.
 */

export class NetTextError extends Error {
  override name = 'NetTextError';
}

const GRAMMAR = 'c16, c32k5s.tanh, p, p3, b, d0.25, f or h128.sigmoid';

function activationText(activation: Activation): string {
  return activation === 'relu' ? '' : `.${activation}`;
}

export function layerText(layer: LayerConfig): string {
  switch (layer.kind) {
    case 'conv2d':
      return `c${layer.filters}${layer.kernel === 3 ? '' : `k${layer.kernel}`}${layer.padding === 'same' ? 's' : ''}${activationText(layer.activation)}`;
    case 'maxPooling2d':
      return layer.size === 2 ? 'p' : `p${layer.size}`;
    case 'batchNormalization':
      return 'b';
    case 'dropout':
      return `d${layer.rate}`;
    case 'flatten':
      return 'f';
    case 'dense':
      return `h${layer.units}${activationText(layer.activation)}`;
  }
}

export function netText(network: NetworkConfig): string {
  return network.layers.map(layerText).join('-');
}

/** The notebook's network as `net` text: c8-p-d0.2-c16-p-d0.2-f-h100-d0.5. */
export const NOTEBOOK_NET = netText(NOTEBOOK_NETWORK);

export function sameNetwork(a: NetworkConfig, b: NetworkConfig): boolean {
  return netText(a) === netText(b);
}

function bounded(text: string, what: string, bounds: { readonly min: number; readonly max: number }, piece: string): number {
  const value = Number(text);
  if (!/^\d{1,4}$/.test(text) || value < bounds.min || value > bounds.max) {
    throw new NetTextError(`“${piece}”: ${what} must be a whole number from ${bounds.min} to ${bounds.max}`);
  }
  return value;
}

function activationOf(text: string | undefined, piece: string): Activation {
  if (text === undefined) return 'relu';
  if (isOneOf(ACTIVATIONS, text)) return text;
  throw new NetTextError(`“${piece}”: the activation must be one of ${ACTIVATIONS.join(', ')}`);
}

function readPiece(piece: string, index: number): LayerConfig {
  // The editor writes a layer whose field is wrong as its letter and "?", so the text is refused until it is fixed.
  if (/^[cpbdfh]\?$/.test(piece)) throw new NetTextError(`layer ${index + 1} is not finished: one of its fields is not right yet`);
  const conv = /^c(\d+)(?:k(\d+))?(s?)(?:\.(\w+))?$/.exec(piece);
  if (conv) {
    return {
      kind: 'conv2d',
      filters: bounded(conv[1] ?? '', 'the filters', NETWORK_BOUNDS.filters, piece),
      kernel: conv[2] === undefined ? 3 : bounded(conv[2], 'the kernel size', NETWORK_BOUNDS.kernel, piece),
      padding: conv[3] === 's' ? 'same' : 'valid',
      activation: activationOf(conv[4], piece),
    };
  }
  const pool = /^p(\d*)$/.exec(piece);
  if (pool) {
    const size = pool[1] === '' ? 2 : Number(pool[1]);
    if (size !== 2 && size !== 3) throw new NetTextError(`“${piece}”: a pooling size must be 2 or 3`);
    return { kind: 'maxPooling2d', size };
  }
  if (piece === 'b') return { kind: 'batchNormalization' };
  if (piece === 'f') return { kind: 'flatten' };
  const dropout = /^d(\d(?:\.\d{1,6})?|\.\d{1,6})$/.exec(piece);
  if (dropout) {
    const rate = Number(dropout[1]);
    if (rate > NETWORK_BOUNDS.rate.max) throw new NetTextError(`“${piece}”: a dropout rate must be from 0 to ${NETWORK_BOUNDS.rate.max}`);
    return { kind: 'dropout', rate };
  }
  const dense = /^h(\d+)(?:\.(\w+))?$/.exec(piece);
  if (dense) {
    return {
      kind: 'dense',
      units: bounded(dense[1] ?? '', 'the units', NETWORK_BOUNDS.units, piece),
      activation: activationOf(dense[2], piece),
    };
  }
  throw new NetTextError(`“${piece.slice(0, 16)}${piece.length > 16 ? '…' : ''}” is not a layer (layers look like ${GRAMMAR})`);
}

/** Reads `net` text into a network; throws NetTextError naming the first piece that is wrong. */
export function parseNet(text: string): NetworkConfig {
  const trimmed = text.trim();
  if (trimmed.length > 400) throw new NetTextError('the network is longer than 400 characters');
  const pieces = trimmed === '' ? [] : trimmed.split('-');
  if (pieces.length > NETWORK_BOUNDS.layers) {
    throw new NetTextError(`it has ${pieces.length} layers; at most ${NETWORK_BOUNDS.layers} come before the output layer`);
  }
  return { layers: pieces.map((piece, index) => readPiece(piece.trim(), index)) };
}
