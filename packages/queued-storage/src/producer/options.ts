import { resolveBackoffPolicy, type BackoffPolicy } from '../backoff.js';
import { checkKnownOptions } from '../known-options.js';
import { checkInteger, checkType, COMMON_OPTION_NAMES, fail, resolveCommon, type CommonOptions, type ResolvedCommon } from '../options.js';
import { DEFAULT_PUSH_BACKOFF, maxEventBytes } from '../queue/index.js';
import { resolvePacing, type PaceRegistry } from '../pace/registry.js';

export interface DirectOptions {
  /** Most KVS write calls the direct path makes per flush. Default 10. */
  maxCalls?: number;
  /** After a 429, skip the direct path for this long (per installation). Default 30000 ms. */
  cooldownMs?: number;
}

export interface QueuedStorageOptions extends CommonOptions {
  /** Write straight to KVS first and queue only what is throttled. Default true. */
  direct?: boolean | DirectOptions;
  /** The consumer function has timeoutSeconds > 55 (events then hold <= 100 KB). Default false. */
  longRunningConsumer?: boolean;
  /** Most operations per event (bounds one consumer invocation's work). Default 250. */
  maxOperationsPerEvent?: number;
  /** Delay before queued events are delivered, seconds 0..900. Default 0. */
  /**
   * Delay (s) of events pushed because KVS answered 429 (quota used up): the first delivery then
   * meets a reopened per-minute window instead of spending a retry in the exhausted one. Default 15.
   */
  throttledDelaySeconds?: number;
  delayInSeconds?: number;
  /** Backoff between push retries. Default full jitter, base 500 ms, cap 10 s, min 100 ms. */
  pushBackoff?: Partial<BackoffPolicy>;
  /**
   * Longest wait (ms) for the push quota or the KVS write units to reopen before a flush gives up
   * with PushQuotaSpentError (a trigger is then retried by the platform at no cost while it waits).
   * Raise it in invocations the platform does not retry (scheduled jobs). Default 1000.
   */
  quotaWaitMs?: number;
  /** Time kept free at the end of the invocation (no sleeping into it). Default 2000 ms. */
  reserveMs?: number;
  /** Time budget when the invocation's remaining time is unknown (outside Forge). Default 20000 ms. */
  fallbackBudgetMs?: number;
  /**
   * Enables `setSecret`: secrets are then written directly with `kvs.setSecret`, never queued. Default
   * false: `setSecret` throws SecretsNotQueuedError (event bodies are stored by the platform).
   */
  allowSecrets?: boolean;
  /**
   * Quota estimates shared with the runtime's consumer (`createPaceRegistry()`, passed to both).
   * Default: this storage instance's own.
   */
  pacing?: PaceRegistry;
}

export interface ResolvedProducer extends ResolvedCommon {
  direct: { maxCalls: number; cooldownMs: number } | undefined;
  maxEventBytes: number;
  maxOperationsPerEvent: number;
  delayInSeconds: number;
  throttledDelaySeconds: number;
  pushBackoff: BackoffPolicy;
  quotaWaitMs: number;
  reserveMs: number;
  fallbackBudgetMs: number;
  allowSecrets: boolean;
  /** This instance's quota estimates (src/pace): its own, or the registry given as `pacing`. */
  pacers: PaceRegistry;
}

export const PRODUCER_OPTION_NAMES = [
  ...COMMON_OPTION_NAMES,
  'direct', 'longRunningConsumer', 'maxOperationsPerEvent', 'throttledDelaySeconds', 'delayInSeconds', 'pushBackoff', 'quotaWaitMs', 'reserveMs', 'fallbackBudgetMs', 'allowSecrets', 'pacing',
] as const satisfies ReadonlyArray<keyof QueuedStorageOptions>;

export function resolveProducerOptions(options: QueuedStorageOptions): ResolvedProducer {
  const common = resolveCommon(options);
  checkKnownOptions(options, PRODUCER_OPTION_NAMES, 'createQueuedStorage');
  checkType(options, 'longRunningConsumer', 'boolean');
  checkInteger(options, 'maxOperationsPerEvent', 1, 10_000);
  checkInteger(options, 'delayInSeconds', 0, 900);
  checkInteger(options, 'throttledDelaySeconds', 0, 900);
  checkInteger(options, 'quotaWaitMs', 0, 900_000);
  checkInteger(options, 'reserveMs', 0, 900_000);
  checkInteger(options, 'fallbackBudgetMs', 0, 900_000);
  checkType(options, 'allowSecrets', 'boolean');
  if (options.allowSecrets === true && common.kvs.setSecret === undefined) fail('option allowSecrets needs a kvs port with setSecret');
  const d = options.direct ?? true;
  if (typeof d !== 'boolean' && (typeof d !== 'object' || (d as unknown) === null)) fail('option direct must be a boolean or { maxCalls, cooldownMs }');
  if (typeof d === 'object') {
    checkInteger(d, 'maxCalls', 1, 1000);
    checkInteger(d, 'cooldownMs', 0, 3_600_000);
  }
  let pushBackoff: BackoffPolicy;
  try {
    pushBackoff = resolveBackoffPolicy({ ...DEFAULT_PUSH_BACKOFF, ...options.pushBackoff });
  } catch (error) {
    fail(`option pushBackoff: ${(error as Error).message}`);
  }
  return {
    ...common,
    direct: d === false ? undefined : { maxCalls: (d === true ? undefined : d.maxCalls) ?? 10, cooldownMs: (d === true ? undefined : d.cooldownMs) ?? 30_000 },
    maxEventBytes: maxEventBytes(options.longRunningConsumer ?? false),
    maxOperationsPerEvent: options.maxOperationsPerEvent ?? 250,
    delayInSeconds: options.delayInSeconds ?? 0,
    throttledDelaySeconds: options.throttledDelaySeconds ?? 15,
    pushBackoff,
    quotaWaitMs: options.quotaWaitMs ?? 1_000,
    reserveMs: options.reserveMs ?? 2_000,
    fallbackBudgetMs: options.fallbackBudgetMs ?? 20_000,
    allowSecrets: options.allowSecrets ?? false,
    pacers: resolvePacing(options.pacing, fail),
  };
}
