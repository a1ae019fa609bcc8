import { countRateLimited } from '../metrics.js';
import type { Engine } from '../engine.js';
import { InvocationRateLimitError, InvocationTimeoutError } from '../errors.js';
import type { InstallationState } from '../installation-state.js';
import { runInvocation, type InvocationResult } from '../runtime/invoke.js';
import type { AttemptKind } from '../types.js';

export interface RunNowRequest {
  functionKey: string;
  moduleKey: string;
  kind: AttemptKind;
  timeoutSeconds: number;
  memoryMB: number;
  accountId?: string | undefined;
  call: () => unknown;
}

/**
 * Runs one invocation now, outside the delivery queues (invoke, resolvers, web triggers), driving the
 * platform until it ends. Counts against the invocation quota (InvocationRateLimitError when spent),
 * is metered and logged.
 */
export async function runNow(engine: Engine, inst: InstallationState, req: RunNowRequest): Promise<InvocationResult> {
  const now = engine.now();
  if (!inst.meter.invocations.fits(now, 1)) {
    countRateLimited(inst.metrics, 'invocation');
    throw new InvocationRateLimitError();
  }
  inst.meter.invocations.take(now, 1);
  let result: InvocationResult | undefined;
  const p = runInvocation(engine, { inst, functionKey: req.functionKey, moduleKey: req.moduleKey, timeoutSeconds: req.timeoutSeconds, memoryMB: req.memoryMB, chain: { count: 0 }, forceTimeout: false, accountId: req.accountId, call: req.call }).then((r) => {
    result = r;
    return r;
  });
  await engine.drive(() => result !== undefined);
  const r = result ?? (await p);
  engine.record({
    atMs: now, installationId: inst.id, functionKey: req.functionKey, kind: req.kind, attempt: 1, outcome: r.outcome, durationMs: r.durationMs,
    ...(r.outcome === 'error' ? { error: r.error instanceof Error ? `${r.error.name}: ${r.error.message}` : String(r.error) } : {}),
  });
  return r;
}

/** The value of a finished invocation, or its error (InvocationTimeoutError for a timeout). */
export function valueOf(r: InvocationResult, functionKey: string, timeoutSeconds: number): unknown {
  if (r.outcome === 'timeout') throw new InvocationTimeoutError(functionKey, timeoutSeconds);
  if (r.outcome === 'error') throw r.error;
  return r.value;
}
