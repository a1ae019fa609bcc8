import { appEventAvi } from '../app/triggers.js';
import type { Engine } from '../engine.js';
import type { PlatformAnswer } from '../http/response.js';
import type { InvocationContext } from '../runtime/context.js';
import { fireEvent } from './fire.js';

/** `appEvents.publish` endpoint of `@forge/events` 3.x. */
export const APP_EVENTS_PATH = '/forge/events/v1/app-events';
/** Page "App events": a publish takes at most 10 events. */
export const MAX_APP_EVENTS_PER_PUBLISH = 10;

/**
 * Publishes app events of the calling app: each key must be declared in `modules.event` (else it is a
 * failed event); each published event goes to this installation's triggers subscribed to
 * `avi:cloud:ecosystem::event/<appId>/<key>`, as `{ eventType }`.
 */
export function publishAppEvents(engine: Engine, ctx: InvocationContext, body: unknown): PlatformAnswer {
  const events = (body as { events?: unknown } | undefined)?.events;
  if (!Array.isArray(events) || events.length === 0) return { status: 400, body: { errorMessages: ['events must be a non-empty list'] } };
  if (events.length > MAX_APP_EVENTS_PER_PUBLISH) return { status: 400, body: { errorMessages: [`at most ${MAX_APP_EVENTS_PER_PUBLISH} events per publish (${events.length} given)`] } };
  const inst = ctx.installation;
  const failedEvents: Array<{ event: { key: unknown }; errorMessage: string }> = [];
  for (const e of events as Array<{ key?: unknown }>) {
    const key = e.key;
    if (typeof key !== 'string' || !inst.app.appEvents.has(key)) {
      failedEvents.push({ event: { key }, errorMessage: `Event '${String(key)}' is not declared in the manifest (modules.event)` });
      continue;
    }
    const payload = ctx.accountId === undefined ? {} : { atlassianId: ctx.accountId };
    fireEvent(engine, inst, appEventAvi(inst.app.appId, key), payload);
  }
  return { status: 200, body: { failedEvents } };
}
