/**
 * The only file that knows the library's API shape: producer calls, the consumer export and the
 * dead-letter listing, reduced to what the runner and the checker need.
 */
import { createConsumer, createQueuedStorage, createResolverConsumer, deadLetters } from '@forge-queue/queued-storage';
import type { ConsumerForm } from '../gen/history.js';
import { CONSUMER_METHOD } from './emulator.js';
import { Queue } from '@forge/events';
import type { DeadLetterView } from '../model/check.js';
import type { AtOption, ProducerOp } from '../model/ops.js';
import { seededRandom } from './random.js';
import { markersIn } from './values.js';

export const QUEUE = 'storage-queue';

export interface LibraryOptions {
  readonly ordered: boolean;
  readonly direct?: boolean;
  /** Seed for the library's jitter, ids and clock node (Math.random when absent: not reproducible). */
  readonly seed?: number;
}

const randomFor = (seed: number | undefined) => (seed === undefined ? {} : { random: seededRandom(seed) });

/** Turns a write's `atLagMs` into the `at` option (or none). */
export type AtResolver = (write: AtOption) => { at?: number };

/**
 * One producer instance (one `createQueuedStorage`): the calls of one history step go through it in
 * turn, so its clock orders them. Must be created inside the invocation that uses it.
 */
export function createProducer(options: LibraryOptions): (op: Exclude<ProducerOp, { kind: 'raw' }>, at: AtResolver) => Promise<void> {
  const storage = createQueuedStorage({
    queue: QUEUE,
    ordered: options.ordered,
    direct: options.direct ?? true,
    ...randomFor(options.seed),
  });
  return async (op, at) => {
    switch (op.kind) {
      case 'set':
        await storage.set(op.key, op.value, at(op));
        return;
      case 'delete':
        await storage.delete(op.key, at(op));
        return;
      case 'setMany':
        await storage.setMany(op.entries, at(op));
        return;
      case 'deleteMany':
        await storage.deleteMany(op.keys, at(op));
        return;
      case 'batch': {
        const batch = storage.batch();
        for (const w of op.writes) {
          if (w.kind === 'set') batch.set(w.key, w.value, at(w));
          else batch.delete(w.key, at(w));
        }
        await batch.flush();
        return;
      }
    }
  };
}

/**
 * Pushes an event in the library's format (version 1 envelope) with the real @forge/events client,
 * carrying operations the library's producer would refuse. If the library changes its envelope the
 * whole event becomes malformed: still a dead letter, so the check keeps its meaning.
 */
export async function pushRaw(id: string, nowMs: number, ops: readonly unknown[]): Promise<void> {
  await new Queue({ key: QUEUE }).push({ body: { qs: 1, id, at: nowMs, ops } });
}

/** The consumer function of the history's form (the manifest of run/emulator.ts names the same). */
export function consumerHandler(options: LibraryOptions & { form?: ConsumerForm }): (event: unknown, context: unknown) => Promise<unknown> {
  const common = { queue: QUEUE, ordered: options.ordered, ...randomFor(options.seed) };
  if (options.form === 'resolver') {
    const definitions = createResolverConsumer({ ...common, method: CONSUMER_METHOD });
    return (event, context) => definitions(event as Parameters<typeof definitions>[0], context as Parameters<typeof definitions>[1]);
  }
  return createConsumer(common);
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
    const page = await withRetries(() => dl.list({ limit: 100, values: true, ...(from === undefined ? {} : { cursor: from }) }));
    for (const d of page.items) {
      const reason = d.reason.trim() === '' || d.detail.trim() === '' ? '' : `${d.reason}: ${d.detail}`;
      out.push({
        installation,
        id: d.id,
        reason,
        keys: d.ops.map((o) => o.k),
        markers: markersIn(JSON.stringify(d)),
        deletes: d.ops.filter((o) => 'd' in o).map((o) => o.k),
      });
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
