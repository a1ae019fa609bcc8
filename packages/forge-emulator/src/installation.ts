import type { AppModel } from './app/model.js';
import type { Engine } from './engine.js';
import { InvocationRateLimitError, InvocationTimeoutError, ManifestError } from './errors.js';
import type { InstallationState } from './installation-state.js';
import { runInvocation, type InvocationResult } from './runtime/invoke.js';
import type { Installation } from './types.js';

/** The public handle of one installation. */
export function createInstallation(engine: Engine, state: InstallationState): Installation {
  const app: AppModel = state.app;

  const invokeNow = async (functionKey: string, timeoutSeconds: number, memoryMB: number, call: () => unknown): Promise<unknown> => {
    const now = engine.now();
    if (!state.meter.invocations.fits(now, 1)) {
      state.metrics.rateLimited++;
      throw new InvocationRateLimitError();
    }
    state.meter.invocations.take(now, 1);
    let result: InvocationResult | undefined;
    const p = runInvocation(engine, { inst: state, functionKey, moduleKey: functionKey, timeoutSeconds, memoryMB, chain: { count: 0 }, forceTimeout: false, call }).then((r) => {
      result = r;
      return r;
    });
    await engine.drive(() => result !== undefined);
    const r = result ?? (await p);
    engine.record({ atMs: now, installationId: state.id, functionKey, kind: 'invoke', attempt: 1, outcome: r.outcome === 'ok' ? 'ok' : r.outcome, durationMs: r.durationMs });
    if (r.outcome === 'timeout') throw new InvocationTimeoutError(functionKey, timeoutSeconds);
    if (r.outcome === 'error') throw r.error;
    return r.value;
  };

  return {
    id: state.id,
    fireProductEvent(eventType, payload, opts) {
      const at = opts?.atMs ?? engine.now();
      for (const t of app.triggers) {
        if (!t.events.includes(eventType)) continue;
        const fire = () => {
          engine.enqueue({
            eventId: engine.random.uuid(), jobId: undefined, job: undefined, inst: state, kind: 'trigger', functionKey: t.functionKey,
            method: undefined, queueName: undefined, body: { ...payload, eventType }, retryCount: 0, enqueuedAt: engine.now(),
            retryReason: undefined, retryData: undefined, concurrency: undefined, chain: { count: 0 }, state: 'ready', duplicate: false,
          }, 0);
        };
        if (at <= engine.now()) fire();
        else engine.enqueueAt(at, fire);
      }
    },
    invoke(functionKey, payload, opts) {
      const fn = app.functions.get(functionKey);
      if (fn === undefined) return Promise.reject(new ManifestError(`unknown function '${functionKey}'`));
      const context = { installContext: state.installContext, installation: { id: state.id }, ...(opts?.accountId === undefined ? {} : { principal: { accountId: opts.accountId } }) };
      return invokeNow(functionKey, fn.timeoutSeconds, fn.memoryMB, () => fn.handler(payload, context));
    },
    run<T>(fn: () => Promise<T> | T, opts?: { timeoutSeconds?: number }): Promise<T> {
      return invokeNow('run', opts?.timeoutSeconds ?? 900, engine.options.defaultMemoryMB, fn) as Promise<T>;
    },
    kvs: {
      get: (key) => state.store.read(state.store.plain, key, engine.now())?.value,
      entries: () => [...state.store.plain.keys()].flatMap((k): Array<[string, unknown]> => {
        const e = state.store.read(state.store.plain, k, engine.now());
        return e === undefined ? [] : [[k, e.value]];
      }),
      set: (key, value) => {
        state.store.write(state.store.plain, key, value, engine.now(), undefined);
      },
      getEntity: (entityName, key) => state.store.read(state.store.namespace('plain', entityName), key, engine.now())?.value,
    },
    metrics: () => ({ ...state.metrics }),
    quotaUsage: () => state.meter.usage(engine.now()),
  };
}
