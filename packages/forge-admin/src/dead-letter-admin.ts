// Dead letters as the admin page sees them: a paged list without stored values, one record's details
// on request, replay (one, or all with an explicit confirmation), discard.
import type { DeadLetter, DeadLetters, ReplayResult } from '@forge-queue/queued-storage';
import { AdminError } from './admin-error.js';

const MAX_KEYS_LISTED = 5;
/** Replays per `replayAll` call: each is a push; the page calls again while `more` is true. */
const REPLAY_ALL_BATCH = 25;
const ID = /^[\w.:-]{1,200}$/;

/** A list row: what failed and why, the keys involved, never the values. */
export interface DeadLetterSummary {
  id: string;
  reason: DeadLetter['reason'];
  detail: string;
  lastError: string;
  attempts: number;
  firstQueuedAt: number;
  deadAt: number;
  operations: number;
  keys: string[];
}

export function summarize(record: DeadLetter): DeadLetterSummary {
  return {
    id: record.id,
    reason: record.reason,
    detail: record.detail,
    lastError: record.lastError,
    attempts: record.attempts,
    firstQueuedAt: record.firstQueuedAt,
    deadAt: record.deadAt,
    operations: record.ops.length,
    keys: record.ops.slice(0, MAX_KEYS_LISTED).map((op) => op.k),
  };
}

export function readId(payload: Record<string, unknown>): string {
  const id = payload.id;
  if (typeof id !== 'string' || !ID.test(id)) throw new AdminError('BAD_REQUEST', 'payload.id must be a dead letter id (letters, digits, . : _ -).');
  return id;
}

export function readCursor(payload: Record<string, unknown>): string | undefined {
  const cursor = payload.cursor;
  if (cursor === undefined || cursor === null) return undefined;
  if (typeof cursor !== 'string' || cursor.length > 1000) throw new AdminError('BAD_REQUEST', 'payload.cursor must be the nextCursor of the previous page.');
  return cursor;
}

export function deadLetterAdmin(letters: DeadLetters) {
  return {
    async list(payload: Record<string, unknown>): Promise<{ items: DeadLetterSummary[]; nextCursor: string | undefined }> {
      const page = await letters.list({ limit: 20, cursor: readCursor(payload) });
      return { items: page.items.map(summarize), nextCursor: page.nextCursor };
    },
    async get(payload: Record<string, unknown>): Promise<DeadLetter> {
      const id = readId(payload);
      const record = await letters.get(id);
      if (record === undefined) throw new AdminError('NOT_FOUND', `Dead letter ${id} does not exist (replayed or discarded already?).`);
      return record;
    },
    async replay(payload: Record<string, unknown>): Promise<ReplayResult> {
      const id = readId(payload);
      if ((await letters.get(id)) === undefined) throw new AdminError('NOT_FOUND', `Dead letter ${id} does not exist (replayed or discarded already?).`);
      return letters.replay(id);
    },
    /** Replays up to REPLAY_ALL_BATCH records per call; needs `confirm: 'replay-all'`. */
    async replayAll(payload: Record<string, unknown>): Promise<{ replayed: number; failed: Array<{ id: string; error: string }>; more: boolean }> {
      if (payload.confirm !== 'replay-all') throw new AdminError('CONFIRMATION_REQUIRED', "Replaying every dead letter needs payload.confirm = 'replay-all'.");
      const page = await letters.list({ limit: REPLAY_ALL_BATCH });
      const failed: Array<{ id: string; error: string }> = [];
      let replayed = 0;
      for (const item of page.items) {
        try {
          await letters.replay(item.id);
          replayed++;
        } catch (error) {
          failed.push({ id: item.id, error: error instanceof Error ? error.message : String(error) });
        }
      }
      return { replayed, failed, more: page.nextCursor !== undefined && failed.length < page.items.length };
    },
    async discard(payload: Record<string, unknown>): Promise<{ discarded: boolean }> {
      return { discarded: await letters.discard(readId(payload)) };
    },
  };
}
