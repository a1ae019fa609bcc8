// Runs the app on the emulator: install, fire created-page events, drain, read KVS back.
import { createEmulator, type Emulator, type FaultOptions } from '@forge-queue/forge-emulator';
import { MOST_RECENT_KEY } from '../../src/index.js';
import { EVENT_TYPE, pageCases, type PageCase } from './events.js';

export interface ScenarioOptions {
  manifest: string | object;
  modules: Record<string, Record<string, unknown>>;
  count: number;
  seed?: number;
  /** Virtual milliseconds between two product events. Default 50. */
  spacingMs?: number;
  faults?: FaultOptions;
}

export interface ScenarioResult {
  emulator: Emulator;
  cases: PageCase[];
  /** Every KVS value the app wrote, by key (library bookkeeping keys filtered out). */
  kvs: Map<string, unknown>;
  mostRecent: unknown;
}

/** Fires `count` created-page events on one installation and runs the emulator until idle. */
export async function runPageScenario(options: ScenarioOptions): Promise<ScenarioResult> {
  const emulator = createEmulator({ seed: options.seed ?? 1, ...(options.faults && { faults: options.faults }) });
  try {
    const app = emulator.defineApp({ name: 'confluence-app', manifest: options.manifest, modules: options.modules });
    const installation = emulator.install(app, { product: 'confluence' });
    const cases = pageCases(options.count);
    const start = emulator.now();
    cases.forEach(({ event }, i) => {
      installation.fireProductEvent(EVENT_TYPE, event, { atMs: start + i * (options.spacingMs ?? 50) });
    });
    await emulator.runUntilIdle();
    const kvs = new Map(installation.kvs.entries().filter(([key]) => key.startsWith('page:') || key === MOST_RECENT_KEY));
    return { emulator, cases, kvs, mostRecent: installation.kvs.get(MOST_RECENT_KEY) };
  } catch (error) {
    emulator.dispose();
    throw error;
  }
}
