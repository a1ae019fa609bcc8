import { producingInvocations } from './scenarios/producing.js';
import type { MainOptions } from './cli/mainArgs.js';
import { ProducerLog } from './model/producerLog.js';
import type { RunResult } from './model/result.js';
import type { Sample } from './model/timeline.js';
import { collect } from './run/collect.js';
import { drive } from './run/driver.js';
import { startEmulator, type EmulatorPort, type PortAttempt, type PortInstallation } from './run/emulatorPort.js';
import { libraryDeadLetters } from './run/libraryDeadLetters.js';
import type { Subject } from './run/subject.js';
import { workloadActions } from './run/workloadActions.js';
import type { Workload } from './scenarios/types.js';
import { appDir } from './strategies/realApp.js';

export interface AppRun {
  name: string;
  result: RunResult;
  samples: Sample[];
}

/** One real app, loaded by the emulator from its manifest.yml and built dist/. */
async function subjectFor(emulator: EmulatorPort, packageName: string, product: 'jira' | 'confluence', workload: Workload): Promise<Subject> {
  const app = await emulator.loadApp(appDir(packageName), { source: 'dist' });
  const installation: PortInstallation = emulator.install(app, { installationId: `${product}-site`, product });
  const log = new ProducerLog();
  return {
    name: packageName.replace('@forge-queue/', ''),
    installation,
    log,
    actions: workloadActions(workload, log),
    producing: producingInvocations(workload),
    deadLetters: () => libraryDeadLetters(installation),
    samples: [],
    lastActivityMs: 0,
    producerErrors: [],
  };
}

/**
 * The main job: both real apps (built dist/) on one emulator, separate installations, under a
 * bulk load on the virtual clock. Expected writes are derived from the events fired, in event
 * (creation) order.
 */
export async function runMainJob(
  options: MainOptions,
  onStep?: (elapsedMs: number, subjects: readonly Subject[]) => void,
  onAttempt?: (entry: PortAttempt) => void,
): Promise<AppRun[]> {
  const wallStart = performance.now();
  const emulator = startEmulator({ seed: options.seed, quotas: options.quotas, faults: options.faults });
  if (onAttempt !== undefined) emulator.onAttempt?.(onAttempt);
  try {
    const subjects = [
      await subjectFor(emulator, '@forge-queue/jira-app', 'jira', { kind: 'issue-import', issues: options.issues, windowMs: options.windowMs }),
      await subjectFor(emulator, '@forge-queue/confluence-app', 'confluence', { kind: 'page-import', pages: options.pages, windowMs: options.windowMs }),
    ];
    const driven = await drive(emulator, subjects, {
      stepMs: 1000,
      trackPending: true,
      maxVirtualMs: 48 * 3_600_000,
      maxWallMs: 15 * 60_000,
      ...(onStep === undefined ? {} : { onStep }),
    });
    const dropped = emulator.inspect().dropped;
    const wallMs = performance.now() - wallStart;
    const runs: AppRun[] = [];
    for (const subject of subjects) {
      const result = await collect({
        scenario: 'main',
        strategy: subject.name,
        window: 'fixed',
        subject,
        drive: driven,
        quotas: options.quotas,
        arrivalWindowMs: options.windowMs,
        wallMs,
        peakRssMb: process.resourceUsage().maxRSS / 1024,
        dropped: dropped.filter((event) => event.installationId === subject.installation.id),
      });
      runs.push({ name: subject.name, result, samples: subject.samples });
    }
    return runs;
  } finally {
    emulator.dispose();
  }
}
