import type { RegressionSeed } from '../support/regression-seed.js';

/**
 * Open findings on the library with the issue 10 fixes (lib2 merged): shrunk histories that still
 * break a guarantee, found by `node dist/shrink.js --class <class> --seed <seed>`. Run by
 * vitest.open.config.ts, not CI. Move an entry to test/regressions/seeds.ts once it passes.
 */
export const OPEN_SEEDS: readonly RegressionSeed[] = [
  {
    class: "unreadable-raw",
    seed: 1,
    path: "2157:146:1:3:2:2:1:1:1:3:3:2:21:21:22:22:22",
    exercises: "an event holding only unreadable operations, during a 5-minute 429 storm with a push quota of 2 events/min and 4 retries: neither dead-lettered (KVS throttled) nor re-driven (push quota) before the retry cap; the platform drops it",
    found: ["after drain: unreadable operation (bad-key) h-1wm-installation-0/QSVAL-h-14 pushed but never dead-lettered", "after drain: unreadable operation (not-an-object) h-1wm-installation-0/QSVAL-h-15 pushed but never dead-lettered", "after drain: unreadable operation (null-value) h-1wm-installation-0/QSVAL-h-16 pushed but never dead-lettered"],
    history: "{\"installations\":1,\"ordered\":true,\"direct\":false,\"versionEntity\":true,\"steps\":[{\"installation\":0,\"gapMs\":88455,\"calls\":[{\"kind\":\"setMany\",\"entries\":[[\"c.d_e-f#2\",\"V\"],[\"b:1\",\"V\"],[\"a\",\"V\"]],\"atLagMs\":null},{\"kind\":\"set\",\"key\":\"c.d_e-f#2\",\"value\":\"V\",\"atLagMs\":null}],\"size\":\"tiny\"},{\"installation\":0,\"gapMs\":51689,\"calls\":[{\"kind\":\"set\",\"key\":\"a\",\"value\":\"V\",\"atLagMs\":null}],\"size\":\"tiny\"},{\"installation\":0,\"gapMs\":6,\"calls\":[{\"kind\":\"setMany\",\"entries\":[[\"a\",\"V\"],[\"a\",\"V\"],[\"a\",\"V\"],[\"c.d_e-f#2\",\"JSON\"],[\"g h\",\"V\"]],\"atLagMs\":null},{\"kind\":\"set\",\"key\":\"a\",\"value\":\"V\",\"atLagMs\":null},{\"kind\":\"set\",\"key\":\"g h\",\"value\":\"V\",\"atLagMs\":null}],\"size\":\"small\"},{\"installation\":0,\"gapMs\":31,\"calls\":[{\"kind\":\"set\",\"key\":\"c.d_e-f#2\",\"value\":\"V\",\"atLagMs\":null}],\"size\":\"large\"},{\"installation\":0,\"gapMs\":25178,\"calls\":[{\"kind\":\"raw\",\"ops\":[\"bad-key\",\"not-an-object\",\"null-value\"]}],\"size\":\"large\"},{\"installation\":0,\"gapMs\":27,\"calls\":[{\"kind\":\"delete\",\"key\":\"a\",\"atLagMs\":null},{\"kind\":\"raw\",\"ops\":[\"no-stamp\",\"bad-key\"]},{\"kind\":\"setMany\",\"entries\":[[\"c.d_e-f#2\",\"V\"],[\"g h\",\"V\"],[\"a\",\"V\"]],\"atLagMs\":null}],\"size\":\"tiny\"},{\"installation\":0,\"gapMs\":11,\"calls\":[{\"kind\":\"delete\",\"key\":\"a\",\"atLagMs\":null},{\"kind\":\"batch\",\"writes\":[{\"kind\":\"set\",\"key\":\"g h\",\"value\":\"JSON\",\"atLagMs\":null},{\"kind\":\"delete\",\"key\":\"g h\",\"atLagMs\":null},{\"kind\":\"set\",\"key\":\"a\",\"value\":\"V\",\"atLagMs\":null},{\"kind\":\"delete\",\"key\":\"c.d_e-f#2\",\"atLagMs\":null}]}],\"size\":\"tiny\"},{\"installation\":0,\"gapMs\":15511,\"calls\":[{\"kind\":\"set\",\"key\":\"g h\",\"value\":\"V\",\"atLagMs\":null}],\"size\":\"tiny\"}],\"faults\":{\"seed\":1,\"storms\":[{\"startMs\":149235,\"durationMs\":298248}],\"kvs5xxRate\":0,\"push5xxRate\":0,\"timeoutRate\":0,\"duplicateRate\":0,\"reorder\":false,\"pushPartialFailureRate\":0,\"pushEventsPerMinute\":2,\"maxRetries\":4,\"retentionMs\":null,\"crashes\":[],\"restartAfterStep\":null}}",
  },
];
