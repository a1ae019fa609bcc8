import { classifyFailure } from '../classify.js';
import { compareStamps } from '../hlc.js';
import { KVS_MAX_BATCH_KEYS, KVS_MAX_TRANSACTION_OPS } from '../limits.js';
import { isDelete } from '../operation.js';
import type { KvsPort, Transaction } from '../ports.js';
import type { Ttl } from '../validate.js';
import { VERSION_ATTRIBUTE, VERSION_ENTITY_NAME, versionKey, versionOf } from '../versions.js';
import { groupOperations, indexesOf, type Indexed } from './groups.js';
import type { RunState } from './report.js';

/** Each key costs two transaction operations (its version record and its value). */
const KEYS_PER_TRANSACTION = Math.floor(KVS_MAX_TRANSACTION_OPS / 2);

export interface OrderedOptions {
  /** Read version records first so duplicates and stale writes cost no write. */
  readFirst: boolean;
  /** TTL of version records (a tombstone outlives its delete by this much). */
  versionTtl?: Ttl | undefined;
  /**
   * Read the stored version when a single key's condition is refused, so the caller learns the stamp
   * that won (the producer's clock takes it in). Costs one read request per refused key.
   */
  observeConflicts?: boolean | undefined;
  /** The batch operations budget (45 a minute): version reads are skipped while it is spent. */
  batchReads?: BatchReadBudget | undefined;
}

/** Where version reads (batchGet, a batch operation) ask before they are made and report back. */
export interface BatchReadBudget {
  allow(): boolean;
  spent(): void;
  refused(): void;
}

/** Reads stored versions; a failed read only means "unknown" (the write's condition still guards). */
async function readVersions(kvs: KvsPort, items: readonly Indexed[], run: RunState, budget?: BatchReadBudget): Promise<Map<string, string>> {
  const versions = new Map<string, string>();
  for (let from = 0; from < items.length; from += KVS_MAX_BATCH_KEYS) {
    const keys = items.slice(from, from + KVS_MAX_BATCH_KEYS).map((x) => versionKey(x.op.k));
    if (budget !== undefined && !budget.allow()) return versions;
    run.report.calls.reads += 1;
    try {
      const { found } = await kvs.batchGet(keys.map((key) => ({ key, entityName: VERSION_ENTITY_NAME })));
      budget?.spent();
      for (const item of found) {
        const v = versionOf(item.value);
        if (v === undefined) continue;
        versions.set(item.key, v);
        if (run.report.observed === undefined || compareStamps(v, run.report.observed) > 0) run.report.observed = v;
      }
    } catch (error) {
      if (classifyFailure(error).kind === 'rate-limited') budget?.refused();
      return versions;
    }
  }
  return versions;
}

function dropStale(items: readonly Indexed[], versions: Map<string, string>, run: RunState): Indexed[] {
  return items.filter((x) => {
    const stored = versions.get(versionKey(x.op.k));
    const stale = stored !== undefined && compareStamps(stored, x.op.s) >= 0;
    if (stale) run.report.stale.push(x.i);
    return !stale;
  });
}

function transaction(group: readonly Indexed[], options: OrderedOptions): Transaction {
  const tx: Transaction = { sets: [], deletes: [] };
  for (const { op } of group) {
    tx.sets.push({
      key: versionKey(op.k),
      entityName: VERSION_ENTITY_NAME,
      value: { [VERSION_ATTRIBUTE]: op.s },
      ttl: options.versionTtl,
      condition: { attribute: VERSION_ATTRIBUTE, absentOrBelow: op.s },
    });
    if (isDelete(op)) tx.deletes.push({ key: op.k });
    else tx.sets.push({ key: op.k, value: op.v, ttl: op.t });
  }
  return tx;
}

async function applyGroup(kvs: KvsPort, group: readonly Indexed[], options: OrderedOptions, run: RunState, reread: boolean): Promise<void> {
  if (group.length === 0) return;
  if (!run.canCall()) {
    run.report.notAttempted.push(...indexesOf(group));
    return;
  }
  run.report.calls.writes += 1;
  try {
    await kvs.transact(transaction(group, options));
    run.written();
    run.report.applied.push(...indexesOf(group));
  } catch (error) {
    const failure = classifyFailure(error);
    if (failure.kind === 'conflict' && group.length === 1) {
      run.report.stale.push(...indexesOf(group)); // the condition failed: a newer (or equal) version is stored
      if (options.observeConflicts === true) await readVersions(kvs, group, run, options.batchReads);
    } else if (failure.kind === 'conflict' && reread && options.batchReads?.allow() !== false) {
      const rest = dropStale(group, await readVersions(kvs, group, run, options.batchReads), run);
      // The read taught nothing (refused, or a race): split off the conflicting key, never retry the group blind.
      if (rest.length === group.length) for (const x of group) await applyGroup(kvs, [x], options, run, false);
      else await applyGroup(kvs, rest, options, run, false);
    } else if (failure.kind === 'conflict' || (failure.kind === 'permanent' && group.length > 1)) {
      for (const x of group) await applyGroup(kvs, [x], options, run, false);
    } else if (failure.kind === 'permanent' && dropStale(group, await readVersions(kvs, group, run, options.batchReads), run).length === 0) {
      // A refused condition reported under an unexpected code: the stored version is newer, so skip.
    } else {
      run.fail(indexesOf(group), failure);
    }
  }
}

/** Ordered mode: conditional transactions of <= 12 keys (25 operations) packed to whole 10 KB units, stale writes skipped. */
export async function applyOrdered(kvs: KvsPort, items: readonly Indexed[], options: OrderedOptions, run: RunState): Promise<void> {
  let pending = [...items];
  if (options.readFirst && pending.length > 0 && run.canCall()) {
    pending = dropStale(pending, await readVersions(kvs, pending, run, options.batchReads), run);
  }
  for (const group of groupOperations(pending, KEYS_PER_TRANSACTION, true)) await applyGroup(kvs, group, options, run, true);
}
