import { parseArgs } from 'node:util';
import { DEFAULT_QUOTAS } from '../quota/meter.js';
import type { Quotas } from '../types.js';

/** `forge-emulator dev <appDir>` options. */
export interface DevCommand {
  appDir: string;
  /** 0 picks a free port. Default 8787. */
  port: number;
  seed: number;
  /** Keep KVS across restarts in `statePath` (default `<appDir>/.forge-emulator/dev-state.json`). */
  persist: boolean;
  statePath: string | undefined;
  source: 'src' | 'dist';
  quotas: Partial<Quotas>;
  /** Reload the app when its src/ or manifest.yml changes. Default true. */
  watch: boolean;
  /** Size of the fixture site: Jira issues and Confluence pages. Default 2,000 each. */
  issues: number;
  pages: number;
}

export const DEV_USAGE = `Usage: forge-emulator dev <appDir> [--port <n>] [--seed <n>] [--no-persist] [--state <file>]
                          [--source src|dist] [--quota <name>=<value>]... [--no-watch]
                          [--issues <n>] [--pages <n>]

Installs the app on a local site and serves, on 127.0.0.1 only: a dashboard (installation, queues,
live attempt log, KVS browser, quota meters, product events, the virtual clock) and the app's Custom UI
pages with a bridge to its resolvers. Reloads the app when src/ or manifest.yml changes.

  --port       port on 127.0.0.1 (default 8787; 0 picks a free one)
  --seed       seed for every random choice (default 1)
  --no-persist start from an empty store and do not save it
  --state      where the store is kept (default <appDir>/.forge-emulator/dev-state.json)
  --source     import handlers from src (TypeScript, default) or dist
  --quota      override a quota: ${Object.keys(DEFAULT_QUOTAS).join(', ')}
  --no-watch   do not reload on file changes
  --issues     issues of the fixture site the app's product REST calls see (default 2000)
  --pages      pages of the fixture site (default 2000)`;

export function parseDevArgs(argv: string[]): DevCommand | 'help' {
  const { values, positionals } = parseArgs({
    // `pnpm run dev -- --no-persist` passes the `--` on.
    args: argv.filter((a) => a !== '--'),
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      'no-persist': { type: 'boolean' },
      state: { type: 'string' },
      source: { type: 'string' },
      quota: { type: 'string', multiple: true },
      'no-watch': { type: 'boolean' },
      issues: { type: 'string' },
      pages: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return 'help';
  const [appDir, ...extra] = positionals;
  if (appDir === undefined || extra.length > 0) throw new TypeError('dev needs exactly one <appDir>');
  const port = values.port === undefined ? 8787 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError('--port must be an integer 0..65535');
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) throw new TypeError('--seed must be a non-negative integer');
  const source = values.source ?? 'src';
  if (source !== 'src' && source !== 'dist') throw new TypeError('--source must be src or dist');
  const quotas: Partial<Quotas> = {};
  for (const item of values.quota ?? []) {
    const [name, value] = item.split('=');
    if (name === undefined || !(name in DEFAULT_QUOTAS) || value === undefined || !(Number(value) > 0)) throw new TypeError(`bad --quota '${item}'`);
    quotas[name as keyof Quotas] = Number(value);
  }
  const count = (name: string, v: string | undefined): number => {
    const n = v === undefined ? 2000 : Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 1_000_000) throw new TypeError(`--${name} must be an integer 0..1000000`);
    return n;
  };
  return { issues: count('issues', values.issues), pages: count('pages', values.pages), appDir, port, seed, persist: values['no-persist'] !== true, statePath: values.state, source, quotas, watch: values['no-watch'] !== true };
}
