import { parseArgs } from 'node:util';
import type { Quotas } from '../types.js';
import { DEFAULT_QUOTAS } from '../quota/meter.js';

export interface RunCommand {
  appDir: string;
  eventsFile: string | undefined;
  generate: { eventType: string; count: number; windowSeconds: number } | undefined;
  seed: number;
  quotas: Partial<Quotas>;
  realTime: boolean;
  source: 'src' | 'dist' | undefined;
  /** Clock seconds to run on after the events drained (scheduled triggers fire). */
  runForSeconds: number | undefined;
  /** Module types to load inert (`loadApp`'s `acceptModules`). */
  acceptModules: string[];
  /** Let functions reach any host (the emulator's `egress: 'allow-all'`). */
  allowEgress: boolean;
}

export const USAGE = `Usage: forge-emulator run <appDir> (--events <file.json|file.ndjson> | --generate <eventType>:<count>[:<windowSeconds>])
                          [--seed <n>] [--quota <name>=<value>]... [--real-time] [--source src|dist]
                          [--run-for <seconds>] [--accept <moduleType>[,<moduleType>...]]... [--allow-egress]

Runs a Forge app folder (manifest.yml) on the local emulator, fires the product events, delivers
everything (virtual clock unless --real-time) and prints a summary of the metering.

  --events     JSON array or NDJSON of { "eventType": "...", "payload": {...}, "atSeconds"?: n }
  --generate   synthetic events, e.g. avi:jira:created:issue:1000:60 (1000 issues over 60 s)
  --seed       seed for every random choice (default 1)
  --quota      override a quota: ${Object.keys(DEFAULT_QUOTAS).join(', ')}
  --real-time  use the wall clock instead of the virtual clock
  --source     import handlers from src (TypeScript, via tsx) or dist (default: dist if present)
  --run-for    after the events drain, run the clock this many seconds more (scheduled triggers fire)
  --accept     load these module types inert instead of refusing the app (e.g. devops:buildInfoProvider)
  --allow-egress  let functions reach hosts the manifest does not declare (by default they get 403,
               as behind Forge's egress proxy; permissions.external.fetch.backend)
  --help       this text`;

/** Parses argv (without node and script); throws TypeError with a message for the user. */
export function parseCli(argv: string[]): RunCommand | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      events: { type: 'string' },
      generate: { type: 'string' },
      seed: { type: 'string' },
      quota: { type: 'string', multiple: true },
      'real-time': { type: 'boolean' },
      source: { type: 'string' },
      'run-for': { type: 'string' },
      accept: { type: 'string', multiple: true },
      'allow-egress': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true || positionals.length === 0) return 'help';
  const [command, appDir] = positionals;
  if (command !== 'run' || appDir === undefined) throw new TypeError(`unknown command '${positionals.join(' ')}'`);
  if ((values.events === undefined) === (values.generate === undefined)) throw new TypeError('give exactly one of --events or --generate');
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) throw new TypeError('--seed must be a non-negative integer');
  const runFor = values['run-for'] === undefined ? undefined : Number(values['run-for']);
  if (runFor !== undefined && !(runFor >= 0)) throw new TypeError('--run-for must be a number of seconds >= 0');
  if (values.source !== undefined && values.source !== 'src' && values.source !== 'dist') throw new TypeError('--source must be src or dist');
  return {
    appDir,
    eventsFile: values.events,
    generate: values.generate === undefined ? undefined : parseGenerate(values.generate),
    seed,
    quotas: parseQuotas(values.quota ?? []),
    realTime: values['real-time'] === true,
    source: values.source,
    runForSeconds: runFor,
    acceptModules: (values.accept ?? []).flatMap((a) => a.split(',')).map((a) => a.trim()).filter((a) => a !== ''),
    allowEgress: values['allow-egress'] === true,
  };
}

function parseGenerate(spec: string): NonNullable<RunCommand['generate']> {
  // The event type itself contains colons (avi:jira:created:issue): count and window are the trailing numbers.
  const parts = spec.split(':');
  const nums: number[] = [];
  while (parts.length > 1 && /^\d+$/.test(parts[parts.length - 1] ?? '') && nums.length < 2) nums.unshift(Number(parts.pop()));
  const [count, windowSeconds = 0] = nums;
  if (count === undefined || count < 1) throw new TypeError(`--generate needs <eventType>:<count>[:<windowSeconds>], got '${spec}'`);
  return { eventType: parts.join(':'), count, windowSeconds };
}

function parseQuotas(items: string[]): Partial<Quotas> {
  const out: Partial<Quotas> = {};
  for (const item of items) {
    const [name, value] = item.split('=');
    if (name === undefined || !(name in DEFAULT_QUOTAS) || value === undefined || !(Number(value) > 0)) throw new TypeError(`bad --quota '${item}'`);
    out[name as keyof Quotas] = Number(value);
  }
  return out;
}
