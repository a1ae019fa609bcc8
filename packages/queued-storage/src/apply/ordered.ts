import { classifyFailure } from '../classify.js';
import { compareStamps } from '../hlc.js';
import { KVS_MAX_BATCH_KEYS, KVS_MAX_TRANSACTION_OPS } from '../limits.js';
import { isDelete } from '../operation.js';
import type { KvsPort, Transaction } from '../ports.js';
import type { Ttl } from '../validate.js';
import { VERSION_ATTRIBUTE, VERSION_ENTITY_NAME, versionKey, versionOf } from '../versions.js';
import { groupOperations, groupUnits, indexesOf, type Indexed } from './groups.js';
import { knownStale, type KnownVersions } from './known-versions.js';
import type { RunState } from './report.js';

/** Each key costs two transaction operations (its version record and its value). */
export const KEYS_PER_TRANSACTION = Math.floor(KVS_MAX_TRANSACTION_OPS / 2);

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
  /** Versions this instance knows stored (see known-versions.ts): known-stale operations cost no call. */
  known?: KnownVersions | undefined;
}

/** Where version reads (batchGet, a batch operation) ask before they are made and report back. */
export interface BatchReadBudget {
  allow(): boolean;
  spent(): void;
  refused(): void;
}

/** Reads stored versions; a failed read only means "unknown" (the write's condition still guards). */
async function readVersions(kvs: KvsPort, items: readonly Indexed[], run: RunState, budget?: BatchReadBudget, known?: KnownVersions): Promise<Map<string, string>> {
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
        known?.raise(item.key.slice(versionKey('').length), v);
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

/**
 * One conditional transaction for `group`. Returns true when the group was written by that one call.
 * On a refused condition: with the batch budget, read the versions and drop the stale keys; otherwise
 * split off the suspects (keys this instance has seen written: the hot ones) and write the rest in
 * one call. Versions only grow, so when the rest passes, its conditions held at the refused call too,
 * and a lone suspect must have been the refused one: stale, with no call of its own.
 */
async function applyGroup(kvs: KvsPort, group: readonly Indexed[], options: OrderedOptions, run: RunState, reread: boolean): Promise<boolean> {
  if (group.length === 0) return false;
  const units = groupUnits(group, true);
  if (!run.canCall() || !run.mayWrite(units)) {
    run.report.notAttempted.push(...indexesOf(group));
    return false;
  }
  run.report.calls.writes += 1;
  try {
    await kvs.transact(transaction(group, options));
    run.written(units);
    run.report.applied.push(...indexesOf(group));
    for (const { op } of group) options.known?.raise(op.k, op.s);
    return true;
  } catch (error) {
    const failure = classifyFailure(error);
    if (failure.kind === 'conflict' && group.length === 1) {
      run.report.stale.push(...indexesOf(group)); // the condition failed: a newer (or equal) version is stored
      for (const { op } of group) options.known?.raise(op.k, op.s);
      if (options.observeConflicts === true) await readVersions(kvs, group, run, options.batchReads, options.known);
    } else if (failure.kind === 'conflict') {
      await splitConflict(kvs, group, options, run, reread);
    } else if (failure.kind === 'permanent' && group.length > 1) {
      for (const x of group) await applyGroup(kvs, [x], options, run, false);
    } else if (failure.kind === 'permanent' && dropStale(group, await readVersions(kvs, group, run, options.batchReads, options.known), run).length === 0) {
      // A refused condition reported under an unexpected code: the stored version is newer, so skip.
    } else {
      run.fail(indexesOf(group), failure);
    }
    return false;
  }
}

/** A group's condition was refused: find the stale keys without retrying the group blind. */
async function splitConflict(kvs: KvsPort, group: readonly Indexed[], options: OrderedOptions, run: RunState, reread: boolean): Promise<void> {
  if (reread) {
    const rest = dropStale(group, await readVersions(kvs, group, run, options.batchReads, options.known), run);
    if (rest.length < group.length) {
      await applyGroup(kvs, rest, options, run, false);
      return;
    }
  }
  const suspects = group.filter((x) => options.known?.get(x.op.k) !== undefined);
  const rest = group.filter((x) => options.known?.get(x.op.k) === undefined);
  if (suspects.length === 0 || rest.length === 0) {
    for (const x of group) await applyGroup(kvs, [x], options, run, false);
    return;
  }
  const passed = await applyGroup(kvs, rest, options, run, false);
  if (passed && suspects.length === 1) {
    run.report.stale.push(...indexesOf(suspects));
    for (const { op } of suspects) options.known?.raise(op.k, op.s);
    return;
  }
  for (const x of suspects) await applyGroup(kvs, [x], options, run, false);
}

/** Ordered mode: conditional transactions of <= 12 keys (25 operations) packed to whole 10 KB units, stale writes skipped. */
export async function applyOrdered(kvs: KvsPort, items: readonly Indexed[], options: OrderedOptions, run: RunState): Promise<void> {
  let pending = items.filter((x) => {
    if (!knownStale(options.known, x.op.k, x.op.s)) return true;
    run.report.stale.push(x.i);
    return false;
  });
  if (options.readFirst && pending.length > 0 && run.canCall()) {
    pending = dropStale(pending, await readVersions(kvs, pending, run, options.batchReads, options.known), run);
  }
  for (const group of groupOperations(pending, KEYS_PER_TRANSACTION, true)) await applyGroup(kvs, group, options, run, true);
}
