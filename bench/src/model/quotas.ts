/** Per-installation platform quotas, as the emulator names them (CONTRACTS.md section 1). */
export interface Quotas {
  kvsRequestsPerSecond: number;
  kvsReadUnitsPerMinute: number;
  kvsWriteUnitsPerMinute: number;
  kvsKeyWriteBytesPerSecond: number;
  pushEventsPerMinute: number;
  invocationsPerMinute: number;
}

/** The documented defaults (forge-platform.md, page `limits-kvs-ce` and `limits-async-events`). */
export const DEFAULT_QUOTAS: Readonly<Quotas> = Object.freeze({
  kvsRequestsPerSecond: 1000,
  kvsReadUnitsPerMinute: 4000,
  kvsWriteUnitsPerMinute: 4000,
  kvsKeyWriteBytesPerSecond: 1024 * 1024,
  pushEventsPerMinute: 500,
  invocationsPerMinute: 5000,
});

export const QUOTA_NAMES = Object.keys(DEFAULT_QUOTAS) as Array<keyof Quotas>;

export function isQuotaName(name: string): name is keyof Quotas {
  return (QUOTA_NAMES as string[]).includes(name);
}

/** Scales the KVS quotas (requests, read/write units, per-key bytes) by `factor`, keeping at least 1 each. */
export function scaleKvsQuotas(quotas: Quotas, factor: number): Quotas {
  const scale = (value: number): number => Math.max(1, Math.floor(value * factor));
  return {
    ...quotas,
    kvsRequestsPerSecond: scale(quotas.kvsRequestsPerSecond),
    kvsReadUnitsPerMinute: scale(quotas.kvsReadUnitsPerMinute),
    kvsWriteUnitsPerMinute: scale(quotas.kvsWriteUnitsPerMinute),
    kvsKeyWriteBytesPerSecond: scale(quotas.kvsKeyWriteBytesPerSecond),
  };
}

/** One quota unit is 10 KB; every request is rounded up to whole units (at least one). */
export const UNIT_BYTES = 10 * 1024;

export function unitsFor(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / UNIT_BYTES));
}
