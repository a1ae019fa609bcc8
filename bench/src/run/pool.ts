import { fork } from 'node:child_process';
import type { RunResult } from '../model/result.js';
import type { WorkerRequest } from './worker.js';

type WorkerMessage = { ok: true; result: RunResult } | { ok: false; error: string };

/** Runs one request in a child process (dist/run/worker.js) and resolves with its result. */
export function runInChild(workerPath: string, request: WorkerRequest): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = fork(workerPath, [JSON.stringify(request)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    child.on('message', (message: WorkerMessage) => {
      settled = true;
      if (message.ok) resolve(message.result);
      else reject(new Error(`${request.scenario}/${request.strategy}/${request.window} failed: ${message.error}`));
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (!settled) reject(new Error(`${request.scenario}/${request.strategy}/${request.window}: worker exited with code ${code ?? 'null'}`));
    });
  });
}

/** Maps `items` through `task` with at most `limit` running at once, keeping input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
