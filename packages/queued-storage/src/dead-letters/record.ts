import { RESERVED_PREFIX } from '../limits.js';
import type { Operation } from '../operation.js';
import { randomId, type RandomSource } from '../random.js';

export const DEAD_LETTER_PREFIX = `${RESERVED_PREFIX}dl:`;

export type DeadLetterReason =
  /** The event body is not a queued-storage event (or an unknown version). */
  | 'malformed'
  /** KVS refused the operations (4xx) or they break a KVS rule. */
  | 'permanent'
  /** Still failing after `maxAgeMs` since first queued. */
  | 'max-age'
  /** The platform would drop the event and pushing it again failed. */
  | 'redrive-failed';

/** A write the library could not apply. Kept in KVS under `__qs:dl:<id>` until replayed or discarded. */
export interface DeadLetter {
  id: string;
  reason: DeadLetterReason;
  /** Why, in words (never contains values). */
  detail: string;
  /** Code of the last error. */
  lastError: string;
  /** Failed attempts over all lives of the event. */
  attempts: number;
  firstQueuedAt: number;
  deadAt: number;
  queue: string;
  eventId?: string | undefined;
  /** Id of the event body the operations came from. */
  batchId?: string | undefined;
  ops: Operation[];
  /** Malformed events only: the body as JSON text (truncated to 200 KB). */
  raw?: string | undefined;
}

/** Time-ordered ids: listing returns the oldest dead letters first. */
export function newDeadLetterId(now: number, random: RandomSource): string {
  return `${Math.floor(now).toString(36).padStart(9, '0')}-${randomId(random, 10)}`;
}

/**
 * The id of a record holding `ops` (and `raw`) of event `batchId`: derived from its content, so the
 * records of one event's failures over several deliveries never overwrite each other, while storing
 * the same record twice (a retried delivery) keeps one.
 */
export function deadLetterId(batchId: string, reason: DeadLetterReason, ops: readonly Operation[], raw: string | undefined): string {
  let hash = 0x811c9dc5;
  const text = `${ops.map((op) => `${op.k}\u0000${op.s}`).join('\u0001')}\u0002${raw ?? ''}`;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  const safe = batchId.replace(/[^a-zA-Z0-9:._-]/g, '_').slice(0, 160);
  return `${safe}-${reason}-${hash.toString(36).padStart(7, '0')}`;
}

export function deadLetterKey(id: string): string {
  return DEAD_LETTER_PREFIX + id;
}

export function rawText(body: unknown): string {
  let text: string;
  try {
    const json = JSON.stringify(body) as unknown; // undefined for undefined or a function
    text = typeof json === 'string' ? json : String(body);
  } catch {
    text = String(body);
  }
  return text.length > 200_000 ? `${text.slice(0, 200_000)}…` : text;
}

export function isDeadLetter(value: unknown): value is DeadLetter {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.reason === 'string' && Array.isArray(v.ops);
}
