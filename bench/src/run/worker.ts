/**
 * Child-process entry: runs one (scenario, strategy) and sends its RunResult to the parent, so
 * each run has its own heap (peak RSS is per run) and runs use both cores.
 */
// First: Math.random must be seedable before any module keeps a reference to it.
import { seedMathRandom } from './seedMathRandom.js';
import { SCENARIOS, shrink } from '../scenarios/definitions.js';
import type { QuotaWindow, StrategyName } from '../scenarios/types.js';
import { captureConsole } from './captureConsole.js';
import { runStrategy } from './runStrategy.js';

export interface WorkerRequest {
  scenario: string;
  strategy: StrategyName;
  window: QuotaWindow;
  scale: number;
  seed: number;
}

async function main(): Promise<void> {
  const request = JSON.parse(process.argv[2] ?? '{}') as WorkerRequest;
  const scenario = SCENARIOS.find((candidate) => candidate.name === request.scenario);
  if (scenario === undefined) throw new TypeError(`unknown scenario ${request.scenario}`);
  seedMathRandom(request.seed);
  // The apps log a line per event; the table is what matters here.
  const console = captureConsole();
  const result = await runStrategy(request.scale > 1 ? shrink(scenario, request.scale) : scenario, request.strategy, { seed: request.seed, window: request.window }).finally(() => {
    console.restore();
  });
  await new Promise<void>((resolve, reject) => {
    process.send?.({ ok: true, result }, (error: Error | null) => {
      if (error === null) resolve();
      else reject(error);
    });
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.send?.({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exitCode = 1;
  },
);
