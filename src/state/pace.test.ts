import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../ml/data/random';
import { NO_PACE, addEpoch, addSteps, secondsLeft, stepMs, type Pace } from './pace';

const log = { epoch: 1, lastEpoch: 5, steps: 100, seconds: 3, msPerStep: 20, loss: 1, accuracy: 0.5, valLoss: 1, valAccuracy: 0.5 };

describe('the time left', () => {
  it('is the debiased moving average of the step times: right from the first message', () => {
    expect(stepMs(NO_PACE)).toBeNull();
    expect(stepMs(addSteps(NO_PACE, 4, 80))).toBeCloseTo(20, 10);
    // Two rates: the newer weighs more.
    const pace = addSteps(addSteps(NO_PACE, 10, 200), 10, 400);
    expect(stepMs(pace)).toBeGreaterThan(30);
    expect(stepMs(pace)).toBeLessThan(40);
    expect(addSteps(NO_PACE, 0, 50)).toBe(NO_PACE);
    expect(addSteps(NO_PACE, 3, Number.NaN)).toBe(NO_PACE);
  });

  it('counts the steps left and an evaluation for every epoch not yet evaluated', () => {
    // 3 s an epoch, 2 of them its 100 steps of 20 ms: 1 s of evaluation.
    const pace = addEpoch(addSteps(NO_PACE, 100, 2000), log);
    expect(pace.evalSeconds).toBeCloseTo(1, 10);
    // Epoch 2 of 5 at step 40: 60 + 300 steps, and 4 evaluations.
    expect(secondsLeft(pace, { epoch: 2, lastEpoch: 5, step: 40, steps: 100 })).toBeCloseTo(360 * 0.02 + 4, 10);
  });

  it('moves by less than 20 % between updates after the first epoch, steps noisy by ±50 % and a slow second now and then', () => {
    const random = mulberry32(7);
    const steps = 235;
    let pace: Pace = NO_PACE;
    let previous: { left: number; at: number } | null = null;
    let now = 0;
    let worst = 0;
    for (let epoch = 1; epoch <= 5; epoch++) {
      for (let step = 8; step <= steps; step += 8) {
        // Eight steps a message (200 ms at 25 ms a step), each 25 ms ± 50 %; one message in 20 three times slower.
        const slow = random() < 0.05 ? 3 : 1;
        const ms = Array.from({ length: 8 }, () => 25 * (0.5 + random()) * slow).reduce((a, b) => a + b, 0);
        now += ms / 1000;
        pace = addSteps(pace, 8, ms);
        const left = secondsLeft(pace, { epoch, lastEpoch: 5, step, steps }) ?? Number.NaN;
        // What the estimate should have become is the last one less the time since; it may differ from that by 20 %.
        // From the first update that knows an evaluation's time (epoch 2's second) on.
        if (previous && (epoch > 2 || (epoch === 2 && step > 8))) {
          worst = Math.max(worst, Math.abs(left - (previous.left - (now - previous.at))) / previous.left);
        }
        previous = { left, at: now };
      }
      now += 1;
      pace = addEpoch(pace, { ...log, epoch, steps, seconds: (steps * 25) / 1000 + 1, msPerStep: 25 });
    }
    expect(worst).toBeLessThan(0.2);
    expect(worst).toBeGreaterThan(0);
  });
});
