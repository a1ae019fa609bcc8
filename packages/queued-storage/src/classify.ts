/**
 * Sorts a failure into what happens next (the BullMQ model: retry, give up, or resolve a conflict).
 * Works on any error-like value by `code`, HTTP status and `name`/constructor name, never `instanceof`,
 * so it reads errors from any copy of the Forge SDKs (and from the in-memory fake).
 */
export type FailureKind =
  /** Throttled: 429 RATE_LIMIT_EXCEEDED / TOO_MANY_REQUESTS, push RateLimitError. Retry later. */
  | 'rate-limited'
  /** Server or network trouble: 5xx, InternalServerError, ECONNRESET... Retry later. */
  | 'transient'
  /** A transaction condition failed: a newer version is stored (or a concurrent writer won). */
  | 'conflict'
  /** The request itself is wrong (4xx, key/value rules): retrying cannot help. */
  | 'permanent';

export interface Failure {
  kind: FailureKind;
  /** Stable short code for logs and dead letters (never contains a value). */
  code: string;
  message: string;
}

const RATE_LIMIT_CODES = new Set(['RATE_LIMIT_EXCEEDED', 'TOO_MANY_REQUESTS', 'RateLimitError', 'FUNCTION_UPSTREAM_RATE_LIMITED']);
const TRANSIENT_CODES = new Set([
  'INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE', 'BAD_GATEWAY', 'GATEWAY_TIMEOUT', 'UNKNOWN_ERROR', 'TIMEOUT',
  'InternalServerError', 'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND',
  'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'FetchError', 'AbortError',
]);
const CONFLICT_PATTERN = /CONDITION|CONFLICT|PRECONDITION/i;

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function statusOf(error: unknown): number | undefined {
  const candidates = [field(error, 'status'), field(error, 'statusCode'), field(field(error, 'responseDetails'), 'status')];
  for (const c of candidates) if (typeof c === 'number') return c;
  return undefined;
}

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (const c of [field(error, 'code'), field(error, 'errorCode'), field(field(error, 'cause'), 'code')]) {
    if (typeof c === 'string' || typeof c === 'number') codes.push(String(c));
  }
  const name = field(error, 'name');
  if (typeof name === 'string' && name !== 'Error') codes.push(name);
  if (typeof error === 'object' && error !== null && error.constructor.name !== 'Error' && error.constructor.name !== 'Object') {
    codes.push(error.constructor.name);
  }
  return codes;
}

function messageOf(error: unknown): string {
  const m = field(error, 'message');
  return (typeof m === 'string' ? m : String(error)).slice(0, 300);
}

/** Classifies a thrown error or a failed batch item (`{ code, message }`). */
export function classifyFailure(error: unknown): Failure {
  const codes = codesOf(error);
  const status = statusOf(error);
  const code = codes[0] ?? (status === undefined ? 'UNKNOWN' : `HTTP_${status}`);
  const message = messageOf(error);
  const has = (set: Set<string>) => codes.some((c) => set.has(c));
  if (status === 429 || has(RATE_LIMIT_CODES)) return { kind: 'rate-limited', code, message };
  if (status === 409 || codes.some((c) => CONFLICT_PATTERN.test(c))) return { kind: 'conflict', code, message };
  if ((status !== undefined && status >= 500) || has(TRANSIENT_CODES)) return { kind: 'transient', code, message };
  if (status !== undefined && status >= 400) return { kind: 'permanent', code, message };
  if (codes.some((c) => /^(INVALID|BAD_REQUEST|VALUE_|KEY_|PAYLOAD_TOO|MAX_|TOO_LARGE|DUPLICATE)/.test(c))) {
    return { kind: 'permanent', code, message };
  }
  // An unknown failure (a bug, an unexpected reply) is retried: the maximum age bounds it, then it
  // becomes a dead letter, so nothing is lost either way.
  return { kind: 'transient', code, message };
}

export function isRetryable(failure: Failure): boolean {
  return failure.kind === 'rate-limited' || failure.kind === 'transient';
}
