/**
 * A shrunk failing history kept as a test. `seed`/`path` replay the search with the generator of
 * the day (`node dist/shrink.js --class <class> --seed <seed>`); `history` is the shrunk history
 * itself (showHistory form), so the test keeps its meaning when the generator changes. `found` is
 * what the checker reported when it was found.
 */
export interface RegressionSeed {
  readonly class: string;
  readonly seed: number;
  readonly path: string;
  readonly exercises: string;
  readonly found: readonly string[];
  readonly history: string;
  /**
   * A bound on the history's consumer invocations (until the drain), for findings of cost rather
   * than of a guarantee: an event forked by duplicate re-drives multiplies them.
   */
  readonly maxConsumerInvocations?: number;
}
