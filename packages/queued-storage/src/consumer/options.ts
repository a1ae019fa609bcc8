import { knownVersionsByInstallation, type KnownVersionsByInstallation } from '../apply/index.js';
import { resolvePacing, type PaceRegistry } from '../pace/registry.js';
import { DEFAULT_BACKOFF, resolveBackoffPolicy, type BackoffPolicy } from '../backoff.js';
import { checkKnownOptions } from '../known-options.js';
import { checkInteger, checkType, COMMON_OPTION_NAMES, fail, resolveCommon, type CommonOptions, type ResolvedCommon } from '../options.js';
import type { ConsumerOutcome } from './outcome.js';
import type { RetentionMemory } from './retention.js';
import { createEndedLives, type EndedLives } from './lives.js';
import { createPushRefusals, type PushRefusals } from './push-refusals.js';

export interface ConsumerOptions extends CommonOptions {
  /** Retries the platform grants an event before dropping it. Default 4. */
  maxRetries?: number;
  /** Platform retries kept in reserve when re-driving (a failed re-drive push is tried again on them). Default 2. */
  reserveRetries?: number;
  /** Past this age (since first queued) failing writes become dead letters. Default 72 h. */
  maxAgeMs?: number;
  /** Retention window assumed when the platform does not say. Default 24 h. */
  retentionMs?: number;
  /** Time kept free before the retention window ends. Default 60 s. */
  retentionMarginMs?: number;
  /** Backoff between attempts. Default full jitter, base 5 s, cap 900 s, min 1 s. */
  backoff?: Partial<BackoffPolicy>;
  /**
   * Backoff after a rate limit (429) that outlived the in-invocation retry: a per-minute quota is
   * used up, so the retry lands past the window (equal jitter: 30..60 s, then 60..120 s, ...).
   * Default equal jitter, base 60 s, cap 900 s, min 1 s.
   */
  rateLimitBackoff?: Partial<BackoffPolicy>;
  /** Ordered mode: read version records before writing (duplicates cost no write). Default true. */
  readFirst?: boolean;
  /** The consumer function has timeoutSeconds > 55 (re-driven events hold <= 100 KB). Default false. */
  longRunningConsumer?: boolean;
  /** Stop starting KVS calls when the invocation has less than this left. Default 5000 ms. */
  reserveMs?: number;
  /** Time budget when the invocation's remaining time is unknown. Default 50000 ms. */
  fallbackBudgetMs?: number;
  /** One structured log line per invocation: true (console.log JSON), false, or your function. Default true. */
  log?: boolean | ((outcome: ConsumerOutcome) => void);
  /** Called with each invocation's outcome (metrics, alerts). Errors it throws are ignored. */
  onOutcome?: (outcome: ConsumerOutcome) => void | Promise<void>;
  /**
   * Quota estimates shared with the runtime's producer (`createPaceRegistry()`, passed to both).
   * Default: this consumer's own.
   */
  pacing?: PaceRegistry;
}

export interface ResolvedConsumer extends ResolvedCommon {
  maxRetries: number;
  reserveRetries: number;
  maxAgeMs: number;
  retentionMs: number;
  retentionMarginMs: number;
  backoff: BackoffPolicy;
  rateLimitBackoff: BackoffPolicy;
  /** Retries after a 429 land when the pacer says the units are free (only when `rateLimitBackoff` is not set). */
  pace: boolean;
  /** This consumer's quota estimates (src/pace): its own, or the registry given as `pacing`. */
  pacers: PaceRegistry;
  /** Versions this consumer has seen stored, per installation (ordered mode skips known-stale writes). */
  known: KnownVersionsByInstallation;
  readFirst: boolean;
  longRunningConsumer: boolean;
  reserveMs: number;
  fallbackBudgetMs: number;
  log: ((outcome: ConsumerOutcome) => void) | undefined;
  onOutcome: ((outcome: ConsumerOutcome) => void | Promise<void>) | undefined;
  /** Retention window learned from retries, shared by this consumer's deliveries. */
  retention: RetentionMemory;
  /** Lives of events this consumer ended (settled or re-driven): their duplicates are acknowledged (lives.ts). */
  ended: EndedLives;
  /** Re-drive pushes refused (429) lately, per installation: re-drives are scarce (push-refusals.ts). */
  pushRefusals: PushRefusals;
}

