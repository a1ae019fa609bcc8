import { VIRTUAL_EPOCH_MS, type QuotaUsage } from '@forge-queue/forge-emulator';
import { describe, expect, test } from 'vitest';
import { type QuotaKind, quotasSpent, refusedQuotas } from '../src/run/quotas.js';

const usage = (patch: Partial<Record<QuotaKind, number>>): QuotaUsage[] => [
  { quota: 'kvsRequestsPerSecond', used: patch.kvsRequestsPerSecond ?? 0, limit: 1000, windowMs: 1_000 },
  { quota: 'kvsReadUnitsPerMinute', used: patch.kvsReadUnitsPerMinute ?? 0, limit: 4000, windowMs: 60_000 },
  { quota: 'kvsWriteUnitsPerMinute', used: patch.kvsWriteUnitsPerMinute ?? 0, limit: 4000, windowMs: 60_000 },
  { quota: 'kvsBatchOperationsPerMinute', used: patch.kvsBatchOperationsPerMinute ?? 0, limit: 45, windowMs: 60_000 },
  { quota: 'pushEventsPerMinute', used: patch.pushEventsPerMinute ?? 0, limit: 500, windowMs: 60_000 },
];
const NOW = VIRTUAL_EPOCH_MS + 5 * 60_000;
const PUSH = '/webhook/queue/publish/{contextAri}/{environmentId}/{appId}/{appVersion}';

describe('which quota refused a 429 (the checker counts unhonoured 429s per quota)', () => {
  test.each<[string, string, QuotaKind[]]>([
    ['a batchGet', '/api/v1/batch/get', ['storm', 'kvsRequestsPerSecond', 'kvsReadUnitsPerMinute', 'kvsBatchOperationsPerMinute']],
    ['a transaction (no batch operation)', '/api/v1/transaction', ['storm', 'kvsRequestsPerSecond', 'kvsWriteUnitsPerMinute']],
    ['a set', '/api/v1/set', ['storm', 'kvsRequestsPerSecond', 'kvsWriteUnitsPerMinute']],
    ['a push', PUSH, ['pushEventsPerMinute']],
  ])('quotasSpent: %s', (_name, path, quotas) => {
    expect(quotasSpent(path)).toEqual(quotas);
  });

  test.each<[string, string, Partial<Record<QuotaKind, number>>, boolean, QuotaKind[]]>([
    ['inside a storm: the storm', '/api/v1/batch/get', { kvsBatchOperationsPerMinute: 45 }, true, ['storm']],
    ['the 46th batch operation of the minute (soak seed 90000244)', '/api/v1/batch/get', { kvsBatchOperationsPerMinute: 45 }, false, ['kvsBatchOperationsPerMinute']],
    ['requests per second used up', '/api/v1/set', { kvsRequestsPerSecond: 1000 }, false, ['kvsRequestsPerSecond']],
    ['no count quota full, a write: its write units did not fit', '/api/v1/set', { kvsWriteUnitsPerMinute: 3990 }, false, ['kvsWriteUnitsPerMinute']],
    ['no count quota full, a read: its read units', '/api/v1/batch/get', { kvsBatchOperationsPerMinute: 10 }, false, ['kvsReadUnitsPerMinute']],
    ['a push: the push events quota, storm or not', PUSH, {}, true, ['pushEventsPerMinute']],
  ])('refusedQuotas: %s', (_name, path, used, storm, quotas) => {
    const storms = storm ? [{ startMs: 0, durationMs: 10 * 60_000 }] : [{ startMs: 20 * 60_000, durationMs: 60_000 }];
    expect(refusedQuotas(path, NOW, { storms, usage: usage(used) })).toEqual(quotas);
  });
});
