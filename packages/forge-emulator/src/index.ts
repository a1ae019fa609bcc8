export { createEmulator } from './emulator.js';
export { startDevServer, DEV_USERS, type DevServer, type DevServerOptions, type DevUser } from './dev/index.js';
export { DEFAULT_QUOTAS } from './quota/meter.js';
export { DEFAULT_RETENTION_MS, VIRTUAL_EPOCH_MS } from './options.js';
export { platformBackoffMs, PLATFORM_BACKOFF_BASE_MS, PLATFORM_BACKOFF_CAP_MS } from './delivery/backoff.js';
export { quotaUnits, UNIT_BYTES } from './metrics.js';
export { EmulatorError, InvocationRateLimitError, InvocationTimeoutError, ManifestError, NoInvocationContextError, StaleInvocationError } from './errors.js';
export type {
  AppDefinition, AttemptKind, AttemptLogEntry, AttemptOutcome, DeliveryOptions, DroppedEvent, EmulatedApp, Emulator, EmulatorMetrics,
  EmulatorOptions, FaultOptions, InspectResult, Installation, InstallationKvs, InstallationMetrics, InvokeOptions, RateLimitedCall, QuotaUsage, Quotas, RealtimeMessage, TimeWindow,
  WebTriggerRequest, WebTriggerResponse, WebTriggerServer,
} from './types.js';
export type {
  FixtureSite, FixtureSiteOptions, HttpMethod, Principal, ProductApi, ProductName, ProductReply, ProductRequest, RouteHandler, SiteIssue, SitePage,
  SiteProject, SiteSpace, SiteUser, UnservedRequest,
} from './product/types.js';