const HOUR = 3_600_000;

export const DEFAULT_RATE_LIMIT_BACKOFF: Readonly<BackoffPolicy> = Object.freeze({ strategy: 'equal', baseMs: 60_000, capMs: 900_000, minMs: 1_000 });

export const CONSUMER_OPTION_NAMES = [
  ...COMMON_OPTION_NAMES,
  'maxRetries', 'reserveRetries', 'maxAgeMs', 'retentionMs', 'retentionMarginMs', 'backoff', 'rateLimitBackoff', 'readFirst',
  'longRunningConsumer', 'reserveMs', 'fallbackBudgetMs', 'log', 'onOutcome', 'pacing',
] as const satisfies ReadonlyArray<keyof ConsumerOptions>;

/** `factory` names the public function in the unknown-option error. */
export function resolveConsumerOptions(options: ConsumerOptions, factory = 'createConsumer', extraNames: readonly string[] = []): ResolvedConsumer {
  const common = resolveCommon(options);
  checkKnownOptions(options, [...CONSUMER_OPTION_NAMES, ...extraNames], factory);
  checkInteger(options, 'maxRetries', 0, 1000);
  checkInteger(options, 'reserveRetries', 1, 1000);
  checkInteger(options, 'maxAgeMs', 1, 365 * 24 * HOUR);
  checkInteger(options, 'retentionMs', 1, 96 * HOUR);
  checkInteger(options, 'retentionMarginMs', 0, 24 * HOUR);
  checkInteger(options, 'reserveMs', 0, 900_000);
  checkInteger(options, 'fallbackBudgetMs', 0, 900_000);
  checkType(options, 'readFirst', 'boolean');
  checkType(options, 'longRunningConsumer', 'boolean');
  checkType(options, 'onOutcome', 'function');
  if (options.log !== undefined && typeof options.log !== 'boolean' && typeof options.log !== 'function') fail('option log must be a boolean or a function');
  let backoff: BackoffPolicy;
  let rateLimitBackoff: BackoffPolicy;
  try {
    backoff = resolveBackoffPolicy({ ...DEFAULT_BACKOFF, ...options.backoff });
  } catch (error) {
    fail(`option backoff: ${(error as Error).message}`);
  }
  try {
    rateLimitBackoff = resolveBackoffPolicy({ ...DEFAULT_RATE_LIMIT_BACKOFF, ...options.rateLimitBackoff });
  } catch (error) {
    fail(`option rateLimitBackoff: ${(error as Error).message}`);
  }
  const log = options.log ?? true;
  return {
    ...common,
    maxRetries: options.maxRetries ?? 4,
    reserveRetries: options.reserveRetries ?? 2,
    maxAgeMs: options.maxAgeMs ?? 72 * HOUR,
    retentionMs: options.retentionMs ?? 24 * HOUR,
    retentionMarginMs: options.retentionMarginMs ?? 60_000,
    backoff,
    rateLimitBackoff,
    pace: options.rateLimitBackoff === undefined,
    pacers: resolvePacing(options.pacing, fail),
    known: knownVersionsByInstallation(),
    readFirst: options.readFirst ?? true,
    longRunningConsumer: options.longRunningConsumer ?? false,
    reserveMs: options.reserveMs ?? 5_000,
    fallbackBudgetMs: options.fallbackBudgetMs ?? 50_000,
    log: log === true ? (out) => { console.log(JSON.stringify({ lib: 'queued-storage', ...out })); } : log === false ? undefined : log,
    onOutcome: options.onOutcome,
    retention: { learnedMs: undefined },
    ended: createEndedLives(),
    pushRefusals: createPushRefusals(),
  };
}
