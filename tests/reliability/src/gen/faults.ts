import fc from 'fast-check';

/**
 * A generated fault schedule. Times are virtual ms from the start of the history. Each field maps
 * to an emulator fault option (see toEmulatorOptions) except `crashes` and `restartAfterStep`,
 * which the runner injects itself (a consumer that hangs after k KVS writes; save + reload).
 */
export interface FaultPlan {
  readonly seed: number;
  /** Windows during which every KVS request is answered 429 (some longer than the retry cap covers). */
  readonly storms: ReadonlyArray<{ readonly startMs: number; readonly durationMs: number }>;
  readonly kvs5xxRate: number;
  readonly push5xxRate: number;
  readonly timeoutRate: number;
  readonly duplicateRate: number;
  readonly reorder: boolean;
  readonly pushPartialFailureRate: number;
  /** A push quota small enough for the producer to exhaust it; undefined = platform default. */
  readonly pushEventsPerMinute: number | undefined;
  readonly maxRetries: number;
  /** A retention window short enough to expire while storage is throttled; undefined = 24 h. */
  readonly retentionMs: number | undefined;
  /** Consumer attempts that crash: the nth consumer invocation hangs after `afterWrites` KVS writes. */
  readonly crashes: ReadonlyArray<{ readonly invocation: number; readonly afterWrites: number }>;
  /** Save the emulator state and reload it from disk after this producer step (once idle). */
  readonly restartAfterStep: number | undefined;
}

const MINUTE = 60_000;
/** A retry cap so high that the retention window ends first (the v2 upgrade page's reading). */
export const UNTIL_RETENTION = 100_000;
const HOUR = 60 * MINUTE;

const rate = (max: number): fc.Arbitrary<number> =>
  fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: fc.double({ min: 0, max, noNaN: true }), weight: 1 });

const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: arb, weight: 1 });

export const stormArb = fc.record({
  startMs: fc.integer({ min: 0, max: 10 * MINUTE }),
  // Long storms (10-25 min) outlast the platform's four retries at the library's backoff (base 5 s:
  // the fourth retry comes about a minute after the first attempt), so events must be re-driven.
  durationMs: fc.oneof(fc.integer({ min: 1_000, max: 5 * MINUTE }), fc.integer({ min: 10 * MINUTE, max: 25 * MINUTE })),
});

export function faultPlanArb(steps: number): fc.Arbitrary<FaultPlan> {
  return fc.record({
    seed: fc.integer({ min: 1, max: 0x7fffffff }),
    storms: fc.array(stormArb, { maxLength: 2 }),
    kvs5xxRate: rate(0.3),
    push5xxRate: rate(0.2),
    timeoutRate: rate(0.15),
    duplicateRate: rate(0.5),
    reorder: fc.boolean(),
    pushPartialFailureRate: rate(0.4),
    pushEventsPerMinute: maybe(fc.integer({ min: 1, max: 5 })),
    // The two documented caps: four retries, or retries until the retention window ends.
    maxRetries: fc.constantFrom(4, UNTIL_RETENTION),
    retentionMs: maybe(fc.integer({ min: 10 * MINUTE, max: 2 * HOUR })),
    crashes: fc.array(
      fc.record({ invocation: fc.integer({ min: 0, max: 6 }), afterWrites: fc.integer({ min: 0, max: 2 }) }),
      { maxLength: 2 },
    ),
    restartAfterStep: steps > 1 ? maybe(fc.integer({ min: 0, max: steps - 2 })) : fc.constant(undefined),
  });
}

/** The faults a plan switches on, by kind (a storm or a crash counts once each; a rate once when non-zero). */
export function faultKinds(plan: FaultPlan): Record<string, number> {
  const kinds: Record<string, number> = {
    '429 storm': plan.storms.length,
    'KVS 5xx': plan.kvs5xxRate > 0 ? 1 : 0,
    'push 5xx': plan.push5xxRate > 0 ? 1 : 0,
    timeout: plan.timeoutRate > 0 ? 1 : 0,
    duplicate: plan.duplicateRate > 0 ? 1 : 0,
    reorder: plan.reorder ? 1 : 0,
    'push partial failure': plan.pushPartialFailureRate > 0 ? 1 : 0,
    'small push quota': plan.pushEventsPerMinute === undefined ? 0 : 1,
    'short retention': plan.retentionMs === undefined ? 0 : 1,
    'crash mid-batch': plan.crashes.length,
    restart: plan.restartAfterStep === undefined ? 0 : 1,
  };
  return Object.fromEntries(Object.entries(kinds).filter(([, n]) => n > 0));
}

/** How many distinct faults a plan switches on (for the soak's "faults injected" count). */
export function faultCount(plan: FaultPlan): number {
  return Object.values(faultKinds(plan)).reduce((a, b) => a + b, 0);
}

/** A plan with every fault off (used for dead-letter replay and as the shrink target). */
export function quietPlan(seed: number): FaultPlan {
  return {
    seed,
    storms: [],
    kvs5xxRate: 0,
    push5xxRate: 0,
    timeoutRate: 0,
    duplicateRate: 0,
    reorder: false,
    pushPartialFailureRate: 0,
    pushEventsPerMinute: undefined,
    maxRetries: 4,
    retentionMs: undefined,
    crashes: [],
    restartAfterStep: undefined,
  };
}
