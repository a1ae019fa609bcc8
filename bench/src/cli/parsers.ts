import { isQuotaName, type Quotas } from '../model/quotas.js';
import type { FaultSpec } from '../scenarios/types.js';
import { UsageError } from './errors.js';

export function parseCount(name: string, text: string, { allowZero = true } = {}): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new UsageError(`--${name} must be a whole number${allowZero ? '' : ' above 0'}, got "${text}"`);
  }
  return value;
}

/** "90", "90s", "1.5m", "2h" -> ms. */
export function parseDuration(name: string, text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (match === null) throw new UsageError(`--${name} must be a duration like 60s, 1.5m or 2h, got "${text}"`);
  const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] as 'ms' | 's' | 'm' | 'h' | undefined ?? 's'];
  return Math.round(Number(match[1]) * factor);
}

function splitPair(option: string, text: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0) throw new UsageError(`--${option} takes name=value, got "${text}"`);
  return [text.slice(0, at).trim(), text.slice(at + 1).trim()];
}

export function parseQuotas(pairs: readonly string[]): Partial<Quotas> {
  const quotas: Partial<Quotas> = {};
  for (const pair of pairs) {
    const [name, text] = splitPair('quota', pair);
    if (!isQuotaName(name)) throw new UsageError(`--quota: unknown quota "${name}"`);
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0) throw new UsageError(`--quota ${name} must be a positive number, got "${text}"`);
    quotas[name] = value;
  }
  return quotas;
}

const FAULT_NAMES: Record<string, keyof FaultSpec> = {
  kvs5xx: 'kvs5xxRate',
  push5xx: 'push5xxRate',
  duplicate: 'duplicateRate',
  timeout: 'timeoutRate',
  reorder: 'reorder',
  'push-partial': 'pushPartialFailureRate',
};

export const FAULT_HELP = Object.keys(FAULT_NAMES).join(', ');

export function parseFaults(pairs: readonly string[]): FaultSpec {
  const faults: FaultSpec = {};
  for (const pair of pairs) {
    const [name, text] = splitPair('fault', pair);
    const field = FAULT_NAMES[name];
    if (field === undefined) throw new UsageError(`--fault: unknown fault "${name}" (known: ${FAULT_HELP})`);
    const value = Number(text);
    if (!Number.isFinite(value) || value < 0 || value > 1) throw new UsageError(`--fault ${name} must be a probability 0..1, got "${text}"`);
    faults[field] = value;
  }
  return faults;
}
