import type { ProducerOp, Write } from '../model/ops.js';
import { VALUE_PLACEHOLDER, type SizeClass } from '../gen/history.js';

/** Every stored value carries this prefix, so captured logs can be searched for leaked values. */
export const VALUE_MARKER_PREFIX = 'QSVAL';

const PAD: Record<SizeClass, number> = { tiny: 0, small: 2_000, large: 60_000 };

/** Makes unique values (a marker per write) so the checker can tell every write apart. */
export function createValueStamper(runTag: string): (op: ProducerOp, size: SizeClass) => ProducerOp {
  let n = 0;
  const value = (size: SizeClass): unknown => {
    n += 1;
    return { marker: `${VALUE_MARKER_PREFIX}-${runTag}-${n}`, n, pad: 'x'.repeat(PAD[size]) };
  };
  const fill = (v: unknown, size: SizeClass): unknown => (v === VALUE_PLACEHOLDER ? value(size) : v);
  const stampWrite = (w: Write, size: SizeClass): Write =>
    w.kind === 'set' ? { kind: 'set', key: w.key, value: fill(w.value, size) } : w;
  return (op, size) => {
    switch (op.kind) {
      case 'set':
        return { kind: 'set', key: op.key, value: fill(op.value, size) };
      case 'setMany':
        return { kind: 'setMany', entries: op.entries.map(([k, v]) => [k, fill(v, size)] as const) };
      case 'batch':
        return { kind: 'batch', writes: op.writes.map((w) => stampWrite(w, size)) };
      case 'delete':
      case 'deleteMany':
        return op;
    }
  };
}
