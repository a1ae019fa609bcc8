import type { ProducerOp, PushedUnreadable, UnreadableKind, Write } from '../model/ops.js';
import { DEEP_PLACEHOLDER, JSON_PLACEHOLDER, VALUE_PLACEHOLDER, type SizeClass } from '../gen/history.js';

/** Every stored value carries this prefix, so captured logs can be searched for leaked values. */
export const VALUE_MARKER_PREFIX = 'QSVAL';
const MARKER = /QSVAL-[A-Za-z0-9-]+/g;

/** The value markers in a text (exact tokens: `QSVAL-h-1` is not found in `QSVAL-h-12`). */
export function markersIn(text: string): string[] {
  return text.match(MARKER) ?? [];
}

const PAD: Record<SizeClass, number> = { tiny: 0, small: 2_000, large: 60_000 };
/** Deeper than KVS's 31 levels, whoever counts the top level. */
const TOO_DEEP = 34;

/** An object whose property names are data (like e-mail addresses): they must not appear in logs or errors. */
function nest(marker: string, depth: number): unknown {
  let inner: unknown = { marker };
  for (let i = 1; i < depth; i += 1) inner = { [`${marker}-k${i}`]: inner };
  return inner;
}

/** Stored as its `toJSON()` result (a different, valid object); the instance itself has no own fields. */
export class JsonValue {
  readonly #json: unknown;
  constructor(json: unknown) {
    this.#json = json;
  }
  toJSON(): unknown {
    return this.#json;
  }
}

/** A shallow object whose `toJSON()` is nested deeper than KVS allows: no platform can store it. */
export class DeepValue extends JsonValue {}

/** The JSON the library must store for a value handed to it (`undefined` for a delete). */
export function storedForm(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}

export interface Stamper {
  /** The op with unique values in place of the placeholders. */
  op(op: ProducerOp, size: SizeClass): ProducerOp;
  /** The raw operations of a `raw` op, each carrying its own marker. */
  unreadable(kinds: readonly UnreadableKind[], installation: string, nowMs: number): { ops: unknown[]; pushed: PushedUnreadable[] };
}

/** Makes unique values (a marker per write) so the checker can tell every write apart. */
export function createValueStamper(runTag: string): Stamper {
  let n = 0;
  const nextMarker = (): string => `${VALUE_MARKER_PREFIX}-${runTag}-${(n += 1)}`;
  const value = (placeholder: unknown, size: SizeClass): unknown => {
    if (placeholder !== VALUE_PLACEHOLDER && placeholder !== JSON_PLACEHOLDER && placeholder !== DEEP_PLACEHOLDER) return placeholder;
    const marker = nextMarker();
    if (placeholder === JSON_PLACEHOLDER) return new JsonValue({ marker, n, via: 'toJSON', list: [1, [2, [3]]] });
    if (placeholder === DEEP_PLACEHOLDER) return new DeepValue(nest(marker, TOO_DEEP));
    return { marker, n, pad: 'x'.repeat(PAD[size]) };
  };
  const stampWrite = (w: Write, size: SizeClass): Write => (w.kind === 'set' ? { ...w, value: value(w.value, size) } : w);
  const stampOp = (op: ProducerOp, size: SizeClass): ProducerOp => {
    switch (op.kind) {
      case 'set':
        return { ...op, value: value(op.value, size) };
      case 'setMany':
        return { ...op, entries: op.entries.map(([k, v]) => [k, value(v, size)] as const) };
      case 'batch':
        return { kind: 'batch', writes: op.writes.map((w) => stampWrite(w, size)) };
      case 'delete':
      case 'deleteMany':
      case 'raw':
        return op;
    }
  };
  const unreadable: Stamper['unreadable'] = (kinds, installation, nowMs) => {
    // A well-formed stamp (today's format), so that only the named defect makes the operation unreadable.
    const s = `${Math.floor(nowMs).toString(36).padStart(9, '0')}0000raw00000`;
    const pushed = kinds.map((kind) => ({ installation, kind, marker: nextMarker() }));
    const ops = pushed.map(({ kind, marker }): unknown => {
      switch (kind) {
        case 'no-stamp':
          return { k: 'a', v: { marker } };
        case 'bad-key':
          return { k: 'bad/key', s, v: { marker } };
        case 'null-value':
          return { k: 'b:1', s, v: null, note: marker };
        case 'too-deep':
          return { k: 'g h', s, v: nest(marker, TOO_DEEP) };
        case 'set-and-delete':
          return { k: 'a', s, v: { marker }, d: 1 };
        case 'not-an-object':
          return marker;
      }
    });
    return { ops, pushed };
  };
  return { op: stampOp, unreadable };
}
