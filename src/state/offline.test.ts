import { describe, expect, it } from 'vitest';
import { badgeState } from './offline';

describe('badgeState', () => {
  it('says offline whenever the network is gone, and the offline copy otherwise', () => {
    expect(badgeState({ copy: 'ready', online: true })).toBe('ready');
    expect(badgeState({ copy: 'installing', online: true })).toBe('installing');
    expect(badgeState({ copy: 'unsupported', online: true })).toBe('unsupported');
    expect(badgeState({ copy: 'failed', online: true })).toBe('failed');
    expect(badgeState({ copy: 'ready', online: false })).toBe('offline');
    expect(badgeState({ copy: 'installing', online: false })).toBe('offline');
  });
});
