import { describe, expect, it } from 'vitest';
import { ManifestError, parseManifest } from './manifest';

const split = (count: number) => ({
  images: 'x.png',
  labels: 'x.u8',
  count,
  columns: 10,
  pixelsSha256: 'a'.repeat(64),
});

describe('parseManifest', () => {
  it('accepts the documented shape', () => {
    const manifest = parseManifest({ splits: { train: split(60_000), test: split(10_000) } });
    expect(manifest.splits.train.count).toBe(60_000);
    expect(manifest.splits.test.pixelsSha256).toHaveLength(64);
  });

  it.each([
    [null, /no "splits"/],
    [{ splits: { train: split(1) } }, /"test" split is missing/],
    [{ splits: { train: { ...split(1), count: -1 }, test: split(1) } }, /train.count/],
    [{ splits: { train: split(1), test: { ...split(1), columns: 1.5 } } }, /test.columns/],
    [{ splits: { train: split(1), test: { ...split(1), pixelsSha256: 'xyz' } } }, /64 hex/],
    [{ splits: { train: { ...split(1), images: '' }, test: split(1) } }, /train.images/],
  ])('names what is wrong in %j', (json, message) => {
    expect(() => parseManifest(json)).toThrow(ManifestError);
    expect(() => parseManifest(json)).toThrow(message);
  });
});
