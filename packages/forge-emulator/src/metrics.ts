import type { InstallationMetrics, RateLimitedCall } from './types.js';

export function emptyMetrics(): InstallationMetrics {
  return {
    invocations: 0, gbSeconds: 0, pushes: 0, eventsPushed: 0, eventsDelivered: 0, eventsDropped: 0, retries: 0,
    kvsRequests: 0, kvsReadUnits: 0, kvsWriteUnits: 0, kvsBytesRead: 0, kvsBytesWritten: 0, rateLimited: 0,
    rateLimitedByCall: {},
  };
}

export function addMetrics(into: InstallationMetrics, from: InstallationMetrics): void {
  for (const k of Object.keys(into) as Array<keyof InstallationMetrics>) {
    if (k !== 'rateLimitedByCall') into[k] += from[k];
  }
  for (const [call, n] of Object.entries(from.rateLimitedByCall) as Array<[RateLimitedCall, number]>) {
    into.rateLimitedByCall[call] = (into.rateLimitedByCall[call] ?? 0) + n;
  }
}

/** A copy that shares nothing with the live counters. */
export function copyMetrics(m: InstallationMetrics): InstallationMetrics {
  return { ...m, rateLimitedByCall: { ...m.rateLimitedByCall } };
}

/** Counts one 429 (or refused invocation) of `call`. */
export function countRateLimited(m: InstallationMetrics, call: RateLimitedCall): void {
  m.rateLimited++;
  m.rateLimitedByCall[call] = (m.rateLimitedByCall[call] ?? 0) + 1;
}

const KVS_CALLS: Readonly<Record<string, RateLimitedCall>> = {
  get: 'get', set: 'set', delete: 'delete', query: 'query', transaction: 'transaction',
  'batch/get': 'batchGet', 'batch/set': 'batchSet', 'batch/delete': 'batchDelete',
};

/** The call kind of a KVS path (`/api/v1/batch/set` -> `batchSet`). */
export function kvsCallOf(path: string): RateLimitedCall {
  const rest = path.replace(/^\/api\/v1\//, '');
  if (rest.startsWith('secret/')) return 'secret';
  if (rest.startsWith('entity/')) return 'entity';
  return KVS_CALLS[rest] ?? 'get';
}

/** KVS quota units: every request's size rounded UP to 10 KB, at least one unit. */
export const UNIT_BYTES = 10 * 1024;
export function quotaUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / UNIT_BYTES));
}
