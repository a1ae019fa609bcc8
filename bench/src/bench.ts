import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchText, checkAll } from './benchReport.js';
import { renderBenchHtml } from './report/benchHtml.js';
import { BENCH_USAGE, parseBenchArgs } from './cli/benchArgs.js';
import { UsageError } from './cli/errors.js';
import { formatDuration } from './report/table.js';
import type { StrategyName } from './scenarios/types.js';
import { mapLimit, runInChild } from './run/pool.js';
import type { WorkerRequest } from './run/worker.js';

const STRATEGIES: StrategyName[] = ['baseline', 'library'];

async function main(argv: readonly string[]): Promise<void> {
  const options = parseBenchArgs(argv);
  if (options.help) {
    process.stdout.write(BENCH_USAGE);
    return;
  }
  const workerPath = fileURLToPath(new URL('./run/worker.js', import.meta.url));
  const requests: WorkerRequest[] = options.scenarios.flatMap((scenario) =>
    options.windows.flatMap((window) => STRATEGIES.map((strategy) => ({ scenario, strategy, window, scale: options.scale, seed: options.seed }))),
  );
  const started = performance.now();
  process.stdout.write(`bench: ${requests.length} runs, ${options.jobs} at a time, seed ${options.seed}, scale 1/${options.scale}\n`);
  let done = 0;
  const failures: string[] = [];
  const settled = await mapLimit(requests, options.jobs, async (request) => {
    const label = `${request.scenario}/${request.strategy}/${request.window}`;
    try {
      const result = await runInChild(workerPath, request);
      done += 1;
      process.stdout.write(`  [${done}/${requests.length}] ${label}: ${formatDuration(result.wallMs)} wall\n`);
      return result;
    } catch (error) {
      done += 1;
      failures.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
      process.stdout.write(`  [${done}/${requests.length}] ${label}: FAILED\n`);
      return undefined;
    }
  });
  const results = settled.filter((result) => result !== undefined);
  const checks = checkAll(results);
  const wallMs = performance.now() - started;
  const text = benchText(results, checks);
  process.stdout.write(`\n${text}\nwhole matrix: ${formatDuration(wallMs)} wall\n`);
  // Default: bench/results.json; an explicit --out is relative to where pnpm was started.
  const out = options.out === undefined ? fileURLToPath(new URL('../results.json', import.meta.url)) : resolve(process.env.INIT_CWD ?? process.cwd(), options.out);
  const command = `pnpm bench${argv.length > 0 ? ` -- ${argv.filter((a) => a !== '--').join(' ')}` : ''}`;
  const json = { generatedAt: new Date().toISOString(), command, seed: options.seed, scale: options.scale, windows: options.windows, node: process.version, cpus: availableParallelism(), wallMs, results, checks, failures };
  await writeFile(out, `${JSON.stringify(json, null, 2)}\n`);
  // The HTML report beside it: results.json -> results.html.
  const html = `${out.replace(/\.json$/, '')}.html`;
  await writeFile(html, renderBenchHtml({ generatedAt: json.generatedAt, command, results, checks, text }));
  process.stdout.write(`results written to ${out} and ${html}\n`);
  if (failures.length > 0) {
    process.stderr.write(`\n${failures.length} run(s) failed:\n${failures.join('\n')}\n`);
    process.exitCode = 1;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n\n${BENCH_USAGE}`);
    process.exitCode = 2;
    return;
  }
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
