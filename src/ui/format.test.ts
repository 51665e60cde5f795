import { describe, expect, it } from 'vitest';
import { epochLine, seconds } from './format';

describe('epochLine', () => {
  it('reads like Keras verbose=2', () => {
    expect(
      epochLine({
        epoch: 1,
        lastEpoch: 5,
        steps: 469,
        seconds: 212.4,
        msPerStep: 451.6,
        loss: 0.41234,
        accuracy: 0.87121,
        valLoss: 0.1301,
        valAccuracy: 0.9604,
      }),
    ).toBe('Epoch 1/5 · 469 steps · 3 min 32 s · 452 ms/step · loss 0.4123 · accuracy 0.8712 · val_loss 0.1301 · val_accuracy 0.9604');
  });
});

describe('seconds', () => {
  it('keeps short times precise and long ones readable', () => {
    expect([seconds(2.345), seconds(45.6), seconds(600)]).toEqual(['2.3 s', '46 s', '10 min 0 s']);
  });
});
