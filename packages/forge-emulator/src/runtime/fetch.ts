import { realSetTimeout } from '../clock/patch.js';
import type { Engine } from '../engine.js';
import { NoInvocationContextError, StaleInvocationError } from '../errors.js';
import { handleQueue } from '../events/service.js';
import { errorAnswer, toResponse, type PlatformAnswer } from '../http/response.js';
import { handleKvs } from '../kvs/service.js';
import { countRateLimited, kvsCallOf } from '../metrics.js';
import { handleLegacyStorage, LEGACY_STORAGE_PATH } from '../kvs/legacy-storage.js';
import { fromV1Push } from './legacy-events.js';
import { currentInvocation, type InvocationContext } from './context.js';
import { notEmulatedResponse } from './not-emulated.js';
import { realtimeAnswer } from './realtime.js';
import { triggerRoute } from '../triggers/platform-routes.js';
import type { ForgeFetch } from './globals.js';

/** Marks a request body that is not JSON. */
const INVALID_JSON = Symbol('invalid JSON');

/** `global.__forge_fetch__`: routes SDK requests of the current invocation to the KVS, queue and product services. */
export function createPlatformFetch(engine: Engine): ForgeFetch {
  return async (target, path, init) => {
    const ctx = currentInvocation();
    if (ctx === undefined) throw new NoInvocationContextError(`__forge_fetch__(${path})`);
    // A handler of a disposed emulator that is still running must not reach this one.
    if (engine.installations.get(ctx.installation.id) !== ctx.installation) throw new StaleInvocationError(path);
    engine.activity++;
    await latency(engine, ctx);
    const text = typeof init?.body === 'string' ? init.body : '';
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = INVALID_JSON;
    }
    if (target.type === 'fpp' && !path.startsWith('/webhook/queue/') && path !== LEGACY_STORAGE_PATH) {
      // Trigger platform routes (app events, web trigger URLs) first; every other request is product REST.
      const own = body === INVALID_JSON ? undefined : triggerRoute(engine, ctx, path, body);
      return toResponse(own ?? (await engine.product.handle(callerOf(ctx), target, path, init)));
    }
    if (body === INVALID_JSON) return toResponse(errorAnswer(400, 'BAD_REQUEST', 'Provided request body is invalid'));
    if (target.type === 'kvs') return toResponse(kvs(engine, ctx, path, body, text.length));
    if (path.startsWith('/webhook/queue/')) return toResponse(handleQueue(engine, ctx, path, fromV1Push(body), text.length));
    if (path === LEGACY_STORAGE_PATH) return toResponse(handleLegacyStorage((p, b) => kvs(engine, ctx, p, b, JSON.stringify(b).length), body));
    if (target.type === 'realtime') {
      const published = ctx.installation.realtime;
      const answer = realtimeAnswer(body, (m) => {
        const message = { ...m, eventId: engine.random.uuid() };
        published.push(message);
        return message;
      }, engine.now());
      if (answer !== undefined) return toResponse(answer);
    }
    return notEmulatedResponse(target, path);
  };
}

/** The invocation's installation and user; `accountId` is read defensively (contexts without a user have none). */
function callerOf(ctx: InvocationContext): { installationId: string; accountId: string | undefined } {
  const accountId = (ctx as { accountId?: unknown }).accountId;
  return { installationId: ctx.installation.id, accountId: typeof accountId === 'string' ? accountId : undefined };
}

async function latency(engine: Engine, ctx: InvocationContext): Promise<void> {
  const l = engine.faults.latencyMs;
  if (l === undefined) return;
  const ms = typeof l === 'number' ? l : engine.random.int(l[0], l[1]);
  if (ms <= 0) return;
  await new Promise<void>((resolve) => ctx.clock?.schedule(ctx, engine.now() + ms, resolve) ?? realSetTimeout(resolve, ms));
}

function kvs(engine: Engine, ctx: InvocationContext, path: string, body: unknown, requestBytes: number): PlatformAnswer {
  const inst = ctx.installation;
  const now = engine.now();
  const m = inst.metrics;
  m.kvsRequests++;
  const storm = engine.faults.kvs429Storms?.some((w) => now >= w.fromMs && now < w.toMs) === true;
  if (storm) {
    countRateLimited(m, kvsCallOf(path));
    return errorAnswer(429, path === '/api/v1/transaction' ? 'TOO_MANY_REQUESTS' : 'RATE_LIMIT_EXCEEDED', 'Rate limit exceeded');
  }
  if (engine.random.chance(engine.faults.kvs5xxRate ?? 0)) return errorAnswer(500, 'INTERNAL_SERVER_ERROR', 'An internal server error has occurred');
  const answer = handleKvs({
    store: inst.store, now, metrics: m, requestBytes, entities: inst.app.entities,
    charge: (cost) => {
      if (!inst.meter.takeKvs(now, cost)) return false;
      m.kvsReadUnits += cost.readUnits;
      m.kvsWriteUnits += cost.writeUnits;
      return true;
    },
  }, path, body);
  if (answer.status === 429) countRateLimited(m, kvsCallOf(path));
  return answer;
}

