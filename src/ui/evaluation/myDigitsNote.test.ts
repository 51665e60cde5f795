import { describe, expect, it } from 'vitest';
import { isHeldOut, type MyDigit } from '../../ml/data/myDigits';
import { mulberry32 } from '../../ml/data/random';
import { myDigitsNote } from './myDigitsNote';

const random = mulberry32(3);
const digits: MyDigit[] = Array.from({ length: 60 }, (_, i) => ({
  id: `d${i}`,
  label: i % 10,
  addedAt: i,
  pixels: Uint8Array.from({ length: 784 }, () => (random() < 0.2 ? 255 : 0)),
}));
const idsAt = (share: number, of = digits): string[] => of.filter((digit) => isHeldOut(digit, share)).map((digit) => digit.id);

describe('what the evaluation panel says of my held-out digits', () => {
  it('says why there is nothing to score', () => {
    expect(myDigitsNote(null, digits, 0, 0)).toMatch(/share of my digits held out is 0/);
    expect(myDigitsNote(null, [], 0.2, 0)).toMatch(/None of my digits is held out yet.*about 20 %/);
    expect(myDigitsNote(null, digits, 0.2, idsAt(0.2).length)).toMatch(/^Evaluate scores the current weights on the \d+ digits/);
  });

  it('says what was scored, and when the digits or the share have changed since', () => {
    const ids = idsAt(0.2);
    expect(ids.length).toBeGreaterThan(3);
    const on = { kind: 'mine', ids, share: 0.2 } as const;
    expect(myDigitsNote(on, digits, 0.2, ids.length)).toMatch(/^How the current weights read the \d+ digits of mine they never trained on/);
    // A held-out digit deleted, or the share lowered: another set would be scored now.
    const fewer = digits.filter((digit) => digit.id !== ids[0]);
    expect(myDigitsNote(on, fewer, 0.2, ids.length - 1)).toMatch(/have changed since this evaluation/);
    expect(myDigitsNote(on, digits, 0.1, idsAt(0.1).length)).toMatch(/have changed since this evaluation/);
    // The weights trained while only 10 % were held out: those are what was scored, and the note says so.
    const capped = { kind: 'mine', ids: idsAt(0.1), share: 0.1 } as const;
    expect(myDigitsNote(capped, digits, 0.2, ids.length)).toMatch(/trained on my digits while only 10 % were held out/);
    expect(myDigitsNote({ kind: 'test' }, digits, 0.2, ids.length)).toMatch(/^Evaluate scores/);
  });
});
