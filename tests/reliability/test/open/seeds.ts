import type { RegressionSeed } from '../support/regression-seed.js';

/**
 * Open findings on the library with the issue 10 fixes and the retry-cap / re-drive-room fixes: shrunk histories that still
 * break a guarantee, found by `node dist/shrink.js --class <class> --seed <seed>`. Run by
 * vitest.open.config.ts, not CI. Move an entry to test/regressions/seeds.ts once it passes.
 */
export const OPEN_SEEDS: readonly RegressionSeed[] = [];
