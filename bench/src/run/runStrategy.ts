import { ProducerLog } from '../model/producerLog.js';
import { DEFAULT_QUOTAS, scaleKvsQuotas, type Quotas } from '../model/quotas.js';
import type { RunResult } from '../model/result.js';
import { arrivalWindowMs } from '../scenarios/definitions.js';
import { producingInvocations } from '../scenarios/producing.js';
import { seededRandom } from '@forge-queue/queued-storage/testing';
import type { QuotaWindow, Scenario, StrategyName } from '../scenarios/types.js';
import { baselineApp } from '../strategies/baselineApp.js';
import { libraryJobApp } from '../strategies/libraryJobApp.js';
import type { JobPayload, ProducerHooks } from '../strategies/producerHooks.js';
import { backfillWrite } from '../scenarios/writes.js';
import { appDir } from '../strategies/realApp.js';
import { collect } from './collect.js';
import { drive } from './driver.js';
import { startEmulator, type EmulatorPort, type PortApp, type PortInstallation } from './emulatorPort.js';
import { libraryDeadLetters } from './libraryDeadLetters.js';
import type { Subject } from './subject.js';
import { workloadActions, type BackfillStart } from './workloadActions.js';

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
    case 'backfill':
      return emulator.loadApp(appDir('@forge-queue/jira-app'), { source: 'dist' });
    default:
      return emulator.defineApp(await libraryJobApp(hooks));
  }
}

/**
 * A backfill of the installation's fixture site: the real app's administrator presses "start" (the admin
 * page's `startBackfill` resolver); the baseline runs a job that pushes one event per record.
 */
function backfillStart(emulator: EmulatorPort, installation: PortInstallation, strategy: StrategyName): BackfillStart {
  const site = emulator.product.site(installation.id);
  const writes = Array.from({ length: site.issueCount }, (_, i) => backfillWrite(site.issue(i + 1)));
  const start = strategy === 'baseline'
    ? (inst: PortInstallation) => inst.invoke('job', { kind: 'backfill' } satisfies JobPayload)
    : async (inst: PortInstallation) => {
      const answer = (await inst.invokeResolver('admin-resolver', 'startBackfill', {}, { accountId: site.admin.accountId, context: { moduleKey: 'queue-admin-page' } })) as { ok?: boolean; error?: { message?: string } };
      if (answer.ok !== true) throw new Error(`startBackfill refused: ${answer.error?.message ?? JSON.stringify(answer)}`);
      return answer;
    };
  return { writes, start };
}

/** Runs one scenario for one strategy on a fresh emulator and returns its figures. */
export async function runStrategy(scenario: Scenario, strategy: StrategyName, options: StrategyRunOptions): Promise<RunResult> {
  const wallStart = performance.now();
  const quotas = scenarioQuotas(scenario);
  const window = options.window ?? 'fixed';
  const siteIssues = scenario.workload.kind === 'backfill' ? scenario.workload.issues : undefined;
  const emulator = startEmulator({
    seed: options.seed, quotas, quotaWindow: window,
    ...(scenario.faults === undefined ? {} : { faults: scenario.faults }),
    ...(siteIssues === undefined ? {} : { siteIssues }),
  });
  try {
    const log = new ProducerLog();
    const app = await appFor(emulator, scenario, strategy, { onWrite: (key, value) => { log.record(key, value); } }, options.seed);
    const product = scenario.workload.kind === 'page-import' ? 'confluence' : 'jira';
    const installation = emulator.install(app, { installationId: `${scenario.name}-${strategy}-${window}`, product });
    const backfill = siteIssues === undefined ? undefined : backfillStart(emulator, installation, strategy);
    const subject: Subject = {
      name: strategy,
      installation,
      log,
      actions: workloadActions(scenario.workload, log, backfill),
      producing: producingInvocations(scenario.workload, backfill?.writes),
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
