import { errorAnswer, type PlatformAnswer } from '../http/response.js';

/** KVS key and value rules (storage limits pages; codes from "Error handling for the Key-Value Store"). */
export const MAX_KEY_LENGTH = 500;
export const MAX_VALUE_BYTES = 240 * 1024;
/** Nesting levels, the top-level object or array counting as 1. */
export const MAX_DEPTH = 32;
export const MAX_BATCH_ITEMS = 25;
export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;
const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/;

export function checkKey(key: unknown): PlatformAnswer | undefined {
  if (typeof key !== 'string' || key.length === 0) return errorAnswer(400, 'KEY_TOO_SHORT', 'The provided key needs to be at least one character');
  if (key.length > MAX_KEY_LENGTH) return errorAnswer(400, 'KEY_TOO_LONG', `The provided key has exceeded the maximum ${MAX_KEY_LENGTH} characters`);
  if (!KEY_PATTERN.test(key)) return errorAnswer(400, 'INVALID_KEY', 'The provided key does not match the regex: /^(?!\\s+$)[a-zA-Z0-9:._\\s-#]+$/');
  return undefined;
}

/** Validates a value; returns its JSON byte size or an error answer. */
export function checkValue(value: unknown): PlatformAnswer | number {
  if (value === null || value === undefined) return errorAnswer(400, 'BAD_REQUEST', 'Provided request body is invalid: value is required and cannot be null');
  if (depthOf(value, 0) > MAX_DEPTH) return errorAnswer(400, 'MAX_DEPTH', `The provided value has exceeded the maximum object depth (${MAX_DEPTH}) limit`);
  const size = byteSize(value);
  if (size > MAX_VALUE_BYTES) return errorAnswer(400, 'MAX_SIZE', 'The provided value has exceeded the maximum size limit');
  return size;
}

export function byteSize(value: unknown): number {
  const json = JSON.stringify(value) as string | undefined;
  return json === undefined ? 0 : Buffer.byteLength(json);
}

function depthOf(value: unknown, level: number): number {
  if (typeof value !== 'object' || value === null) return level;
  if (level >= MAX_DEPTH + 1) return level + 1;
  let max = level + 1;
  for (const child of Object.values(value)) {
    const d = depthOf(child, level + 1);
    if (d > max) max = d;
  }
  return max;
}

export function ttlMs(ttl: unknown): number | PlatformAnswer | undefined {
  if (ttl === undefined) return undefined;
  const t = ttl as { value?: unknown; unit?: unknown };
  const unit = typeof t.unit === 'string' ? UNIT_MS[t.unit] : undefined;
  if (typeof t.value !== 'number' || !(t.value > 0) || unit === undefined) return errorAnswer(400, 'INVALID_TTL', 'The provided ttl is invalid');
  const ms = t.value * unit;
  if (ms > 366 * 86_400_000) return errorAnswer(400, 'INVALID_TTL', 'The provided ttl exceeds the maximum of 1 year');
  return ms;
}

const UNIT_MS: Record<string, number> = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 };
