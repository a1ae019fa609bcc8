/**
 * Logical time of a write relative to the call: `at = Date.now() - atLagMs` (`0` = the same
 * millisecond as an implicit stamp). The generator keeps the lag below the gap since the previous
 * producer call, so producer order stays issue order (see gen/history.ts).
 */
export interface AtOption {
  readonly atLagMs?: number | undefined;
}

/** One logical write as the model sees it: the unit the library promises never to lose. */
export type Write =
  | ({ readonly kind: 'set'; readonly key: string; readonly value: unknown } & AtOption)
  | ({ readonly kind: 'delete'; readonly key: string } & AtOption);

/**
 * Ways an operation inside a queued-storage event can be unreadable for the consumer. Pushed raw
 * (not through the library's producer, which would refuse them) to test that the consumer
 * dead-letters them in every life of the event.
 */
export const UNREADABLE_KINDS = ['no-stamp', 'bad-key', 'null-value', 'too-deep', 'set-and-delete', 'not-an-object'] as const;
export type UnreadableKind = (typeof UNREADABLE_KINDS)[number];

/** One producer call, as a generated history issues it (each becomes one library call). */
export type ProducerOp =
  | ({ readonly kind: 'set'; readonly key: string; readonly value: unknown } & AtOption)
  | ({ readonly kind: 'delete'; readonly key: string } & AtOption)
  | ({ readonly kind: 'setMany'; readonly entries: ReadonlyArray<readonly [string, unknown]> } & AtOption)
  | ({ readonly kind: 'deleteMany'; readonly keys: readonly string[] } & AtOption)
  | { readonly kind: 'batch'; readonly writes: readonly Write[] }
  /** A raw event on the library's queue whose operations the consumer cannot read (not a library call). */
  | { readonly kind: 'raw'; readonly ops: readonly UnreadableKind[] };

/** The logical writes of one producer call, in the order the call lists them (a raw push has none). */
export function writesOf(op: ProducerOp): Write[] {
  switch (op.kind) {
    case 'set':
      return [{ kind: 'set', key: op.key, value: op.value, atLagMs: op.atLagMs }];
    case 'delete':
      return [{ kind: 'delete', key: op.key, atLagMs: op.atLagMs }];
    case 'setMany':
      return op.entries.map(([key, value]) => ({ kind: 'set', key, value, atLagMs: op.atLagMs }));
    case 'deleteMany':
      return op.keys.map((key) => ({ kind: 'delete', key, atLagMs: op.atLagMs }));
    case 'batch':
      return [...op.writes];
    case 'raw':
      return [];
  }
}

/** What the model records for one write once its producer call has settled. */
export interface IssuedWrite {
  readonly seq: number;
  readonly installation: string;
  /** The producer instance (one per history step) that issued it: producer order is `seq` within it. */
  readonly producer: number;
  /** `value` is the JSON the library must store (after `toJSON`), not the object handed to it. */
  readonly write: Write;
  /** True when the producer call resolved; false when it threw (the write may or may not have landed). */
  readonly accepted: boolean;
  /** The unique marker inside a set's value (undefined for a delete). */
  readonly marker: string | undefined;
  /** A write no platform can ever apply (e.g. its JSON is too deep): it must end as a dead letter. */
  readonly permanent: boolean;
}

/** An unreadable operation pushed raw: acknowledged when the push resolved; it must be dead-lettered. */
export interface PushedUnreadable {
  readonly installation: string;
  readonly kind: UnreadableKind;
  readonly marker: string;
}

/** The value a key holds in KVS; `undefined` means absent. */
export type Stored = unknown;
