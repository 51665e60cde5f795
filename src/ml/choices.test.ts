import { describe, expect, it } from 'vitest';
import { isOneOf } from './choices';

describe('isOneOf', () => {
  it('takes exactly the listed names', () => {
    const names = ['adam', 'sgd'] as const;
    expect(isOneOf(names, 'sgd')).toBe(true);
    expect(isOneOf(names, 'SGD')).toBe(false);
    expect(isOneOf(names, '')).toBe(false);
  });
});
