import { RETRY_DATA_MAX_BYTES, utf8Bytes } from './limits.js';

/**
 * What a consumer hands its next attempt through `InvocationError.retryData` (<= 4 KB):
 * the attempt count, the last delay and which operations are already settled (a bitmap), so a retry
 * touches only what failed. Without the bitmap (too many operations) ordered mode still skips
 * settled operations by their version records.
 */
export interface RetryData {
  qs: 1;
  /** Failed attempts so far, over all lives of the event. */
  attempts: number;
  lastDelayMs: number;
  lastError: string;
  /** Base64 bitmap: bit i set = operation i is settled (applied, stale or dead-lettered). */
  settled?: string;
  /** The event's invalid operations are already dead-lettered. */
  invalidDone?: boolean;
  /** The write units per minute the sender's pacer estimated (a fresh runtime instance starts from it). */
  w?: number;
}

export function encodeSettled(settled: ReadonlySet<number>, count: number): string {
  const bytes = Buffer.alloc(Math.ceil(count / 8));
  for (const i of settled) {
    if (i >= 0 && i < count) bytes[i >> 3] = (bytes[i >> 3] ?? 0) | (1 << (i & 7));
  }
  return bytes.toString('base64');
}

export function decodeSettled(bitmap: string, count: number): Set<number> {
  const bytes = Buffer.from(bitmap, 'base64');
  const out = new Set<number>();
  for (let i = 0; i < count; i++) if (((bytes[i >> 3] ?? 0) >> (i & 7)) & 1) out.add(i);
  return out;
}

/** Builds retryData within the 4 KB limit (drops the bitmap first, then trims the error code). */
export function buildRetryData(data: Omit<RetryData, 'qs' | 'settled'>, settled: ReadonlySet<number>, opCount: number): RetryData {
  const base: RetryData = { qs: 1, ...data, lastError: data.lastError.slice(0, 100) };
  const withBitmap: RetryData = { ...base, settled: encodeSettled(settled, opCount) };
  return utf8Bytes(JSON.stringify(withBitmap)) <= RETRY_DATA_MAX_BYTES ? withBitmap : base;
}

/** Reads retryData defensively (it may come from another version or another library). */
export function parseRetryData(value: unknown): RetryData | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (v.qs !== 1 || typeof v.attempts !== 'number' || !Number.isFinite(v.attempts)) return undefined;
  const out: RetryData = {
    qs: 1,
    attempts: Math.max(0, Math.floor(v.attempts)),
    lastDelayMs: typeof v.lastDelayMs === 'number' && Number.isFinite(v.lastDelayMs) ? v.lastDelayMs : 0,
    lastError: typeof v.lastError === 'string' ? v.lastError : 'UNKNOWN',
  };
  if (typeof v.settled === 'string') out.settled = v.settled;
  if (v.invalidDone === true) out.invalidDone = true;
  if (typeof v.w === 'number' && Number.isFinite(v.w) && v.w >= 1) out.w = Math.floor(v.w);
  return out;
}
