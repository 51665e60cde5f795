/** Training produced a loss or weights that are not numbers: the weights are no longer usable. */
export class NonFiniteError extends Error {
  constructor(
    what: 'loss' | 'weights',
    readonly epoch: number,
    /** The step whose loss it was; null for the test loss or the weights at the end of the epoch. */
    readonly step: number | null,
    value = Number.NaN,
  ) {
    super(
      `the ${what === 'loss' ? `loss became ${String(value)}` : 'weights became NaN'} at epoch ${epoch}${step === null ? '' : `, step ${step}`}`,
    );
    this.name = 'NonFiniteError';
  }
}

/** The backend's GPU went away mid-run; anything computed since is garbage. */
export class BackendLostError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'BackendLostError';
  }
}
