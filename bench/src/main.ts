// First: Math.random must be seedable before any module keeps a reference to it.
import { seedMathRandom } from './run/seedMathRandom.js';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { MAIN_USAGE, parseMainArgs, type MainOptions } from './cli/mainArgs.js';
import { UsageError } from './cli/errors.js';
import { runMainJob, type AppRun } from './mainJob.js';
import { captureConsole } from './run/captureConsole.js';
import { renderHtmlReport } from './report/html.js';
import { Progress } from './report/progress.js';
import { formatDuration, formatNumber, formatTable } from './report/table.js';
import { writeReport } from './report/writeReport.js';

function summary(runs: readonly AppRun[]): string {
  const rows: Array<[string, (run: AppRun) => string]> = [
    ['writes requested', (r) => formatNumber(r.result.requested)],
    ['applied', (r) => formatNumber(r.result.applied)],
    ['dead-lettered', (r) => formatNumber(r.result.deadLettered)],
    ['lost', (r) => formatNumber(r.result.lost)],
    ['stale keys', (r) => formatNumber(r.result.staleKeys)],
    ['KVS requests', (r) => formatNumber(r.result.kvsRequests)],
    ['KVS 10 KB units (r+w)', (r) => formatNumber(r.result.kvsUnits)],
    ['pushes', (r) => formatNumber(r.result.pushes)],
    ['invocations', (r) => formatNumber(r.result.invocations)],
    ['GB-seconds', (r) => formatNumber(r.result.gbSeconds, 2)],
    ['retries', (r) => formatNumber(r.result.retries)],
    ['virtual time to drain', (r) => formatDuration(r.result.drainMs)],
    ['peak write units/min', (r) => `${formatNumber(r.result.peakWriteUnitsPerMinute)} / ${formatNumber(r.result.writeUnitsQuota)}`],
    ['wall time', (r) => formatDuration(r.result.wallMs)],
  ];
  return formatTable(
    [{ header: '', cell: (row: (typeof rows)[number]) => row[0], align: 'left' }, ...runs.map((run) => ({ header: run.name, cell: (row: (typeof rows)[number]) => row[1](run) }))],
    rows,
  );
}

function parameters(options: MainOptions): Record<string, string> {
  return {
    'Jira issues': formatNumber(options.issues),
    'Confluence pages': formatNumber(options.pages),
    'arrival window': formatDuration(options.windowMs),
    seed: String(options.seed),
    quotas: Object.entries(options.quotas).map(([name, value]) => `${name}=${value}`).join(', '),
    faults: Object.keys(options.faults).length === 0 ? 'none' : JSON.stringify(options.faults),
  };
}

async function main(argv: readonly string[]): Promise<void> {
  const options = parseMainArgs(argv);
  if (options.help) {
    process.stdout.write(MAIN_USAGE);
    return;
  }
  process.stdout.write(`Running jira-app (${options.issues} issues) and confluence-app (${options.pages} pages) on the emulator, seed ${options.seed}\n`);
  seedMathRandom(options.seed);
  const progress = new Progress(process.stdout);
  const appConsole = captureConsole();
  // Each issue and each page asks for two writes (its record and the most-recent key).
  const total = 2 * (options.issues + options.pages);
  const runs = await runMainJob(options, (elapsed, subjects) => {
    const pending = subjects.reduce((sum, s) => sum + (s.samples.at(-1)?.pendingWrites ?? 0), 0);
    const applied = subjects.reduce((sum, s) => sum + s.log.requested, 0) - pending;
    const depth = subjects.reduce((sum, s) => sum + (s.samples.at(-1)?.queueDepth ?? 0), 0);
    progress.update(total === 0 ? 1 : applied / total, `virtual ${formatDuration(elapsed)} | applied ${applied}/${total} | queue ${depth} | pending ${pending}`);
  }).finally(() => {
    appConsole.restore();
  });
  progress.done('drained');
  process.stdout.write(`\n${summary(runs)}\n`);
  for (const run of runs) for (const note of run.result.notes) process.stdout.write(`note ${run.name}: ${note}\n`);
  const generatedAt = new Date();
  const html = renderHtmlReport({
    title: 'forge-queue: both apps under bulk load',
    generatedAt,
    parameters: parameters(options),
    apps: runs,
    writeUnitsQuota: options.quotas.kvsWriteUnitsPerMinute,
  });
  const base = process.env.INIT_CWD ?? process.cwd();
  const paths = await writeReport(resolve(base, options.out), html, generatedAt);
  const logFile = paths.run.replace(/\.html$/, '.log');
  await writeFile(logFile, appConsole.text());
  process.stdout.write(`\nreport: ${paths.run}\n        ${paths.latest}\napp logs (${appConsole.lines()} lines): ${logFile}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n\n${MAIN_USAGE}`);
    process.exitCode = 2;
    return;
  }
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
