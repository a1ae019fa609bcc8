import { classifyFailure } from '../classify.js';
import { KVS_MAX_BATCH_KEYS } from '../limits.js';
import { isDelete, type SetOperation } from '../operation.js';
import type { BatchResult, KvsPort } from '../ports.js';
import { groupOperations, groupUnits, indexesOf, type Indexed } from './groups.js';
import type { BatchReadBudget } from './ordered.js';
import type { RunState } from './report.js';
import { chooseUnorderedCall, type UnorderedCall } from './unordered-call.js';

/**
 * Unordered mode: sets and deletes in groups of <= 25 keys, each group written by the call
 * chooseUnorderedCall picks: one key a single `set`/`delete`; several keys a `batchSet`/`batchDelete`
 * while the batch operations budget (`batches`, the one the ordered path's version reads ask)
 * allows, else one transaction. Only keys a batch reports as failed are marked failed; the rest of
 * the batch counts as applied. A single write or a transaction is all or nothing.
 */
export async function applyUnordered(kvs: KvsPort, items: readonly Indexed[], run: RunState, batches?: BatchReadBudget): Promise<void> {
  const sets = items.filter((x) => !isDelete(x.op));
  const deletes = items.filter((x) => isDelete(x.op));
  const groups = [
    ...groupOperations(sets, KVS_MAX_BATCH_KEYS, false).map((g) => ({ g, del: false })),
    ...groupOperations(deletes, KVS_MAX_BATCH_KEYS, false).map((g) => ({ g, del: true })),
  ];
  for (const { g, del } of groups) await applyGroup(kvs, g, del, run, batches);
}

const setItem = (x: Indexed) => {
  const op = x.op as SetOperation;
  return { key: op.k, value: op.v, ttl: op.t };
};

/** Makes the chosen call; a single write or a transaction either throws or wrote every key. */
async function call(kvs: KvsPort, group: readonly Indexed[], del: boolean, kind: UnorderedCall): Promise<BatchResult> {
  const all: BatchResult = { successfulKeys: group.map((x) => ({ key: x.op.k })), failedKeys: [] };
  if (kind === 'batch') {
    if (del) return kvs.batchDelete(group.map((x) => ({ key: x.op.k })));
    return kvs.batchSet(group.map(setItem));
  }
  if (kind === 'transaction') {
    await kvs.transact(del ? { sets: [], deletes: group.map((x) => ({ key: x.op.k })) } : { sets: group.map(setItem), deletes: [] });
    return all;
  }
  const [only] = group;
  if (only === undefined) return all;
  if (del) await kvs.delete(only.op.k);
  else {
    const { key, value, ttl } = setItem(only);
    await kvs.set(key, value, ttl === undefined ? undefined : { ttl });
  }
  return all;
}

async function applyGroup(kvs: KvsPort, group: readonly Indexed[], del: boolean, run: RunState, batches?: BatchReadBudget): Promise<void> {
  const units = groupUnits(group, false);
  if (!run.canCall() || !run.mayWrite(units)) {
    run.report.notAttempted.push(...indexesOf(group));
    return;
  }
  // Asked only now that the call will be made: a held-back group takes no batch operation.
  const kind = chooseUnorderedCall(group.length, batches === undefined ? undefined : () => batches.allow());
  run.report.calls.writes += 1;
  let result: BatchResult;
  try {
    result = await call(kvs, group, del, kind);
    if (kind === 'batch') batches?.spent();
  } catch (error) {
    const failure = classifyFailure(error);
    if (kind === 'batch' && failure.kind === 'rate-limited') batches?.refused();
    if (failure.kind === 'permanent' && group.length > 1) {
      // One bad item fails the whole call: isolate it by writing one key at a time.
      for (const x of group) await applyGroup(kvs, [x], del, run, batches);
      return;
    }
    run.fail(indexesOf(group), failure);
    return;
  }
  run.written(units);
  const failedKeys = new Set<string>();
  for (const f of result.failedKeys) {
    const item = group.find((x) => x.op.k === f.key);
    if (item === undefined) continue;
    failedKeys.add(f.key);
    run.fail([item.i], classifyFailure(f.error));
  }
  for (const x of group) if (!failedKeys.has(x.op.k)) run.report.applied.push(x.i);
}
