import type { Operation } from '../operation.js';
import type { KvsPort } from '../ports.js';
import type { Ttl } from '../validate.js';
import type { KnownVersions } from './known-versions.js';
import { applyOrdered, type BatchReadBudget } from './ordered.js';
import { emptyReport, RunState, type ApplyControl, type ApplyReport } from './report.js';
import { applyUnordered } from './unordered.js';

export type { ApplyControl, ApplyReport } from './report.js';
export { KEYS_PER_TRANSACTION, type BatchReadBudget } from './ordered.js';
export { writeUnitsOf } from './groups.js';
export { createKnownVersions, knownVersionsByInstallation, type KnownVersions, type KnownVersionsByInstallation } from './known-versions.js';

export interface ApplyOptions extends ApplyControl {
  ordered: boolean;
  readFirst: boolean;
  versionTtl?: Ttl | undefined;
  /** Ordered mode: read the winning version of a refused key (see OrderedOptions). */
  observeConflicts?: boolean | undefined;
  /**
   * The batch operations budget (45 a minute): ordered mode's version reads ask it first; unordered
   * mode writes a group of several keys in a batch only while it allows, else in a transaction.
   */
  batchReads?: BatchReadBudget | undefined;
  /** Ordered mode: versions the caller's instance knows stored (known-stale operations cost no call). */
  known?: KnownVersions | undefined;
  /** Only these operation indexes (default all). */
  only?: readonly number[] | undefined;
}

/**
 * Writes operations to KVS with as few calls as the limits allow and reports each one's fate.
 * Used by the consumer and by the producer's direct path, so both obey ordered mode.
 * Expects at most one operation per key (coalesce first).
 */
export async function applyOperations(kvs: KvsPort, ops: readonly Operation[], options: ApplyOptions): Promise<ApplyReport> {
  const report = emptyReport();
  const run = new RunState(report, options);
  const only = options.only ? new Set(options.only) : undefined;
  const items = ops.map((op, i) => ({ i, op })).filter((x) => only === undefined || only.has(x.i));
  if (options.ordered) await applyOrdered(kvs, items, { readFirst: options.readFirst, versionTtl: options.versionTtl, observeConflicts: options.observeConflicts, batchReads: options.batchReads, known: options.known }, run);
  else await applyUnordered(kvs, items, run, options.batchReads);
  return report;
}
