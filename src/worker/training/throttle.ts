/** Calls `send` at most once per `intervalMs`, always letting a final value (fraction 1) through. */
export function throttleProgress<P extends string>(
  intervalMs: number,
  send: (phase: P, fraction: number) => void,
): (phase: P, fraction: number) => void {
  let last = -Infinity;
  let lastPhase: P | undefined;
  return (phase, fraction) => {
    const now = performance.now();
    if (phase === lastPhase && fraction < 1 && now - last < intervalMs) return;
    last = now;
    lastPhase = phase;
    send(phase, fraction);
  };
}
