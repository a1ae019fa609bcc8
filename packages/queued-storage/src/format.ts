import { isStamp } from './hlc.js';
import type { Operation } from './operation.js';
import { validateKey, validateTtl, validateValue } from './validate.js';

/** Event bodies carry `qs: FORMAT_VERSION`; a consumer dead-letters any other version. */
export const FORMAT_VERSION = 1;

/** What earlier lives of a re-driven event went through. */
export interface History {
  /** Delivery attempts that failed so far, over all lives. */
  attempts: number;
  /** How many times the event was pushed again as a fresh event. */
  redrives: number;
  /** Code of the last error (never a value). */
  lastError?: string | undefined;
  /** The last backoff delay, ms (decorrelated jitter grows from it). */
  lastDelayMs?: number | undefined;
  /**
   * The platform's retention window length known when this life was pushed (told by a retry or
   * learned), so a consumer instance that has seen no retry yet plans inside it.
   */
  windowMs?: number | undefined;
}

export interface EventBody {
  qs: typeof FORMAT_VERSION;
  /** Unique per event (dead letters and logs name it). */
  id: string;
  /** When the first operation of this event was first queued (epoch ms); kept across re-drives. */
  at: number;
  /** When this life of the event was pushed (epoch ms); estimates the retention window left. */
  q?: number;
  ops: Operation[];
  /**
   * Operations an earlier life could not read and has not dead-lettered yet, as they were received:
   * they travel with the event in every life until their dead letter is stored.
   */
  u?: unknown[];
  h?: History;
  /**
   * A malformed event carried on while its dead letter cannot be stored (KVS throttled): the reason
   * and the original body as text. Such an event has no operations.
   */
  m?: { reason: string; raw: string };
}

export interface InvalidOperation {
  index: number;
  op: unknown;
  reason: string;
}

export type ParsedEvent =
  | { ok: true; body: EventBody; invalid: InvalidOperation[] }
  | { ok: false; reason: string; carried?: { id: string; at: number; raw: string; h: History | undefined } };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Why `op` is not a valid operation, or undefined when it is. */
export function operationProblem(op: unknown): string | undefined {
  if (!isRecord(op)) return 'operation is not an object';
  if (!isStamp(op.s)) return 'operation has no valid stamp `s`';
  try {
    validateKey(op.k);
    if ('d' in op) {
      if (op.d !== 1 || 'v' in op) return 'delete operation must be { k, s, d: 1 }';
      return undefined;
    }
    if (!('v' in op)) return 'operation has neither a value `v` nor `d: 1`';
    validateValue(op.v, op.k);
    if (op.t !== undefined) validateTtl(op.t, op.k);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function parseHistory(h: unknown): History | undefined {
  if (!isRecord(h)) return undefined;
  const attempts = typeof h.attempts === 'number' && h.attempts >= 0 ? Math.floor(h.attempts) : 0;
  const redrives = typeof h.redrives === 'number' && h.redrives >= 0 ? Math.floor(h.redrives) : 0;
  return {
    attempts,
    redrives,
    lastError: typeof h.lastError === 'string' ? h.lastError.slice(0, 100) : undefined,
    lastDelayMs: typeof h.lastDelayMs === 'number' && Number.isFinite(h.lastDelayMs) ? h.lastDelayMs : undefined,
    windowMs: typeof h.windowMs === 'number' && Number.isFinite(h.windowMs) && h.windowMs > 0 ? h.windowMs : undefined,
  };
}

/** Reads an event body defensively: never throws. Invalid operations are listed, not fatal. */
export function parseEventBody(body: unknown): ParsedEvent {
  if (!isRecord(body)) return { ok: false, reason: `event body is ${Array.isArray(body) ? 'an array' : typeof body}, not an object` };
  if (!('qs' in body)) return { ok: false, reason: 'event body is not a queued-storage event (no `qs` field)' };
  if (body.qs !== FORMAT_VERSION) return { ok: false, reason: `unknown event format version ${typeof body.qs === 'string' ? JSON.stringify(body.qs) : String(body.qs)}` };
  if (typeof body.id !== 'string' || body.id.length === 0 || body.id.length > 100) return { ok: false, reason: 'event body has no valid `id`' };
  if (typeof body.at !== 'number' || !Number.isFinite(body.at)) return { ok: false, reason: 'event body has no valid `at` time' };
  if (isRecord(body.m) && typeof body.m.reason === 'string' && typeof body.m.raw === 'string') {
    return { ok: false, reason: body.m.reason, carried: { id: body.id, at: body.at, raw: body.m.raw, h: parseHistory(body.h) } };
  }
  if (!Array.isArray(body.ops)) return { ok: false, reason: 'event body has no `ops` array' };
  const ops: Operation[] = [];
  const invalid: InvalidOperation[] = [];
  const rawOps: unknown[] = body.ops;
  rawOps.forEach((op, index) => {
    const problem = operationProblem(op);
    if (problem === undefined) ops.push(op as Operation);
    else invalid.push({ index, op, reason: problem });
  });
  const carried: unknown[] = Array.isArray(body.u) ? body.u : [];
  carried.forEach((op, j) => {
    invalid.push({ index: rawOps.length + j, op, reason: operationProblem(op) ?? 'operation carried as unreadable' });
  });
  const h = parseHistory(body.h);
  const parsed: EventBody = { qs: FORMAT_VERSION, id: body.id, at: body.at, ops };
  if (typeof body.q === 'number' && Number.isFinite(body.q)) parsed.q = body.q;
  if (h) parsed.h = h;
  return { ok: true, body: parsed, invalid };
}
