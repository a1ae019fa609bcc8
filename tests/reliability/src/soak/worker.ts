import { parentPort, workerData } from 'node:worker_threads';
import { type Shard, runShard } from './shard.js';

/** A soak worker thread: runs its shard and posts progress counts and its final tally. */
const port = parentPort;
if (port === null) throw new Error('soak/worker.js runs as a worker thread of soak.js');
const shard = workerData as Shard;
const tally = await runShard(
  shard,
  (t) => { port.postMessage({ kind: 'progress', histories: t.histories, failed: t.failed }); },
  (line) => { port.postMessage({ kind: 'line', line }); },
);
port.postMessage({ kind: 'done', tally });
