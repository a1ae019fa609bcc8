// The platform quotas are the emulator's: same names, same documented defaults, same 10 KB unit.
import { DEFAULT_QUOTAS, quotaUnits, type Quotas } from '@forge-queue/forge-emulator';

export { DEFAULT_QUOTAS, type Quotas };

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

/** Quota units of one request of `bytes`: rounded up to whole 10 KB units, at least one. */
export const unitsFor = quotaUnits;
