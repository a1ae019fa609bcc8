import { classifyFailure } from '../classify.js';
import { KVS_MAX_BATCH_KEYS } from '../limits.js';
import { isDelete, type SetOperation } from '../operation.js';
import type { BatchResult, KvsPort } from '../ports.js';
import { groupOperations, groupUnits, indexesOf, type Indexed } from './groups.js';
import type { RunState } from './report.js';

/**
 * Unordered mode: sets with batchSet, deletes with batchDelete, <= 25 keys a call. Only keys the
 * store reports as failed are marked failed; the rest of the batch counts as applied.
 */
export async function applyUnordered(kvs: KvsPort, items: readonly Indexed[], run: RunState): Promise<void> {
  const sets = items.filter((x) => !isDelete(x.op));
  const deletes = items.filter((x) => isDelete(x.op));
  const groups = [
    ...groupOperations(sets, KVS_MAX_BATCH_KEYS, false).map((g) => ({ g, del: false })),
    ...groupOperations(deletes, KVS_MAX_BATCH_KEYS, false).map((g) => ({ g, del: true })),
  ];
  for (const { g, del } of groups) await applyGroup(kvs, g, del, run);
}

function call(kvs: KvsPort, group: readonly Indexed[], del: boolean): Promise<BatchResult> {
  if (del) return kvs.batchDelete(group.map((x) => ({ key: x.op.k })));
  return kvs.batchSet(
    group.map((x) => {
      const op = x.op as SetOperation;
      return { key: op.k, value: op.v, ttl: op.t };
    }),
  );
}

async function applyGroup(kvs: KvsPort, group: readonly Indexed[], del: boolean, run: RunState): Promise<void> {
  const units = groupUnits(group, false);
  if (!run.canCall() || !run.mayWrite(units)) {
    run.report.notAttempted.push(...indexesOf(group));
    return;
  }
  run.report.calls.writes += 1;
  let result: BatchResult;
  try {
    result = await call(kvs, group, del);
  } catch (error) {
    const failure = classifyFailure(error);
    if (failure.kind === 'permanent' && group.length > 1) {
      // One bad item fails the whole call: isolate it by writing one key at a time.
      for (const x of group) await applyGroup(kvs, [x], del, run);
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
