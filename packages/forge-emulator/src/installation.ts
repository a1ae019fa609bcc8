import type { AppModel } from './app/model.js';
import type { Engine } from './engine.js';
import { ManifestError } from './errors.js';
import type { InstallationState } from './installation-state.js';
import { backendRuntimePayload, handlerContext } from './delivery/handler-context.js';
import { fireEvent } from './triggers/fire.js';
import { runNow, valueOf } from './triggers/run-now.js';
import { callWebTrigger, webTriggerUrl } from './triggers/webtrigger.js';
import type { Installation } from './types.js';
import { copyMetrics } from './metrics.js';

/** The public handle of one installation. */
export function createInstallation(engine: Engine, state: InstallationState): Installation {
  const app: AppModel = state.app;

  const invokeNow = async (functionKey: string, timeoutSeconds: number, memoryMB: number, call: () => unknown, accountId?: string): Promise<unknown> => {
    const r = await runNow(engine, state, { functionKey, moduleKey: functionKey, kind: 'invoke', timeoutSeconds, memoryMB, accountId, call });
    return valueOf(r, functionKey, timeoutSeconds);
  };

  return {
    id: state.id,
    fireProductEvent(eventType, payload, opts) {
      const at = opts?.atMs ?? engine.now();
      if (at <= engine.now()) fireEvent(engine, state, eventType, payload);
      else engine.enqueueAt(at, () => fireEvent(engine, state, eventType, payload));
    },
    invoke(functionKey, payload, opts) {
      const fn = app.functions.get(functionKey);
      if (fn === undefined) return Promise.reject(new ManifestError(`unknown function '${functionKey}'`));
      const accountId = opts?.accountId;
      return invokeNow(functionKey, fn.timeoutSeconds, fn.memoryMB, () => fn.handler(payload, handlerContext(state, accountId)), accountId);
    },
    invokeResolver(functionKey, method, payload, opts) {
      const fn = app.functions.get(functionKey);
      if (fn === undefined) return Promise.reject(new ManifestError(`unknown function '${functionKey}'`));
      const accountId = opts?.accountId;
      // Custom UI's call context carries the site's cloudId (here the installation id); the caller adds moduleKey, extension, ...
      const call = { call: { functionKey: method, payload: payload ?? {} }, context: { cloudId: state.id, ...(opts?.context ?? {}) } };
      return invokeNow(functionKey, fn.timeoutSeconds, fn.memoryMB, () => fn.handler(call, backendRuntimePayload(state, accountId)), accountId);
    },
    run<T>(fn: () => Promise<T> | T, opts?: { timeoutSeconds?: number }): Promise<T> {
      return invokeNow('run', opts?.timeoutSeconds ?? 900, engine.options.defaultMemoryMB, fn) as Promise<T>;
    },
    webTrigger: (key, request) => callWebTrigger(engine, state, key, request ?? {}),
    webTriggerUrl: (key) => webTriggerUrl(state, key),
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
    metrics: () => copyMetrics(state.metrics),
    quotaUsage: () => state.meter.usage(engine.now()),
    realtime: () => state.realtime.map((m) => ({ ...m })),
  };
}
