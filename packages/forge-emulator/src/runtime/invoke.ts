import type { Scheduler } from '../clock/scheduler.js';
import type { InstallationState } from '../installation-state.js';
import { invocationStorage, type InvocationClock, type InvocationContext } from './context.js';

/** What running one invocation needs from the platform. */
export interface InvocationHost {
  readonly scheduler: Scheduler;
  readonly overheadMs: number;
  /** Shared virtual clock port for the time patches; undefined in real-clock mode. */
  readonly clock: InvocationClock | undefined;
  newInvocationId(): string;
  /** Called on start (+1) and end (-1) of every invocation. */
  trackInvocation(delta: 1 | -1): void;
}

export interface InvocationRequest {
  inst: InstallationState;
  functionKey: string;
  moduleKey: string;
  timeoutSeconds: number;
  memoryMB: number;
  chain: { count: number };
  /** The invocation hangs: its result is ignored and it ends at its timeout (faults.timeoutRate). */
  forceTimeout: boolean;
  /** The user the invocation acts for (context.principal.accountId). */
  accountId?: string | undefined;
  /** Calls the handler; runs inside the invocation context. */
  call: () => unknown;
}

export type InvocationResult =
  | { outcome: 'ok'; value: unknown; durationMs: number }
  | { outcome: 'error'; error: unknown; durationMs: number }
  | { outcome: 'timeout'; durationMs: number };

/** Runs one invocation with its own context, deadline and metering (GB-seconds). */
export function runInvocation(host: InvocationHost, req: InvocationRequest): Promise<InvocationResult> {
  const sched = host.scheduler;
  const start = sched.now();
  const ctx: InvocationContext = {
    installation: req.inst,
    functionKey: req.functionKey,
    moduleKey: req.moduleKey,
    invocationId: host.newInvocationId(),
    deadlineMs: start + req.timeoutSeconds * 1000,
    chainPushes: req.chain,
    clock: host.clock,
    ...(req.accountId === undefined ? {} : { accountId: req.accountId }),
  };
  host.trackInvocation(1);
  return new Promise<InvocationResult>((resolve) => {
    let settled = false;
    const finish = (r: { outcome: 'ok'; value: unknown } | { outcome: 'error'; error: unknown } | { outcome: 'timeout' }): void => {
      if (settled) return;
      settled = true;
      sched.cancel(timer);
      const durationMs = sched.now() - start;
      const m = req.inst.metrics;
      m.invocations++;
      m.gbSeconds += ((req.memoryMB / 1024) * (durationMs + host.overheadMs)) / 1000;
      host.trackInvocation(-1);
      resolve({ ...r, durationMs });
    };
    const timer = sched.schedule(ctx.deadlineMs, () => {
      finish({ outcome: 'timeout' });
    }, !req.forceTimeout);
    invocationStorage.run(ctx, () => {
      let p: Promise<unknown>;
      try {
        p = Promise.resolve(req.call());
      } catch (error) {
        p = Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      p.then(
        (value) => {
          if (!req.forceTimeout) finish({ outcome: 'ok', value });
        },
        (error: unknown) => {
          if (!req.forceTimeout) finish({ outcome: 'error', error });
        },
      );
    });
  });
}
