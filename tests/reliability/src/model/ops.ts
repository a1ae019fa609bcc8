/** One logical write as the model sees it: the unit the library promises never to lose. */
export type Write =
  | { readonly kind: 'set'; readonly key: string; readonly value: unknown }
  | { readonly kind: 'delete'; readonly key: string };

/** One producer call, as a generated history issues it (each becomes one library call). */
export type ProducerOp =
  | { readonly kind: 'set'; readonly key: string; readonly value: unknown }
  | { readonly kind: 'delete'; readonly key: string }
  | { readonly kind: 'setMany'; readonly entries: ReadonlyArray<readonly [string, unknown]> }
  | { readonly kind: 'deleteMany'; readonly keys: readonly string[] }
  | { readonly kind: 'batch'; readonly writes: readonly Write[] };

/** The logical writes of one producer call, in the order the call lists them. */
export function writesOf(op: ProducerOp): Write[] {
  switch (op.kind) {
    case 'set':
      return [{ kind: 'set', key: op.key, value: op.value }];
    case 'delete':
      return [{ kind: 'delete', key: op.key }];
    case 'setMany':
      return op.entries.map(([key, value]) => ({ kind: 'set', key, value }));
    case 'deleteMany':
      return op.keys.map((key) => ({ kind: 'delete', key }));
    case 'batch':
      return [...op.writes];
  }
}

/** What the model records for one write once its producer call has settled. */
export interface IssuedWrite {
  readonly seq: number;
  readonly installation: string;
  readonly write: Write;
  /** True when the producer call resolved; false when it threw (the write may or may not have landed). */
  readonly accepted: boolean;
}

/** The value a key holds in KVS; `undefined` means absent. */
export type Stored = unknown;
