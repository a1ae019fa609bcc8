import { countRateLimited } from '../metrics.js';
import type { ScheduledTriggerDef } from '../app/triggers.js';
import { handlerContext } from '../delivery/handler-context.js';
import type { Engine } from '../engine.js';
import type { InstallationState } from '../installation-state.js';
import { runInvocation } from '../runtime/invoke.js';

/** Page "Scheduled trigger": each trigger starts about 5 minutes after it is created (deployed). */
export const SCHEDULE_START_DELAY_MS = 5 * 60_000;

/**
 * Arms the app's scheduled triggers for a new installation on the emulator clock: first run
 * {@link SCHEDULE_START_DELAY_MS} after install, then every interval. Runs are not pending work:
 * `runUntilIdle()` does not wait for them; `advance(ms)` (or draining other work past them) runs them.
 */
export function armScheduledTriggers(engine: Engine, inst: InstallationState): void {
  for (const def of inst.app.scheduledTriggers) {
    const tick = (at: number): void => {
      engine.scheduler.schedule(at, () => {
        if (engine.installations.get(inst.id) !== inst) return;
        runScheduled(engine, inst, def);
        tick(at + def.periodMs);
      });
    };
    tick(engine.now() + SCHEDULE_START_DELAY_MS);
  }
}

/**
 * One run: the handler gets `({ context: { cloudId, moduleKey }, contextToken }, context)`. Its return
 * value is ignored; a failure is logged and not retried (the next run is the next interval). Over the
 * invocation quota the run is skipped and logged.
 */
function runScheduled(engine: Engine, inst: InstallationState, def: ScheduledTriggerDef): void {
  const fn = inst.app.functions.get(def.functionKey);
  if (fn === undefined) return;
  const now = engine.now();
  const base = { atMs: now, installationId: inst.id, functionKey: def.functionKey, kind: 'scheduled' as const, attempt: 1 };
  if (!inst.meter.invocations.fits(now, 1)) {
    countRateLimited(inst.metrics, 'invocation');
    engine.record({ ...base, outcome: 'error', durationMs: 0, error: `InvocationRateLimited: scheduled trigger '${def.key}' skipped (invocationsPerMinute quota)` });
    return;
  }
  inst.meter.invocations.take(now, 1);
  const request = { context: { cloudId: inst.id, moduleKey: def.key }, contextToken: `emulator-context-token-${def.key}` };
  void runInvocation(engine, {
    inst, functionKey: def.functionKey, moduleKey: def.key, timeoutSeconds: fn.timeoutSeconds, memoryMB: fn.memoryMB, chain: { count: 0 }, forceTimeout: false,
    call: () => fn.handler(request, handlerContext(inst, undefined)),
  }).then((r) => {
    engine.record({ ...base, outcome: r.outcome, durationMs: r.durationMs, ...(r.outcome === 'error' ? { error: r.error instanceof Error ? `${r.error.name}: ${r.error.message}` : String(r.error) } : {}) });
  });
}
