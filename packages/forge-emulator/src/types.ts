/** Public types of the emulator (section 1 of the shared contracts). */
import type { FixtureSiteOptions, ProductApi } from './product/types.js';
import type { WebTriggerRequest, WebTriggerResponse } from './triggers/webtrigger.js';
import type { WebTriggerServer } from './triggers/webtrigger-server.js';
import type { IncomingMessage, ServerResponse } from 'node:http';

export type { WebTriggerRequest, WebTriggerResponse, WebTriggerServer };

export interface Quotas {
  /** KVS requests per second per installation. Default 1000. */
  kvsRequestsPerSecond: number;
  /** KVS read units (10 KB, every request rounded up) per minute. Default 4000. */
  kvsReadUnitsPerMinute: number;
  /** KVS write units (10 KB, every request rounded up) per minute. Default 4000. */
  kvsWriteUnitsPerMinute: number;
  /** Bytes written per key per second. Default 1 MB. */
  kvsKeyWriteBytesPerSecond: number;
  /** batchSet/batchGet/batchDelete calls per minute ("a maximum of 45 batch operations per minute"). Default 45. */
  kvsBatchOperationsPerMinute: number;
  /** Events pushed per minute per installation. Default 500. */
  pushEventsPerMinute: number;
  /** Function invocations per minute per installation. Default 5000. */
  invocationsPerMinute: number;
}

/** One quota's use of its current fixed window (`Installation.quotaUsage()`). */
export interface QuotaUsage {
  quota: keyof Quotas;
  used: number;
  limit: number;
  windowMs: number;
}

export interface TimeWindow {
  /** Virtual (or real) epoch ms, inclusive. */
  fromMs: number;
  /** Virtual (or real) epoch ms, exclusive. */
  toMs: number;
}

export interface FaultOptions {
  /** Time windows during which every KVS request is answered 429 RATE_LIMIT_EXCEEDED. */
  kvs429Storms?: TimeWindow[];
  /** Probability (0..1) that a KVS request is answered 500 INTERNAL_SERVER_ERROR. */
  kvs5xxRate?: number;
  /** Probability (0..1) that a push is answered 500. */
  push5xxRate?: number;
  /** Extra virtual latency per KVS/queue request: fixed ms, or [min, max] drawn from the seed. */
  latencyMs?: number | [number, number];
  /** Probability (0..1) that a consumer/trigger invocation hangs until its timeout. */
  timeoutRate?: number;
  /** Probability (0..1) that a successfully handled event is delivered once more. */
  duplicateRate?: number;
  /** When true (or a 0..1 rate), ready events are taken in a seeded random order instead of FIFO. */
  reorder?: boolean | number;
  /** Probability (0..1) that each event of a push fails (answered 202 with failedEvents). */
  pushPartialFailureRate?: number;
}

export interface DeliveryOptions {
  /** Platform retries after the first attempt before an event is dropped. Default 4. */
  maxRetries?: number;
  /** Retention window from enqueue, ms. Default 24 h. */
  retentionMs?: number;
  /** Max invocations in flight at once (all installations). Default 64. */
  concurrency?: number;
}

export interface EmulatorOptions {
  seed?: number;
  clock?: 'virtual' | 'real';
  quotas?: Partial<Quotas>;
  /** How per-second and per-minute quotas count: `'fixed'` (default) windows reset at whole periods; `'sliding'` counts the last period. */
  quotaWindow?: 'fixed' | 'sliding';
  faults?: FaultOptions;
  delivery?: DeliveryOptions;
  persistPath?: string;
  /** Bounded attempt log kept for inspect(); default 10000 entries (0 disables). */
  attemptLogLimit?: number;
  /** Billing: memory assumed for functions without runtime.memoryMB. Default 512. */
  defaultMemoryMB?: number;
  /** Billing: ms added to every invocation's virtual duration for GB-seconds. Default 100. */
  invocationOverheadMs?: number;
  /** The seeded fixture site product REST calls are served from (one per installation). */
  site?: FixtureSiteOptions;
  /**
   * `'enforce'` (default): a function's requests to hosts its manifest does not declare
   * (`permissions.external.fetch.backend`, `remotes`) are answered 403, and plain HTTP 400, as
   * Forge's egress proxy does; `'allow-all'`: every request goes to the network.
   */
  egress?: 'enforce' | 'allow-all';
}

export interface InstallationMetrics {
  invocations: number;
  gbSeconds: number;
  pushes: number;
  eventsPushed: number;
  eventsDelivered: number;
  eventsDropped: number;
  retries: number;
  kvsRequests: number;
  kvsReadUnits: number;
  kvsWriteUnits: number;
  kvsBytesRead: number;
  kvsBytesWritten: number;
  /** 429s answered (kvs + push), and invocations refused by the invocation quota. */
  rateLimited: number;
  /** `rateLimited` split by what was refused (absent kinds: none). */
  rateLimitedByCall: Partial<Record<RateLimitedCall, number>>;
}

/**
 * What a 429 refused: a KVS endpoint (`/api/v1/get` is `get`, `/api/v1/batch/set` is `batchSet`,
 * `secret/*` and `entity/*` by their family), a queue push, or an invocation over the invocation quota.
 */
export type RateLimitedCall =
  | 'get' | 'set' | 'delete' | 'query' | 'batchGet' | 'batchSet' | 'batchDelete' | 'transaction' | 'secret' | 'entity' | 'push' | 'invocation';

export interface EmulatorMetrics extends InstallationMetrics {
  byInstallation: Record<string, InstallationMetrics>;
  virtualMs: number;
}

