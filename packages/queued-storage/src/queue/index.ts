/**
 * The queue side both ends share: the event format is in ../format.ts; here events are built
 * (packed within the platform's limits) and pushed (with the push backoff). The producer queues
 * writes, the consumer re-drives events, dead letters replay them: all through this module.
 */
export { buildEvents, maxEventBytes, newEventId, type BuiltEvents, type EventLimits } from './events.js';
export { pushAll, type PushQuota, type PushReceipt, type PushRun } from './push.js';
export { DEFAULT_PUSH_BACKOFF, PUSH_POLICY } from './policy.js';
