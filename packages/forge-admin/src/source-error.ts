// The error a backfill source throws when the product's search fails. `retryable` (429 and 5xx)
// tells the backfill to let the platform retry the page; any other failure ends the run as `failed`.

export class SourceError extends Error {
  override readonly name = 'SourceError';
  readonly code = 'SEARCH_FAILED';
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }

  /** `<what> answered <status> <text>`, retryable for 429 and 5xx. */
  static fromResponse(what: string, res: { status: number; statusText: string }): SourceError {
    return new SourceError(`${what} answered ${res.status} ${res.statusText}`, res.status === 429 || res.status >= 500);
  }
}