/** `scheduled`: a scheduledTrigger run; `webtrigger`: a web trigger request. */
export type AttemptKind = 'trigger' | 'consumer' | 'invoke' | 'scheduled' | 'webtrigger';
/** `filtered`: a trigger filter's expression failed and its `onError` asks for a log (`*_AND_LOG`). */
export type AttemptOutcome = 'ok' | 'retry' | 'error' | 'timeout' | 'dropped' | 'filtered';

export interface AttemptLogEntry {
  atMs: number;
  installationId: string;
  functionKey: string;
  kind: AttemptKind;
  eventId?: string;
  jobId?: string;
  attempt: number;
  outcome: AttemptOutcome;
  durationMs: number;
  error?: string;
}

export interface DroppedEvent {
  installationId: string;
  functionKey: string;
  kind: 'trigger' | 'consumer';
  eventId: string;
  jobId?: string;
  queueName?: string;
  body: unknown;
  attempts: number;
  reason: 'retry-cap' | 'retention' | 'cancelled';
  atMs: number;
  /** The failure of the last attempt (thrown error, timeout, retry request), when there was one. */
  lastError?: string;
}

export interface EmulatedApp {
  readonly name: string;
  readonly appId: string;
  readonly functionKeys: readonly string[];
}

export interface InstallationKvs {
  get(key: string): unknown;
  entries(): Array<[string, unknown]>;
  set(key: string, value: unknown): void;
  /** Custom-entity value (emulator extra). */
  getEntity(entityName: string, key: string): unknown;
}

/** A message an invocation published with `@forge/realtime` (`publish` / `publishGlobal`); see README "Realtime". */
export interface RealtimeMessage {
  eventId: string;
  channel: string;
  /** The published payload (the SDK sends it as JSON text; parsed back here). */
  payload: unknown;
  /** `publishGlobal` (true) or `publish` (false). */
  isGlobal: boolean;
  /** `publish`'s `contextOverrides`, as `{ contextOverrides }`, when given. */
  context?: unknown;
  /** Whether a token was passed (the SDK checked its channel and expiry before sending). */
  token: boolean;
  atMs: number;
}

export interface InvokeOptions {
  /** The user the invocation acts for: `context.principal.accountId` (and `context.accountId` of a resolver). */
  accountId?: string;
}

export interface Installation {
  readonly id: string;
  fireProductEvent(eventType: string, payload: object, opts?: { atMs?: number }): void;
  /** Calls a manifest function as `handler(payload, context)`; `accountId` becomes `context.principal`. */
  invoke(functionKey: string, payload?: unknown, opts?: InvokeOptions): Promise<unknown>;
  /**
   * Calls a resolver function (handler `resolver.getDefinitions()`) as the platform does for a Custom UI
   * `invoke(method, payload)`: `({ call: { functionKey: method, payload }, context }, { installContext, principal, installation })`.
   */
  invokeResolver(functionKey: string, method: string, payload?: unknown, opts?: InvokeOptions & { context?: Record<string, unknown> }): Promise<unknown>;
  run<T>(fn: () => Promise<T> | T, opts?: { timeoutSeconds?: number }): Promise<T>;
  /** Calls web trigger `key` (module `webtrigger`) as an HTTP request would; see README "Web triggers". */
  webTrigger(key: string, request?: Partial<WebTriggerRequest>): Promise<WebTriggerResponse>;
  /** The URL `webTrigger.getUrl(key)` answers for this installation. */
  webTriggerUrl(key: string): string;
  kvs: InstallationKvs;
  metrics(): InstallationMetrics;
  /** Each quota's use of its current window on the emulator clock (the dev dashboard's meters). */
  quotaUsage(): QuotaUsage[];
  /** Messages published with `@forge/realtime`, oldest first (emulator extra; nothing subscribes). */
  realtime(): RealtimeMessage[];
}

export interface InspectResult {
  queued: number;
  delayed: number;
  retrying: number;
  inFlight: number;
  dropped: DroppedEvent[];
  log: AttemptLogEntry[];
}

export interface AppDefinition {
  name?: string;
  manifest: string | object;
  modules: Record<string, Record<string, unknown>>;
  /**
   * Module types (or top-level manifest sections) the emulator does not emulate that this app may
   * declare anyway: they are loaded inert instead of refused with a ManifestError.
   */
  acceptModules?: readonly string[];
}

export interface Emulator {
  now(): number;
  loadApp(dir: string, opts?: { source?: 'src' | 'dist'; acceptModules?: readonly string[] }): Promise<EmulatedApp>;
  defineApp(def: AppDefinition): EmulatedApp;
  install(app: EmulatedApp, opts?: { installationId?: string; product?: 'jira' | 'confluence' }): Installation;
  runUntilIdle(opts?: { maxVirtualMs?: number; maxWallMs?: number }): Promise<void>;
  advance(ms: number): Promise<void>;
  metrics(): EmulatorMetrics;
  inspect(): InspectResult;
  onAttempt(listener: (entry: AttemptLogEntry) => void): () => void;
  /** Product REST: fixture sites, routes for tests and demos, and the log of requests no route served. */
  readonly product: ProductApi;
  /** Calls the web trigger a URL from `webTrigger.getUrl()` names (404 answer for an unknown one). */
  callWebTrigger(url: string, request?: Partial<WebTriggerRequest>): Promise<WebTriggerResponse>;
  /** Serves web triggers over HTTP on 127.0.0.1 (`port` 0: any free port); URLs then use its address. */
  serveWebTriggers(opts?: { port?: number }): Promise<WebTriggerServer>;
  /**
   * A `node:http` request listener that answers web trigger URLs (`/x1/<id>`), for a dev server that
   * serves them itself; set `baseUrl` to that server's address so `webTrigger.getUrl()` points at it.
   */
  webTriggerListener(opts?: { baseUrl?: string }): (req: IncomingMessage, res: ServerResponse) => void;
  save(): Promise<void>;
  dispose(): void;
}
