/** Platform limits (see the Forge docs pages `limits-kvs-ce` and `limits-async-events`). */
export const KVS_MAX_KEY_LENGTH = 500;
export const KVS_KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/;
export const KVS_MAX_VALUE_BYTES = 240 * 1024;
export const KVS_MAX_DEPTH = 31;
export const KVS_MAX_BATCH_KEYS = 25;
export const KVS_MAX_TRANSACTION_OPS = 25;
export const KVS_MAX_TTL_SECONDS = 365 * 24 * 3600;

export const PUSH_MAX_EVENTS = 50;
export const PUSH_MAX_BYTES = 200 * 1024;
export const EVENT_MAX_BYTES_LONG_CONSUMER = 100 * 1024;
export const RETRY_DATA_MAX_BYTES = 4 * 1024;
export const MAX_DELAY_SECONDS = 900;

/** Keys starting with this are the library's own (dead letters, version records). */
export const RESERVED_PREFIX = '__qs:';
export const MAX_USER_KEY_LENGTH = KVS_MAX_KEY_LENGTH - RESERVED_PREFIX.length;

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
