import { describe, expect, it } from 'vitest';
import { capitalised, sizeText } from './text';

describe('text', () => {
  it('writes sizes as a person reads them', () => {
    expect(sizeText(300)).toBe('1 kB');
    expect(sizeText(189_031)).toBe('185 kB');
    expect(sizeText(10 * 2 ** 20)).toBe('10 MB');
    expect(sizeText(7.5 * 2 ** 20)).toBe('7.5 MB');
    expect(sizeText(16 + 10_000 * 784)).toBe('7.5 MB');
  });

  it('starts a sentence with a capital', () => {
    expect(capitalised('the weights')).toBe('The weights');
  });
});
