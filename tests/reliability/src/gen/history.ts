import fc from 'fast-check';
import { type ProducerOp, type UnreadableKind, type Write, UNREADABLE_KINDS } from '../model/ops.js';
import { type FaultPlan, faultPlanArb } from './faults.js';

/**
 * A small key space so that writes collide (ordering bugs need two writes to one key). The keys use
 * every character class the KVS key pattern allows: letters, digits, `:`, `.`, `_`, `-`, `#`, space.
 */
export const KEY_SPACE = ['a', 'b:1', 'c.d_e-f#2', 'g h'] as const;

/** Values are stamped by the runner (unique marker per write); the history only picks their shape. */
export const VALUE_PLACEHOLDER = Symbol('value');
/** A class instance whose `toJSON` returns a different, valid object: the stored value is its result. */
export const JSON_PLACEHOLDER = Symbol('toJSON value');
/** A class instance whose `toJSON` nests deeper than KVS allows (31): the object itself is shallow. */
export const DEEP_PLACEHOLDER = Symbol('toJSON value nested too deep');
export type SizeClass = 'tiny' | 'small' | 'large';

export interface HistoryStep {
  readonly installation: number;
  /** Virtual ms to advance before this step (>= 1 so producer order is time order). */
  readonly gapMs: number;
  /**
   * Calls of one producer instance (one `createQueuedStorage`) inside one invocation, each awaited
   * before the next: sequential awaits in the same virtual millisecond, where implicit and explicit
   * (`at`) stamps must share one clock.
   */
  readonly calls: readonly ProducerOp[];
  readonly size: SizeClass;
}

export interface History {
  readonly installations: number;
  readonly ordered: boolean;
  /** The producer's direct path (write straight to KVS, queue only what is throttled). */
  readonly direct: boolean;
  /**
   * The manifest declares the `qs-version` entity. Without it every ordered write fails permanently
   * (documented to end in dead letters), which mixes permanent failures with the plan's transient ones.
   */
  readonly versionEntity: boolean;
  readonly steps: readonly HistoryStep[];
  readonly faults: FaultPlan;
  /**
   * The consumer's form: the modern `consumer` module (`createConsumer`) or the guide's v1 form,
   * `resolver: { function, method }` (`createResolverConsumer`). Absent in histories written before
   * it existed: modern.
   */
  readonly consumerForm?: ConsumerForm;
}

export type ConsumerForm = 'modern' | 'resolver';

/**
 * Which shapes a history may contain. All on by default; the shrink CLI switches some off to get a
 * minimal history for one bug class at a time.
 */
export interface Features {
  /** Explicit `at` mixed with implicit stamps. */
  readonly at: boolean;
  /** Values whose `toJSON` nests deeper than KVS allows. */
  readonly deepValues: boolean;
  /** Raw events with unreadable operations. */
  readonly rawOps: boolean;
  /** Weight (of 6) of histories whose manifest lacks the version entity. */
  readonly missingVersionEntity: number;
}

export const ALL_FEATURES: Features = { at: true, deepValues: true, rawOps: true, missingVersionEntity: 1 };
/** The shapes the generator had before issue 10 (faults, sessions of calls, valid toJSON values only). */
export const BASELINE_FEATURES: Features = { at: false, deepValues: false, rawOps: false, missingVersionEntity: 0 };

const unreadableArb: fc.Arbitrary<UnreadableKind[]> = fc.array(fc.constantFrom(...UNREADABLE_KINDS), { minLength: 1, maxLength: 3 });

