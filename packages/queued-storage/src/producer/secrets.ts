import { classifyFailure, isRetryable } from '../classify.js';
import { SecretsNotQueuedError, SecretWriteFailedError } from '../errors.js';
import type { KvsPort } from '../ports.js';
import { validateKey, validateValue } from '../validate.js';

/** Writes one secret; undefined when secrets are refused (the producer's default). */
export type SecretWriter = (key: string, value: unknown) => Promise<void>;

/** Validates a secret write: the refusal first (the rule matters more than the key), then key and value. */
export function checkSecret(writer: SecretWriter | undefined, key: unknown, value: unknown): asserts writer is SecretWriter {
  if (writer === undefined) throw new SecretsNotQueuedError(String(key));
  validateKey(key);
  validateValue(value, key);
}

/**
 * Secrets are written straight to KVS with `setSecret`, never queued: event bodies are stored by the
 * platform and reappear in retries and dead letters. A failed write (throttled, server error) throws
 * SecretWriteFailedError, retryable so the trigger is retried; no value reaches an error or a log.
 */
export function secretWriter(kvs: KvsPort): SecretWriter {
  return async (key, value) => {
    if (kvs.setSecret === undefined) throw new TypeError('[queued-storage] this kvs port has no setSecret');
    try {
      await kvs.setSecret(key, value);
    } catch (error) {
      throw new SecretWriteFailedError(key, isRetryable(classifyFailure(error)), error);
    }
  };
}
