/**
 * @forge-queue/queued-storage/testing: helpers for tests and benchmarks, not for app code.
 * `seededRandom(seed)` is a deterministic random source for the factories' `random` option (and
 * anything else a seeded run needs), so jitter, ids and clock nodes repeat run after run.
 */
export { seededRandom, type RandomSource } from './random.js';
