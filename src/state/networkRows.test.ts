import { describe, expect, it } from 'vitest';
import { parseNet } from '../ml/network/netText';
import { NOTEBOOK_NETWORK } from '../ml/network/network';
import { added, fieldError, moved, removed, rowOf, rowsText, withField, type LayerRow } from './networkRows';

const rows = (text: string): LayerRow[] => parseNet(text).layers.map(rowOf);

describe('network rows', () => {
  it('write back the network they were made from', () => {
    expect(rowsText(NOTEBOOK_NETWORK.layers.map(rowOf))).toBe('c8-p-d0.2-c16-p-d0.2-f-h100-d0.5');
    expect(rowsText(rows('c32k5s.tanh-p3-b-f-h64.sigmoid'))).toBe('c32k5s.tanh-p3-b-f-h64.sigmoid');
  });

  it('change one field, move, remove and add layers', () => {
    const start = rows('c8-p-f-h100');
    const [conv, pool] = start;
    if (!conv || !pool) throw new Error('no rows');
    expect(rowsText(withField(start, conv.id, 'filters', '32'))).toBe('c32-p-f-h100');
    expect(rowsText(withField(start, conv.id, 'padding', 'same'))).toBe('c8s-p-f-h100');
    expect(rowsText(moved(start, pool.id, -1))).toBe('p-c8-f-h100');
    expect(rowsText(moved(start, conv.id, -1))).toBe('c8-p-f-h100');
    expect(rowsText(removed(start, pool.id))).toBe('c8-f-h100');
    // A convolution goes before the Flatten, where it can work; a dense layer at the end.
    expect(rowsText(added(start, 'conv2d'))).toBe('c8-p-c16-f-h100');
    expect(rowsText(added(start, 'dense'))).toBe('c8-p-f-h100-h100');
    expect(rowsText(added([], 'maxPooling2d'))).toBe('p');
  });

  it('write a layer whose field is wrong so that the setting refuses it, and say what is wrong', () => {
    const start = rows('c8-f');
    const id = start[0]?.id ?? -1;
    for (const typed of ['', '0', '8k5', '129', '1e2']) {
      expect(rowsText(withField(start, id, 'filters', typed))).toBe('c?-f');
      expect(fieldError('filters', typed)).toBe('Filters must be a whole number from 1 to 128.');
    }
    expect(() => parseNet('c?-f')).toThrow('layer 1 is not finished: one of its fields is not right yet');
    expect(fieldError('units', '1024')).toBeNull();
    expect(fieldError('units', '1025')).toBe('Units must be a whole number from 1 to 1024.');
    expect(fieldError('rate', '.5')).toBeNull();
    expect(fieldError('rate', '0.95')).toBe('The rate must be from 0 to 0.9, like 0.25.');
    expect(fieldError('rate', '-0.1')).not.toBeNull();
    // The kernel comes from a list; a value outside it (a bad state) is refused, not bent into range.
    expect(fieldError('kernel', '7')).toBeNull();
    expect(fieldError('kernel', '9')).toBe('The kernel must be from 1 to 7.');
    expect(rowsText(withField(start, id, 'kernel', '0'))).toBe('c?-f');
  });
});
