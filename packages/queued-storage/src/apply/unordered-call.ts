/**
 * Which KVS call writes one unordered group (sets or deletes of distinct keys, <= 25).
 *
 * What each costs under the limits in force (../shared/reference/forge-platform.md):
 * - `single`: `set`/`delete`, one request, no batch operation. For one key nothing is cheaper.
 * - `batch`: `batchSet`/`batchDelete`, one request billed as one (units rounded up once), and one of
 *   the 45 batch operations a minute per installation. Reports per-key failures.
 * - `transaction`: `transact` of <= 25 operations, one request billed the same units as the batch,
 *   and no batch operation; all or nothing.
 *
 * So: one key goes single; several keys go in a batch while the batch-operations budget allows
 * (taken before the call, like the ordered path's version reads), else in one transaction.
 * Without a budget (no pacing hook; the consumer and producer always give one) every group is a
 * batch, as before this choice existed.
 */
export type UnorderedCall = 'single' | 'batch' | 'transaction';

/**
 * `takeBatch` is asked only when a batch would be chosen, and takes one batch operation when it
 * says yes; undefined means no budget is kept.
 */
export function chooseUnorderedCall(keys: number, takeBatch?: () => boolean): UnorderedCall {
  if (takeBatch === undefined) return 'batch';
  if (keys <= 1) return 'single';
  if (takeBatch()) return 'batch';
  return 'transaction';
}
