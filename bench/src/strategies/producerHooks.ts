import type { Write } from '../scenarios/writes.js';

/** What the bench's producer functions need to know: the load spec, and where to log writes. */
export interface ProducerHooks {
  /** Called for every write a producer asks for, in the order it asks (the expected model). */
  onWrite(key: string, value: unknown): void;
}

export function logWrites(hooks: ProducerHooks, writes: Iterable<Write>): void {
  for (const [key, value] of writes) hooks.onWrite(key, value);
}

/** Payload of the bench's job functions (invoked like a scheduled trigger). */
export type JobPayload =
  | { kind: 'sync'; keys: number; valueBytes: number }
  | { kind: 'hot'; from: number; to: number; keys: number };
