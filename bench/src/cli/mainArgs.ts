import { parseArgs } from 'node:util';
import { DEFAULT_QUOTAS, type Quotas } from '../model/quotas.js';
import type { FaultSpec } from '../scenarios/types.js';
import { UsageError } from './errors.js';
import { FAULT_HELP, parseCount, parseDuration, parseFaults, parseQuotas } from './parsers.js';

export interface MainOptions {
  help: boolean;
  issues: number;
  pages: number;
  windowMs: number;
  quotas: Quotas;
  faults: FaultSpec;
  seed: number;
  out: string;
}

export const MAIN_USAGE = `Usage: pnpm start [-- options]

Runs the Jira and Confluence apps (built dist/) on the Forge emulator's virtual clock under a
bulk load, prints a summary per app and writes an HTML report.

Options:
  --issues <n>          Jira issues created (default 5000)
  --pages <n>           Confluence pages created (default 1000)
  --window <duration>   time over which they are created, e.g. 60s, 2m (default 60s)
  --quota name=value    override a per-installation quota (repeatable); names and defaults:
${Object.entries(DEFAULT_QUOTAS).map(([name, value]) => `                          ${name}=${value}`).join('\n')}
  --fault name=p        inject a seeded fault with probability p (repeatable): ${FAULT_HELP}
  --seed <n>            seed for the emulator, the load and Math.random (default 1)
  --out <dir>           report folder (default reports); writes run-<timestamp>.html and latest.html
  -h, --help            show this help
`;

export function parseMainArgs(argv: readonly string[]): MainOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv.filter((arg) => arg !== '--'),
      options: {
        help: { type: 'boolean', short: 'h', default: false },
        issues: { type: 'string', default: '5000' },
        pages: { type: 'string', default: '1000' },
        window: { type: 'string', default: '60s' },
        quota: { type: 'string', multiple: true, default: [] },
        fault: { type: 'string', multiple: true, default: [] },
        seed: { type: 'string', default: '1' },
        out: { type: 'string', default: 'reports' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  const { values } = parsed;
  return {
    help: values.help,
    issues: parseCount('issues', values.issues),
    pages: parseCount('pages', values.pages),
    windowMs: parseDuration('window', values.window),
    quotas: { ...DEFAULT_QUOTAS, ...parseQuotas(values.quota) },
    faults: parseFaults(values.fault),
    seed: parseCount('seed', values.seed),
    out: values.out,
  };
}
