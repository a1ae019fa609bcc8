import { NoInvocationContextError } from '../errors.js';
import { currentInvocation } from './context.js';
import { installMagicAgent, uninstallMagicAgent } from './magic-agent.js';
import { installEgressGuard, uninstallEgressGuard } from './egress-guard.js';

/** Installs `global.__forge_fetch__` and `global.__forge_runtime__`, reading the invocation context at call time. */
export type ForgeFetch = (target: Record<string, unknown>, path: string, init?: { body?: unknown }) => Promise<unknown>;

interface ForgeGlobals {
  __forge_fetch__?: ForgeFetch;
  __forge_runtime__?: object;
}

const g = globalThis as unknown as ForgeGlobals;

const noopTimer = { stop: () => undefined };
const noopMetrics = {
  counter: () => ({ incr: () => undefined, decr: () => undefined }),
  timing: () => ({ measure: () => noopTimer }),
  gauge: () => ({ set: () => undefined }),
};

function context() {
  const ctx = currentInvocation();
  if (ctx === undefined) throw new NoInvocationContextError('getAppContext()');
  return ctx;
}

function makeRuntime(now: () => number): object {
  return {
    get appContext() {
      const ctx = context();
      const inst = ctx.installation;
      return {
        appId: inst.app.appId,
        appVersion: '1.0.0',
        environmentId: `env-${inst.app.appId}`,
        environmentType: 'DEVELOPMENT',
        invocationId: ctx.invocationId,
        installationId: inst.id,
        moduleKey: ctx.moduleKey,
        license: undefined,
        installation: { id: inst.id, contexts: [inst.installContext] },
        permissions: { scopes: [...inst.app.scopes], external: { fetch: { backend: [...inst.app.egress.declared] } } },
      };
    },
    get lambdaContext() {
      const ctx = context();
      return { getRemainingTimeInMillis: () => Math.max(0, ctx.deadlineMs - now()) };
    },
    metrics: noopMetrics,
    tracing: { traceId: 'emulator', spanId: 'emulator' },
    proxy: { token: 'emulator', url: 'http://forge-emulator.invalid' },
  };
}

let owner: object | undefined;

export function installGlobals(key: object, fetch: ForgeFetch, now: () => number, enforceEgress = true): void {
  if (owner !== undefined) throw new Error('[forge-emulator] another emulator is active: dispose() it first');
  owner = key;
  g.__forge_fetch__ = fetch;
  g.__forge_runtime__ = makeRuntime(now);
  installMagicAgent(fetch);
  installEgressGuard(enforceEgress);
}

export function uninstallGlobals(key: object): void {
  if (owner !== key) return;
  owner = undefined;
  delete g.__forge_fetch__;
  delete g.__forge_runtime__;
  uninstallEgressGuard();
  uninstallMagicAgent();
}
