/** Where the bench's job functions log the writes they actually perform. */
export interface ProducerHooks {
  /** Called for every write a job performs, in the order it performs them. */
  onWrite(key: string, value: unknown): void;
}

/** Payload of the bench's job functions (invoked like a scheduled trigger). */
export type JobPayload =
  | { kind: 'sync'; keys: number; valueBytes: number }
  | { kind: 'hot'; from: number; to: number; keys: number }
  /** Read every issue of the site (JQL search pages) and write one record each. */
  | { kind: 'backfill' };
