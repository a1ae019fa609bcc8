import { ProducerLog } from '../model/producerLog.js';
import { DEFAULT_QUOTAS, scaleKvsQuotas, type Quotas } from '../model/quotas.js';
import type { RunResult } from '../model/result.js';
import { arrivalWindowMs } from '../scenarios/definitions.js';
import { producingInvocations } from '../scenarios/producing.js';
import { seededRandom } from '@forge-queue/queued-storage/testing';
import type { QuotaWindow, Scenario, StrategyName } from '../scenarios/types.js';
import { baselineApp } from '../strategies/baselineApp.js';
import { libraryJobApp } from '../strategies/libraryJobApp.js';
import type { ProducerHooks } from '../strategies/producerHooks.js';
import { appDir } from '../strategies/realApp.js';
import { collect } from './collect.js';
import { drive } from './driver.js';
import { startEmulator, type EmulatorPort, type PortApp } from './emulatorPort.js';
import { libraryDeadLetters } from './libraryDeadLetters.js';
import type { Subject } from './subject.js';
import { workloadActions } from './workloadActions.js';

export interface StrategyRunOptions {
  seed: number;
  /** Quota window model of the emulator; default 'fixed'. */
  window?: QuotaWindow;
  stepMs?: number;
  maxVirtualMs?: number;
  maxWallMs?: number;
}

export function scenarioQuotas(scenario: Scenario): Quotas {
  return scaleKvsQuotas({ ...DEFAULT_QUOTAS, ...scenario.quotas }, scenario.kvsQuotaFactor);
}

/** The app under test: the guide's handler, the real app (loadApp on its built dist/), or the library job app. */
async function appFor(emulator: EmulatorPort, scenario: Scenario, strategy: StrategyName, hooks: ProducerHooks, seed: number): Promise<PortApp> {
  if (strategy === 'baseline') return emulator.defineApp(baselineApp(hooks, seededRandom(seed * 7919 + 1)));
  switch (scenario.workload.kind) {
    case 'issue-import':
      return emulator.loadApp(appDir('@forge-queue/jira-app'), { source: 'dist' });
    case 'page-import':
      return emulator.loadApp(appDir('@forge-queue/confluence-app'), { source: 'dist' });
    default:
      return emulator.defineApp(await libraryJobApp(hooks));
  }
}

/** Runs one scenario for one strategy on a fresh emulator and returns its figures. */
export async function runStrategy(scenario: Scenario, strategy: StrategyName, options: StrategyRunOptions): Promise<RunResult> {
  const wallStart = performance.now();
  const quotas = scenarioQuotas(scenario);
  const window = options.window ?? 'fixed';
  const emulator = startEmulator({ seed: options.seed, quotas, quotaWindow: window, ...(scenario.faults === undefined ? {} : { faults: scenario.faults }) });
  try {
    const log = new ProducerLog();
    const app = await appFor(emulator, scenario, strategy, { onWrite: (key, value) => { log.record(key, value); } }, options.seed);
    const product = scenario.workload.kind === 'page-import' ? 'confluence' : 'jira';
    const installation = emulator.install(app, { installationId: `${scenario.name}-${strategy}-${window}`, product });
    const subject: Subject = {
      name: strategy,
      installation,
      log,
      actions: workloadActions(scenario.workload, log),
      producing: producingInvocations(scenario.workload),
      deadLetters: async () => {
        if (strategy === 'baseline') return { records: 0, keys: new Set<string>() }; // the guide has none
        return libraryDeadLetters(installation);
      },
      samples: [],
      lastActivityMs: 0,
      producerErrors: [],
    };
    const driven = await drive(emulator, [subject], {
      stepMs: options.stepMs ?? 5000,
      // Pending writes (O(keys) each) once a virtual minute: the report's drain chart.
      trackPending: true,
      pendingEveryMs: 60_000,
      maxVirtualMs: options.maxVirtualMs ?? 48 * 3_600_000,
      maxWallMs: options.maxWallMs ?? 10 * 60_000,
    });
    const dropped = emulator.inspect().dropped.filter((event) => event.installationId === installation.id);
    return await collect({
      scenario: scenario.name,
      strategy,
      window,
      subject,
      drive: driven,
      quotas,
      arrivalWindowMs: arrivalWindowMs(scenario),
      wallMs: performance.now() - wallStart,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      dropped,
    });
  } finally {
    emulator.dispose();
  }
}
