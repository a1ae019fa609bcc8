/**
 * The library's errors. Each has a stable `code`; match on `code` (or `name`), never `instanceof`
 * across package copies. Errors that steer retries carry `retryable`.
 */
export type ErrorCode =
  | 'QS_INVALID_KEY'
  | 'QS_INVALID_VALUE'
  | 'QS_PUSH_FAILED'
  | 'QS_DIRECT_WRITE_FAILED'
  | 'QS_DEAD_LETTER_NOT_FOUND'
  | 'QS_NOT_REPLAYABLE'
  | 'QS_DEAD_LETTER_WRITE_FAILED'
  | 'QS_MALFORMED_EVENT'
  | 'QS_SECRET_NOT_QUEUED'
  | 'QS_SECRET_WRITE_FAILED'
  | 'QS_INVALID_ARGUMENT';

export class QueuedStorageError extends Error {
  readonly code: ErrorCode;
  /** true when trying the same thing again later may succeed. */
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; retryable?: boolean }) {
    super(`[queued-storage] ${message}`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'QueuedStorageError';
    this.code = code;
    this.retryable = options?.retryable ?? false;
  }
}

export type KeyRule = 'not-string' | 'empty' | 'whitespace' | 'too-long' | 'pattern' | 'reserved-prefix';

/** The key breaks a Forge KVS key rule (or uses the library's reserved prefix). */
export class InvalidKeyError extends QueuedStorageError {
  readonly rule: KeyRule;
  constructor(rule: KeyRule, message: string) {
    super('QS_INVALID_KEY', message);
    this.name = 'InvalidKeyError';
    this.rule = rule;
  }
}

export type ValueRule =
  | 'undefined'
  | 'null'
  | 'not-json'
  | 'unreadable'
  | 'sparse-array'
  | 'cycle'
  | 'too-deep'
  | 'too-large'
  | 'invalid-ttl'
  | 'invalid-at';

/**
 * The value (or its TTL) breaks a Forge KVS value rule, judged on the JSON that would be stored
 * (after `toJSON`). `path` points at the offending part by position only (`$[3]{0}`: the first
 * property of the fourth array item), never by property name or value.
 */
export class InvalidValueError extends QueuedStorageError {
  readonly rule: ValueRule;
  readonly key: string | undefined;
  readonly path: string;
  constructor(rule: ValueRule, message: string, details: { key?: string; path?: string } = {}) {
    super('QS_INVALID_VALUE', message);
    this.name = 'InvalidValueError';
    this.rule = rule;
    this.key = details.key;
    this.path = details.path ?? '$';
  }
}

/** Some operations could not be pushed (nor written directly) within the invocation's time. */
export class PushFailedError extends QueuedStorageError {
  readonly pendingOperations: number;
  constructor(message: string, pendingOperations: number, cause?: unknown) {
    super('QS_PUSH_FAILED', message, { cause, retryable: true });
    this.name = 'PushFailedError';
    this.pendingOperations = pendingOperations;
  }
}

/**
 * Rule `push-quota-spent`: the push quota (500 events a minute) and the KVS write units were both
 * spent, and neither reopens within what the producer waits (`quotaWaitMs`, the invocation's
 * deadline). Thrown at once instead of retrying in place: let the platform retry the invocation
 * (a trigger) after `retryAfterMs`. Same `code` as PushFailedError, of which it is a kind.
 */
export class PushQuotaSpentError extends PushFailedError {
  readonly rule = 'push-quota-spent';
  /** When the estimate expects the push quota or the write units to take this work (ms from the throw). */
  readonly retryAfterMs: number;
  /**
   * Inside `storage.trigger(...)`: the write-unit slot (epoch ms) booked for this work, which the
   * trigger's retry carries back in `retryData`; undefined when nothing was booked.
   */
  readonly slotAt: number | undefined;
  constructor(pendingOperations: number, retryAfterMs: number, slotAt?: number) {
    super(`push quota spent (rule push-quota-spent): ${pendingOperations} operation(s) not handed over, quota expected back in ${Math.ceil(retryAfterMs / 1000)} s`, pendingOperations);
    this.name = 'PushQuotaSpentError';
    this.retryAfterMs = retryAfterMs;
    this.slotAt = slotAt;
  }
}

/** An operation too large to queue could not be written straight to KVS. */
export class DirectWriteFailedError extends QueuedStorageError {
  readonly keys: readonly string[];
  constructor(message: string, keys: readonly string[], cause?: unknown) {
    super('QS_DIRECT_WRITE_FAILED', message, { cause, retryable: true });
    this.name = 'DirectWriteFailedError';
    this.keys = keys;
  }
}

export class DeadLetterNotFoundError extends QueuedStorageError {
  readonly id: string;
  constructor(id: string) {
    super('QS_DEAD_LETTER_NOT_FOUND', `no dead letter with id ${JSON.stringify(id)}`);
    this.name = 'DeadLetterNotFoundError';
    this.id = id;
  }
}

/** A dead letter without operations (a malformed event) cannot be replayed; inspect and discard it. */
export class NotReplayableError extends QueuedStorageError {
  readonly id: string;
  constructor(id: string) {
    super('QS_NOT_REPLAYABLE', `dead letter ${JSON.stringify(id)} holds no operations to replay`);
    this.name = 'NotReplayableError';
    this.id = id;
  }
}

export class DeadLetterWriteError extends QueuedStorageError {
  constructor(message: string, cause?: unknown) {
    super('QS_DEAD_LETTER_WRITE_FAILED', message, { cause, retryable: true });
    this.name = 'DeadLetterWriteError';
  }
}

/** An event body this library cannot read. Never thrown out of the consumer: it becomes a dead letter. */
export class MalformedEventError extends QueuedStorageError {
  constructor(message: string) {
    super('QS_MALFORMED_EVENT', message);
    this.name = 'MalformedEventError';
  }
}

/**
 * `setSecret` without `allowSecrets: true`. Rule `secrets-not-queued`: a secret never travels through
 * the queue, because the platform stores event bodies and they reappear in retries and dead letters.
 */
export class SecretsNotQueuedError extends QueuedStorageError {
  readonly rule = 'secrets-not-queued';
  readonly key: string;
  constructor(key: string) {
    super(
      'QS_SECRET_NOT_QUEUED',
      `setSecret(${JSON.stringify(key)}) refused (rule secrets-not-queued): secrets are never queued, since event bodies are stored by the platform and visible in retries and dead letters; create the storage with allowSecrets: true to write secrets directly with kvs.setSecret`,
    );
    this.name = 'SecretsNotQueuedError';
    this.key = key;
  }
}

/** The direct `kvs.setSecret` failed (nothing was queued). Retryable when throttled or a server error: let the trigger be retried. */
export class SecretWriteFailedError extends QueuedStorageError {
  readonly key: string;
  constructor(key: string, retryable: boolean, cause: unknown) {
    super('QS_SECRET_WRITE_FAILED', `secret ${JSON.stringify(key)} could not be written directly (nothing was queued)`, { cause, retryable });
    this.name = 'SecretWriteFailedError';
    this.key = key;
  }
}

export type ArgumentRule = 'invalid-dead-letter-id' | 'invalid-limit' | 'invalid-cursor';

/** An argument of a dead-letter call is not valid (an id that cannot name a record, a bad `limit`). */
export class InvalidArgumentError extends QueuedStorageError {
  readonly rule: ArgumentRule;
  constructor(rule: ArgumentRule, message: string) {
    super('QS_INVALID_ARGUMENT', `${message} (rule ${rule})`);
    this.name = 'InvalidArgumentError';
    this.rule = rule;
  }
}
