/**
 * The only file that knows the library's API shape: producer calls, the consumer export and the
 * dead-letter listing, reduced to what the runner and the checker need.
 */
import { createConsumer, createQueuedStorage, deadLetters } from '@forge-queue/queued-storage';
import { seededRandom } from '@forge-queue/queued-storage/testing';
import type { DeadLetterView } from '../model/check.js';
import type { ProducerOp } from '../model/ops.js';

export const QUEUE = 'storage-queue';

export interface LibraryOptions {
  readonly ordered: boolean;
  readonly direct?: boolean;
  /** Seed for the library's jitter, ids and clock node (Math.random when absent: not reproducible). */
  readonly seed?: number;
}

const randomFor = (seed: number | undefined) => (seed === undefined ? {} : { random: seededRandom(seed) });

export async function issue(op: ProducerOp, options: LibraryOptions): Promise<void> {
  const storage = createQueuedStorage({
    queue: QUEUE,
    ordered: options.ordered,
    direct: options.direct ?? true,
    ...randomFor(options.seed),
  });
  switch (op.kind) {
    case 'set':
      await storage.set(op.key, op.value);
      return;
    case 'delete':
      await storage.delete(op.key);
      return;
    case 'setMany':
      await storage.setMany(op.entries);
      return;
    case 'deleteMany':
      await storage.deleteMany(op.keys);
      return;
    case 'batch': {
      const batch = storage.batch();
      for (const w of op.writes) {
        if (w.kind === 'set') batch.set(w.key, w.value);
        else batch.delete(w.key);
      }
      await batch.flush();
      return;
    }
  }
}

export function consumerHandler(options: LibraryOptions): (event: unknown, context: unknown) => Promise<unknown> {
  return createConsumer({ queue: QUEUE, ordered: options.ordered, ...randomFor(options.seed) });
}

/**
 * Every dead letter of the current installation (all pages), reduced to id, reason and keys. Pages
 * are read again on platform errors (the fault schedule's 5xx and 429 apply to this read too).
 */
export async function listDeadLetters(installation: string): Promise<DeadLetterView[]> {
  const dl = deadLetters({ queue: QUEUE });
  const out: DeadLetterView[] = [];
  let cursor: string | undefined;
  do {
    const from = cursor;
    const page = await withRetries(() => dl.list({ limit: 100, ...(from === undefined ? {} : { cursor: from }) }));
    for (const d of page.items) {
      out.push({ installation, id: d.id, reason: d.reason.trim() === "" || d.detail.trim() === "" ? "" : `${d.reason}: ${d.detail}`, keys: d.ops.map((o) => o.k) });
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return out;
}

export async function replayDeadLetter(id: string): Promise<void> {
  await deadLetters({ queue: QUEUE }).replay(id);
}

const READ_ATTEMPTS = 30;

async function withRetries<T>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await read();
    } catch (error) {
      if (attempt >= READ_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20_000));
    }
  }
}
