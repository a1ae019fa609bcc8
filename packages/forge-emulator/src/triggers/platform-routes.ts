import type { Engine } from '../engine.js';
import type { PlatformAnswer } from '../http/response.js';
import type { InvocationContext } from '../runtime/context.js';
import { APP_EVENTS_PATH, publishAppEvents } from './app-events.js';
import { parseWebTriggerUrl, webTriggerId, webTriggerUrl } from './webtrigger.js';

/**
 * Platform routes of triggers: `appEvents.publish` and the web trigger URL operations of `@forge/api`
 * (`webTrigger.getUrl/deleteUrl/queryUrls`, GraphQL mutations on `/graphql`). Undefined when `path` is
 * not one of them (other GraphQL queries go on to the product routes).
 */
export function triggerRoute(engine: Engine, ctx: InvocationContext, path: string, body: unknown): PlatformAnswer | undefined {
  if (path === APP_EVENTS_PATH) return publishAppEvents(engine, ctx, body);
  if (path !== '/graphql') return undefined;
  const { query, variables } = (body ?? {}) as { query?: unknown; variables?: Record<string, unknown> };
  if (typeof query !== 'string') return undefined;
  const inst = ctx.installation;
  if (query.includes('createWebTriggerUrl')) {
    const key = (variables?.input as { triggerKey?: unknown } | undefined)?.triggerKey;
    if (typeof key !== 'string' || !inst.app.webTriggers.has(key)) {
      return { status: 200, body: { data: { createWebTriggerUrl: null }, errors: [{ message: `webtrigger '${String(key)}' is not declared in the manifest (modules.webtrigger)` }] } };
    }
    inst.deletedWebTriggers.delete(webTriggerId(inst.id, key));
    return { status: 200, body: { data: { createWebTriggerUrl: { url: webTriggerUrl(inst, key) } } } };
  }
  if (query.includes('deleteWebTriggerUrl')) {
    const parsed = parseWebTriggerUrl(`/x1/${String(variables?.id)}`);
    const ok = parsed?.installationId === inst.id;
    if (ok) inst.deletedWebTriggers.add(parsed.id);
    return { status: 200, body: { data: { deleteWebTriggerUrl: { success: ok, message: ok ? null : 'Web trigger URL not found' } } } };
  }
  if (query.includes('webTriggerUrlsByAppContext')) {
    const list = [...inst.app.webTriggers.keys()].filter((k) => !inst.deletedWebTriggers.has(webTriggerId(inst.id, k))).map((k) => ({ triggerKey: k, url: webTriggerUrl(inst, k) }));
    return { status: 200, body: { data: { webTriggerUrlsByAppContext: list } } };
  }
  return undefined;
}
