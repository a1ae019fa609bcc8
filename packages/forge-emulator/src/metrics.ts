import type { InstallationMetrics } from './types.js';

export function emptyMetrics(): InstallationMetrics {
  return {
    invocations: 0, gbSeconds: 0, pushes: 0, eventsPushed: 0, eventsDelivered: 0, eventsDropped: 0, retries: 0,
    kvsRequests: 0, kvsReadUnits: 0, kvsWriteUnits: 0, kvsBytesRead: 0, kvsBytesWritten: 0, rateLimited: 0,
  };
}

export function addMetrics(into: InstallationMetrics, from: InstallationMetrics): void {
  for (const k of Object.keys(into) as Array<keyof InstallationMetrics>) into[k] += from[k];
}

/** KVS quota units: every request's size rounded UP to 10 KB, at least one unit. */
export const UNIT_BYTES = 10 * 1024;
export function quotaUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / UNIT_BYTES));
}
