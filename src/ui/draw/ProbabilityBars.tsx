import { percent } from '../format';

/** Bars for 0–9 and the top digit with its confidence (contract: `prediction` on the drawing pad). */
export function ProbabilityBars({ probabilities, testId = 'prediction' }: { probabilities: Float32Array; testId?: string }) {
  const values = Array.from(probabilities);
  const digit = values.indexOf(Math.max(...values));
  const confidence = values[digit] ?? 0;
  return (
    <div
      className="prediction"
      data-testid={testId}
      data-digit={digit}
      data-confidence={confidence}
      data-probabilities={JSON.stringify(values)}
    >
      <p className="prediction-top">
        <span className="prediction-digit">{digit}</span> <span className="muted">{percent(confidence, 1)} sure</span>
      </p>
      <ol className="bars" aria-label="Probability of each digit">
        {values.map((value, d) => (
          <li key={d} className={d === digit ? 'top' : undefined}>
            <span className="bar-label">{d}</span>
            <span className="bar" style={{ width: `${(value * 100).toFixed(1)}%` }} />
            <span className="bar-value">{percent(value, 1)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
