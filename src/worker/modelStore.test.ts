import { describe, expect, it } from 'vitest';
import { describeStorageFailure } from './modelStore';

describe('describeStorageFailure', () => {
  it('names a full disk, a browser that refuses storage, and passes anything else through', () => {
    expect(describeStorageFailure('Saving the model', new DOMException('over', 'QuotaExceededError')).message).toBe(
      "Saving the model failed: the browser's storage for this site is full. Delete saved models or free disk space, then retry.",
    );
    for (const refusal of [
      new DOMException('no', 'InvalidStateError'),
      new DOMException('no', 'SecurityError'),
      new Error('indexedDB is not defined'),
    ]) {
      expect(describeStorageFailure('Reading the saved models', refusal).message).toBe(
        'Reading the saved models failed: this browser does not allow this site to store data (as in some private modes).',
      );
    }
    expect(describeStorageFailure('Loading the model', new Error('entry is damaged')).message).toBe(
      'Loading the model failed: entry is damaged',
    );
  });
});
