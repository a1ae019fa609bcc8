import type { BatchResult, FailedKey, JobStats, KeyRef, KvsPort, PushEvent, QueuePort, SetItem, Transaction } from '../ports.js';

/**
 * In-memory ports for unit tests of the library's own logic (never a stand-in for Forge: the
 * emulator with the real SDK clients plays that part). Faults are injected with `fault`.
 */
export interface MemoryFaults {
  /** Throw to fail a whole call. */
  call?: (method: string, keys: string[]) => void;
  /** Return an error to fail one key of a batch call. */
  item?: (method: string, key: string) => { code: string; message: string } | undefined;
}

export interface MemoryKvs extends KvsPort {
  readonly plain: Map<string, unknown>;
  readonly entities: Map<string, Map<string, unknown>>;
  readonly calls: Record<string, number>;
  fault: MemoryFaults;
}

/** The error a failed transaction condition raises (shape of a KVS API error). */
export function conditionFailed(): Error {
  return Object.assign(new Error('Transaction condition failed'), { code: 'CONDITION_CHECK_FAILED', status: 409 });
}

export function memoryKvs(): MemoryKvs {
  const plain = new Map<string, unknown>();
  const entities = new Map<string, Map<string, unknown>>();
  const calls: Record<string, number> = {};
  const store = (ref: KeyRef): Map<string, unknown> => {
    if (ref.entityName === undefined) return plain;
    let m = entities.get(ref.entityName);
    if (!m) {
      m = new Map<string, unknown>();
      entities.set(ref.entityName, m);
    }
    return m;
  };
  const clone = (v: unknown): unknown => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
  const self: MemoryKvs = {
    plain,
    entities,
    calls,
    fault: {},
    get: (key) => later('get', [key], () => clone(plain.get(key))),
    set: (key, value) => later('set', [key], () => void plain.set(key, clone(value))),
    delete: (key) => later('delete', [key], () => void plain.delete(key)),
    batchSet: (items: SetItem[]) =>
      later('batchSet', items.map((i) => i.key), () => batch('batchSet', items, (i) => store(i).set(i.key, clone(i.value)))),
    batchDelete: (items) => later('batchDelete', items.map((i) => i.key), () => batch('batchDelete', items, (i) => store(i).delete(i.key))),
    batchGet: (items) =>
      later('batchGet', items.map((i) => i.key), () => ({
        found: items.filter((i) => store(i).has(i.key)).map((i) => ({ ...i, value: clone(store(i).get(i.key)) })),
        failedKeys: [],
      })),
    transact: (tx: Transaction) =>
      later('transact', [...tx.sets, ...tx.deletes].map((i) => i.key), () => {
        for (const s of tx.sets) {
          if (!s.condition) continue;
          const current = store(s).get(s.key) as Record<string, unknown> | undefined;
          const attr = current?.[s.condition.attribute];
          if (typeof attr === 'string' && !(attr < s.condition.absentOrBelow)) throw conditionFailed();
        }
        for (const s of tx.sets) store(s).set(s.key, clone(s.value));
        for (const d of tx.deletes) store(d).delete(d.key);
      }),
    list: (prefix, { limit, cursor }) =>
      later('list', [prefix], () => {
        const keys = [...plain.keys()].filter((k) => k.startsWith(prefix) && (cursor === undefined || k > cursor)).sort();
        const page = keys.slice(0, limit);
        return {
          entries: page.map((key) => ({ key, value: clone(plain.get(key)) })),
          nextCursor: keys.length > limit ? page[page.length - 1] : undefined,
        };
      }),
  };
  /** Runs `fn` asynchronously after the fault hook (a throwing hook rejects the call). */
  function later<T>(method: string, keys: string[], fn: () => T): Promise<T> {
    return Promise.resolve().then(() => {
      enter(method, keys);
      return fn();
    });
  }
  function enter(method: string, keys: string[]): void {
    calls[method] = (calls[method] ?? 0) + 1;
    self.fault.call?.(method, keys);
  }
  function batch<T extends KeyRef>(method: string, items: T[], apply: (item: T) => void): BatchResult {
    const failedKeys: FailedKey[] = [];
    const successfulKeys: KeyRef[] = [];
    for (const item of items) {
      const error = self.fault.item?.(method, item.key);
      if (error) failedKeys.push({ key: item.key, entityName: item.entityName, error });
      else {
        apply(item);
        successfulKeys.push({ key: item.key, entityName: item.entityName });
      }
    }
    return { successfulKeys, failedKeys };
  }
  return self;
}

export interface MemoryQueue extends QueuePort {
  readonly pushes: PushEvent[][];
  /** Throw to fail a push; return indexes to fail some of its events (HTTP 202). */
  fault: (events: PushEvent[]) => number[] | undefined;
}

export function memoryQueue(): MemoryQueue {
  let n = 0;
  const self: MemoryQueue = {
    pushes: [],
    fault: () => undefined,
    push: (events) =>
      Promise.resolve().then(() => {
        const failed = self.fault(events) ?? [];
        self.pushes.push(events.filter((_, i) => !failed.includes(i)).map((e) => JSON.parse(JSON.stringify(e)) as PushEvent));
        n += 1;
        return { jobId: `job-${n}`, failed };
      }),
    getStats: (): Promise<JobStats> => Promise.resolve({ success: 0, inProgress: 0, failed: 0 }),
  };
  return self;
}
