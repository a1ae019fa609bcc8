import { parseArgs } from 'node:util';
import { SCENARIOS } from '../scenarios/definitions.js';
import { QUOTA_WINDOWS, type QuotaWindow } from '../scenarios/types.js';
import { UsageError } from './errors.js';
import { parseCount } from './parsers.js';

export interface BenchOptions {
  help: boolean;
  scenarios: string[];
  /** Quota window models to run every scenario under. */
  windows: QuotaWindow[];
  /** Divide every scenario's load by this (1 = full size). */
  scale: number;
  seed: number;
  jobs: number;
  /** JSON results file; undefined = bench/results.json. */
  out: string | undefined;
}

export const BENCH_USAGE = `Usage: pnpm bench [-- options]

Runs each scenario for the guide's handler (baseline) and this library on the Forge emulator,
prints one table with targets and writes the figures as JSON.

Options:
  --scenario <name>   run only this scenario (repeatable): ${SCENARIOS.map((s) => s.name).join(', ')}
  --window <model>    quota window model (repeatable): fixed, sliding (default both)
  --scale <n>         divide every load by n for a quick run (default 1)
  --seed <n>          seed for the emulator, the load and Math.random (default 1)
  --jobs <n>          runs in parallel, one child process each (default 2)
  --out <file>        JSON results file (default bench/results.json)
  -h, --help          show this help
`;

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv.filter((arg) => arg !== '--'),
      options: {
        help: { type: 'boolean', short: 'h', default: false },
        scenario: { type: 'string', multiple: true, default: [] },
        window: { type: 'string', multiple: true, default: [] },
        scale: { type: 'string', default: '1' },
        seed: { type: 'string', default: '1' },
        jobs: { type: 'string', default: '2' },
        out: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  const { values } = parsed;
  const known = new Set(SCENARIOS.map((s) => s.name));
  for (const name of values.scenario) {
    if (!known.has(name)) throw new UsageError(`--scenario: unknown scenario "${name}"`);
  }
  for (const window of values.window) {
    if (!(QUOTA_WINDOWS as readonly string[]).includes(window)) throw new UsageError(`--window: unknown quota window model "${window}" (fixed or sliding)`);
  }
  return {
    help: values.help,
    scenarios: values.scenario.length > 0 ? values.scenario : SCENARIOS.map((s) => s.name),
    windows: values.window.length > 0 ? (values.window as QuotaWindow[]) : [...QUOTA_WINDOWS],
    scale: parseCount('scale', values.scale, { allowZero: false }),
    seed: parseCount('seed', values.seed),
    jobs: parseCount('jobs', values.jobs, { allowZero: false }),
    out: values.out,
  };
}
