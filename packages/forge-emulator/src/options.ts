import { DEFAULT_QUOTAS } from './quota/meter.js';
import type { FixtureSiteOptions } from './product/types.js';
import type { EmulatorOptions, FaultOptions, Quotas } from './types.js';

export interface ResolvedOptions {
  seed: number;
  clock: 'virtual' | 'real';
  quotas: Quotas;
  quotaWindow: 'fixed' | 'sliding';
  faults: FaultOptions;
  maxRetries: number;
  retentionMs: number;
  concurrency: number;
  persistPath: string | undefined;
  attemptLogLimit: number;
  defaultMemoryMB: number;
  invocationOverheadMs: number;
  site: FixtureSiteOptions | undefined;
  egress: 'enforce' | 'allow-all';
}

export const DEFAULT_RETENTION_MS = 24 * 3_600_000;
/** Virtual clock start: 2026-01-01T00:00:00Z, so runs are reproducible. */
export const VIRTUAL_EPOCH_MS = Date.UTC(2026, 0, 1);

function nonNegInt(name: string, v: unknown, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new TypeError(`[forge-emulator] ${name} must be a non-negative integer, got ${JSON.stringify(v)}`);
  return v;
}

function rate(name: string, v: unknown): void {
  if (v !== undefined && (typeof v !== 'number' || !(v >= 0 && v <= 1))) throw new TypeError(`[forge-emulator] faults.${name} must be within 0..1`);
}

export function resolveOptions(o: EmulatorOptions = {}): ResolvedOptions {
  if (o.clock !== undefined && !['virtual', 'real'].includes(o.clock)) throw new TypeError("[forge-emulator] clock must be 'virtual' or 'real'");
  if (o.quotaWindow !== undefined && !['fixed', 'sliding'].includes(o.quotaWindow)) throw new TypeError("[forge-emulator] quotaWindow must be 'fixed' or 'sliding'");
  if (o.egress !== undefined && !['enforce', 'allow-all'].includes(o.egress)) throw new TypeError("[forge-emulator] egress must be 'enforce' or 'allow-all'");
  const quotas: Quotas = { ...DEFAULT_QUOTAS };
  for (const [k, v] of Object.entries(o.quotas ?? {})) {
    if (!(k in DEFAULT_QUOTAS)) throw new TypeError(`[forge-emulator] unknown quota '${k}'`);
    if (typeof v !== 'number' || !(v > 0)) throw new TypeError(`[forge-emulator] quota ${k} must be a positive number`);
    quotas[k as keyof Quotas] = v;
  }
  const f = o.faults ?? {};
  for (const k of ['kvs5xxRate', 'push5xxRate', 'timeoutRate', 'duplicateRate', 'pushPartialFailureRate'] as const) rate(k, f[k]);
  if (typeof f.reorder === 'number') rate('reorder', f.reorder);
  const concurrency = nonNegInt('delivery.concurrency', o.delivery?.concurrency, 64);
  if (concurrency === 0) throw new TypeError('[forge-emulator] delivery.concurrency must be >= 1');
  return {
    seed: nonNegInt('seed', o.seed, 1),
    clock: o.clock ?? 'virtual',
    quotas,
    quotaWindow: o.quotaWindow ?? 'fixed',
    faults: f,
    maxRetries: nonNegInt('delivery.maxRetries', o.delivery?.maxRetries, 4),
    retentionMs: nonNegInt('delivery.retentionMs', o.delivery?.retentionMs, DEFAULT_RETENTION_MS),
    concurrency,
    persistPath: o.persistPath,
    attemptLogLimit: nonNegInt('attemptLogLimit', o.attemptLogLimit, 10_000),
    defaultMemoryMB: nonNegInt('defaultMemoryMB', o.defaultMemoryMB, 512),
    invocationOverheadMs: nonNegInt('invocationOverheadMs', o.invocationOverheadMs, 100),
    site: o.site,
    egress: o.egress ?? 'enforce',
  };
}