/** The arbitraries of one producer call, for a set of features. */
function opArbs(f: Features): { producerOp: fc.Arbitrary<ProducerOp>; calls: fc.Arbitrary<ProducerOp[]> } {
  const valueArb: fc.Arbitrary<symbol> = fc.oneof(
    { arbitrary: fc.constant(VALUE_PLACEHOLDER), weight: 14 },
    { arbitrary: fc.constant(JSON_PLACEHOLDER), weight: 1 },
    { arbitrary: fc.constant(f.deepValues ? DEEP_PLACEHOLDER : JSON_PLACEHOLDER), weight: 1 },
  );
  /** No `at`, `at` = now (the same millisecond as an implicit stamp), or `at` a little in the past. */
  const atLagArb: fc.Arbitrary<number | undefined> = f.at
    ? fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 4 },
        { arbitrary: fc.constant(0), weight: 2 },
        { arbitrary: fc.integer({ min: 1, max: 60_000 }), weight: 1 },
      )
    : fc.constant(undefined);
  const keyArb = fc.constantFrom(...KEY_SPACE);
  const write: fc.Arbitrary<Write> = fc.oneof(
    { arbitrary: fc.record({ key: keyArb, value: valueArb, atLagMs: atLagArb }).map((w): Write => ({ kind: 'set', ...w })), weight: 3 },
    { arbitrary: fc.record({ key: keyArb, atLagMs: atLagArb }).map((w): Write => ({ kind: 'delete', ...w })), weight: 1 },
  );
  const ops: Array<fc.WeightedArbitrary<ProducerOp>> = [
    { arbitrary: fc.record({ key: keyArb, value: valueArb, atLagMs: atLagArb }).map((o): ProducerOp => ({ kind: 'set', ...o })), weight: 4 },
    { arbitrary: fc.record({ key: keyArb, atLagMs: atLagArb }).map((o): ProducerOp => ({ kind: 'delete', ...o })), weight: 2 },
    {
      // Duplicate keys allowed: an iterable of entries may name a key twice (the later one wins).
      arbitrary: fc
        .record({ entries: fc.array(fc.tuple(keyArb, valueArb), { minLength: 1, maxLength: 6 }), atLagMs: atLagArb })
        .map((o): ProducerOp => ({ kind: 'setMany', ...o })),
      weight: 2,
    },
    {
      arbitrary: fc
        .record({ keys: fc.uniqueArray(keyArb, { minLength: 1, maxLength: 4 }), atLagMs: atLagArb })
        .map((o): ProducerOp => ({ kind: 'deleteMany', ...o })),
      weight: 1,
    },
    { arbitrary: fc.array(write, { minLength: 1, maxLength: 6 }).map((writes): ProducerOp => ({ kind: 'batch', writes })), weight: 2 },
  ];
  if (f.rawOps) ops.push({ arbitrary: unreadableArb.map((raw): ProducerOp => ({ kind: 'raw', ops: raw })), weight: 1 });
  const producerOp = fc.oneof(...ops);
  /** Mostly one call per producer; sometimes two or three sequential awaits of the same producer. */
  const calls: fc.Arbitrary<ProducerOp[]> = fc.oneof(
    { arbitrary: producerOp.map((op) => [op]), weight: 3 },
    { arbitrary: fc.array(producerOp, { minLength: 2, maxLength: 3 }), weight: 2 },
  );
  return { producerOp, calls };
}

const sizeArb: fc.Arbitrary<SizeClass> = fc.oneof(
  { arbitrary: fc.constant<SizeClass>('tiny'), weight: 8 },
  { arbitrary: fc.constant<SizeClass>('small'), weight: 3 },
  { arbitrary: fc.constant<SizeClass>('large'), weight: 1 },
);

export interface HistoryLimits {
  readonly maxSteps: number;
  readonly maxInstallations: number;
  readonly features?: Features;
}

export const CI_LIMITS: HistoryLimits = { maxSteps: 6, maxInstallations: 2 };

export function historyArb(limits: HistoryLimits = CI_LIMITS): fc.Arbitrary<History> {
  const features = limits.features ?? ALL_FEATURES;
  const callsArb = opArbs(features).calls;
  const missing = features.missingVersionEntity;
  return fc.integer({ min: 1, max: limits.maxInstallations }).chain((installations) =>
    fc
      .array(
        fc.record({
          installation: fc.integer({ min: 0, max: installations - 1 }),
          gapMs: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 120_000 })),
          calls: callsArb,
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
          versionEntity: fc.oneof({ arbitrary: fc.constant(true), weight: 6 - missing }, { arbitrary: fc.constant(false), weight: missing }),
          steps: fc.constant(steps),
          faults: faultPlanArb(steps.length),
          // Drawn last, so every other part of a seed's history is what it was before this key existed.
          consumerForm: fc.oneof({ arbitrary: fc.constant<ConsumerForm>('modern'), weight: 3 }, { arbitrary: fc.constant<ConsumerForm>('resolver'), weight: 1 }),
        }),
      ),
  );
}

/** `at` for a write issued `gapMs` after the previous step: never at or before that step's stamps. */
export function atFor(atLagMs: number | undefined, gapMs: number, nowMs: number): number | undefined {
  return atLagMs === undefined ? undefined : nowMs - Math.min(atLagMs, Math.max(0, gapMs - 1));
}

/** A history as JSON, placeholders by name (`V`, `JSON`, `DEEP`), for reports and regression files. */
export function showHistory(history: History): string {
  const names = new Map<unknown, string>([[VALUE_PLACEHOLDER, 'V'], [JSON_PLACEHOLDER, 'JSON'], [DEEP_PLACEHOLDER, 'DEEP']]);
  return JSON.stringify(history, (_key, value: unknown) => names.get(value) ?? (value === undefined ? null : value));
}

/** The inverse of showHistory (`null` fields become absent). */
export function parseHistory(json: string): History {
  const symbols = new Map<unknown, symbol>([['V', VALUE_PLACEHOLDER], ['JSON', JSON_PLACEHOLDER], ['DEEP', DEEP_PLACEHOLDER]]);
  return JSON.parse(json, (_key, value: unknown) => symbols.get(value) ?? (value === null ? undefined : value)) as History;
}
