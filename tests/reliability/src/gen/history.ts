import fc from 'fast-check';
import type { ProducerOp, Write } from '../model/ops.js';
import { type FaultPlan, faultPlanArb } from './faults.js';

/**
 * A small key space so that writes collide (ordering bugs need two writes to one key). The keys use
 * every character class the KVS key pattern allows: letters, digits, `:`, `.`, `_`, `-`, `#`, space.
 */
export const KEY_SPACE = ['a', 'b:1', 'c.d_e-f#2', 'g h'] as const;

/** Values are stamped by the runner (unique marker per write); the history only picks their size. */
export const VALUE_PLACEHOLDER = Symbol('value');
export type SizeClass = 'tiny' | 'small' | 'large';

export interface HistoryStep {
  readonly installation: number;
  /** Virtual ms to advance before this producer call (>= 1 so producer order is time order). */
  readonly gapMs: number;
  readonly op: ProducerOp;
  readonly size: SizeClass;
}

export interface History {
  readonly installations: number;
  readonly ordered: boolean;
  /** The producer's direct path (write straight to KVS, queue only what is throttled). */
  readonly direct: boolean;
  readonly steps: readonly HistoryStep[];
  readonly faults: FaultPlan;
}

const keyArb = fc.constantFrom(...KEY_SPACE);
const write: fc.Arbitrary<Write> = fc.oneof(
  { arbitrary: keyArb.map((key): Write => ({ kind: 'set', key, value: VALUE_PLACEHOLDER })), weight: 3 },
  { arbitrary: keyArb.map((key): Write => ({ kind: 'delete', key })), weight: 1 },
);

export const producerOpArb: fc.Arbitrary<ProducerOp> = fc.oneof(
  { arbitrary: keyArb.map((key): ProducerOp => ({ kind: 'set', key, value: VALUE_PLACEHOLDER })), weight: 4 },
  { arbitrary: keyArb.map((key): ProducerOp => ({ kind: 'delete', key })), weight: 2 },
  {
    // Duplicate keys allowed: an iterable of entries may name a key twice (the later one wins).
    arbitrary: fc
      .array(keyArb, { minLength: 1, maxLength: 6 })
      .map((keys): ProducerOp => ({ kind: 'setMany', entries: keys.map((k) => [k, VALUE_PLACEHOLDER] as const) })),
    weight: 2,
  },
  {
    arbitrary: fc.uniqueArray(keyArb, { minLength: 1, maxLength: 4 }).map((keys): ProducerOp => ({ kind: 'deleteMany', keys })),
    weight: 1,
  },
  {
    arbitrary: fc.array(write, { minLength: 1, maxLength: 6 }).map((writes): ProducerOp => ({ kind: 'batch', writes })),
    weight: 2,
  },
);

const sizeArb: fc.Arbitrary<SizeClass> = fc.oneof(
  { arbitrary: fc.constant<SizeClass>('tiny'), weight: 8 },
  { arbitrary: fc.constant<SizeClass>('small'), weight: 3 },
  { arbitrary: fc.constant<SizeClass>('large'), weight: 1 },
);

export interface HistoryLimits {
  readonly maxSteps: number;
  readonly maxInstallations: number;
}

export const CI_LIMITS: HistoryLimits = { maxSteps: 6, maxInstallations: 2 };

export function historyArb(limits: HistoryLimits = CI_LIMITS): fc.Arbitrary<History> {
  return fc.integer({ min: 1, max: limits.maxInstallations }).chain((installations) =>
    fc
      .array(
        fc.record({
          installation: fc.integer({ min: 0, max: installations - 1 }),
          gapMs: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 120_000 })),
          op: producerOpArb,
          size: sizeArb,
        }),
        { minLength: 1, maxLength: limits.maxSteps },
      )
      .chain((steps) =>
        fc.record({
          installations: fc.constant(installations),
          ordered: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }),
          // Mostly queued: the direct path skips the consumer when storage is not throttled.
          direct: fc.oneof({ arbitrary: fc.constant(false), weight: 2 }, { arbitrary: fc.constant(true), weight: 1 }),
          steps: fc.constant(steps),
          faults: faultPlanArb(steps.length),
        }),
      ),
  );
}
