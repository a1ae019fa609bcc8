// Runs an app on the emulator: install, fire created-item events, drain, read KVS back.
import { createEmulator, type Emulator, type FaultOptions } from '@forge-queue/forge-emulator';
import type { AppCase, ForgeAppSpec } from './app.js';

export interface ScenarioOptions {
  manifest: string | object;
  modules: Record<string, Record<string, unknown>>;
  count: number;
  seed?: number;
  /** Virtual milliseconds between two product events. Default 50. */
  spacingMs?: number;
  faults?: FaultOptions;
}

export interface ScenarioResult<R = unknown> {
  emulator: Emulator;
  cases: Array<AppCase<R>>;
  /** Every KVS value the app wrote, by key (library bookkeeping keys filtered out). */
  kvs: Map<string, unknown>;
  mostRecent: unknown;
}

/**
 * Fires `count` of the app's events (spaced `spacingMs` apart) on one installation and runs the
 * emulator until idle. The caller disposes `result.emulator`.
 */
export async function runScenario<R>(app: ForgeAppSpec<R>, options: ScenarioOptions): Promise<ScenarioResult<R>> {
  const emulator = createEmulator({ seed: options.seed ?? 1, ...(options.faults && { faults: options.faults }) });
  try {
    const defined = emulator.defineApp({ name: app.name, manifest: options.manifest, modules: options.modules });
    const installation = emulator.install(defined, { product: app.product });
    const cases = app.makeCases(options.count);
    const start = emulator.now();
    cases.forEach(({ event }, i) => {
      installation.fireProductEvent(app.eventType, event, { atMs: start + i * (options.spacingMs ?? 50) });
    });
    await emulator.runUntilIdle();
    const written = installation.kvs.entries().filter(([key]) => key.startsWith(app.keyPrefix) || key === app.mostRecentKey);
    return { emulator, cases, kvs: new Map(written), mostRecent: installation.kvs.get(app.mostRecentKey) };
  } catch (error) {
    emulator.dispose();
    throw error;
  }
}
