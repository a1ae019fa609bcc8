import type { RegressionSeed } from '../support/regression-seed.js';

/**
 * Shrunk histories, one per bug class of issue 10 (src/gen/bug-classes.ts), found by
 * `node dist/shrink.js --class <class> --seed <seed>` on the library before the issue 10 fixes
 * (queued-storage 1.0.0, main at 38ff6ad), all fixed since.
 */
export const REGRESSION_SEEDS: readonly RegressionSeed[] = [
  {
    class: "dead-letter-overwrite",
    seed: 1,
    path: "252:26:0:11:3:0:0:1:0:2:2:0:0:2:0:0:1:0:0:1:0:1:0:1:2:0:2:1:0:1:0:2:0:2:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:1:3:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:4",
    exercises: "permanent failures of one event over several deliveries (no qs-version entity + transient faults): a later dead letter replaces an earlier one",
    found: ["after drain: lost write h-ig-installation-0/b:1: holds absent, model [QSVAL-h-3]", "after replaying dead letters: lost write h-ig-installation-0/b:1: holds absent, model [QSVAL-h-3]"],
    history: "{\"installations\":1,\"ordered\":true,\"direct\":true,\"versionEntity\":false,\"steps\":[{\"installation\":0,\"gapMs\":88434,\"calls\":[{\"kind\":\"batch\",\"writes\":[{\"kind\":\"set\",\"key\":\"b:1\",\"value\":\"JSON\",\"atLagMs\":null},{\"kind\":\"set\",\"key\":\"a\",\"value\":\"JSON\",\"atLagMs\":null},{\"kind\":\"set\",\"key\":\"b:1\",\"value\":\"V\",\"atLagMs\":null}]},{\"kind\":\"set\",\"key\":\"c.d_e-f#2\",\"value\":\"V\",\"atLagMs\":null}],\"size\":\"large\"}],\"faults\":{\"seed\":1,\"storms\":[],\"kvs5xxRate\":0.20546978665515783,\"push5xxRate\":0,\"timeoutRate\":5e-324,\"duplicateRate\":5e-324,\"reorder\":true,\"pushPartialFailureRate\":0,\"pushEventsPerMinute\":null,\"maxRetries\":4,\"retentionMs\":null,\"crashes\":[],\"restartAfterStep\":null}}",
  },
  {
    class: "unreadable-raw",
    seed: 1,
    path: "61:95:3:1:0:5:4:2:3:3:4:4:3:3:3:3:3",
    exercises: "raw unreadable operations on the queue are dead-lettered only in the first life of their event",
    found: ["after drain: unreadable operation (no-stamp) h-65-installation-0/QSVAL-h-2 pushed but never dead-lettered", "after drain: unreadable operation (null-value) h-65-installation-0/QSVAL-h-1 pushed but never dead-lettered"],
    history: "{\"installations\":1,\"ordered\":false,\"direct\":false,\"versionEntity\":true,\"steps\":[{\"installation\":0,\"gapMs\":46,\"calls\":[{\"kind\":\"raw\",\"ops\":[\"null-value\",\"no-stamp\"]},{\"kind\":\"batch\",\"writes\":[{\"kind\":\"set\",\"key\":\"c.d_e-f#2\",\"value\":\"JSON\",\"atLagMs\":null}]},{\"kind\":\"set\",\"key\":\"a\",\"value\":\"V\",\"atLagMs\":null}],\"size\":\"tiny\"},{\"installation\":0,\"gapMs\":108842,\"calls\":[{\"kind\":\"delete\",\"key\":\"a\",\"atLagMs\":null},{\"kind\":\"raw\",\"ops\":[\"bad-key\"]},{\"kind\":\"setMany\",\"entries\":[[\"a\",\"V\"],[\"b:1\",\"JSON\"],[\"g h\",\"V\"]],\"atLagMs\":null}],\"size\":\"tiny\"},{\"installation\":0,\"gapMs\":65392,\"calls\":[{\"kind\":\"deleteMany\",\"keys\":[\"b:1\",\"a\"],\"atLagMs\":null},{\"kind\":\"batch\",\"writes\":[{\"kind\":\"set\",\"key\":\"b:1\",\"value\":\"V\",\"atLagMs\":null},{\"kind\":\"set\",\"key\":\"b:1\",\"value\":\"V\",\"atLagMs\":null},{\"kind\":\"set\",\"key\":\"a\",\"value\":\"V\",\"atLagMs\":null}]},{\"kind\":\"delete\",\"key\":\"a\",\"atLagMs\":null}],\"size\":\"tiny\"},{\"installation\":0,\"gapMs\":47,\"calls\":[{\"kind\":\"set\",\"key\":\"b:1\",\"value\":\"V\",\"atLagMs\":null}],\"size\":\"tiny\"},{\"installation\":0,\"gapMs\":62250,\"calls\":[{\"kind\":\"delete\",\"key\":\"c.d_e-f#2\",\"atLagMs\":null},{\"kind\":\"set\",\"key\":\"a\",\"value\":\"V\",\"atLagMs\":null}],\"size\":\"tiny\"}],\"faults\":{\"seed\":6,\"storms\":[{\"startMs\":0,\"durationMs\":180280}],\"kvs5xxRate\":0,\"push5xxRate\":0,\"timeoutRate\":0,\"duplicateRate\":0,\"reorder\":false,\"pushPartialFailureRate\":0,\"pushEventsPerMinute\":null,\"maxRetries\":4,\"retentionMs\":null,\"crashes\":[],\"restartAfterStep\":null}}",
  },
  {
    class: "unreadable-tojson",
    seed: 1,
    path: "83:50:2:1:1:1:1:1:1:1",
    exercises: "a value whose toJSON nests too deep is acknowledged, then neither applied nor dead-lettered",
    found: ["1 producer call(s) accepted a value whose JSON is nested deeper than KVS allows (must be a typed error at the call)", "after drain: lost write h-4a-installation-0/a: holds QSVAL-h-1, model [object]", "after replaying dead letters: lost write h-4a-installation-0/a: holds QSVAL-h-1, model [object]"],
    history: "{\"installations\":1,\"ordered\":false,\"direct\":true,\"versionEntity\":true,\"steps\":[{\"installation\":0,\"gapMs\":119985,\"calls\":[{\"kind\":\"set\",\"key\":\"a\",\"value\":\"V\",\"atLagMs\":null}],\"size\":\"small\"},{\"installation\":0,\"gapMs\":48130,\"calls\":[{\"kind\":\"batch\",\"writes\":[{\"kind\":\"set\",\"key\":\"b:1\",\"value\":\"V\",\"atLagMs\":null},{\"kind\":\"set\",\"key\":\"g h\",\"value\":\"V\",\"atLagMs\":null}]}],\"size\":\"tiny\"},{\"installation\":0,\"gapMs\":47,\"calls\":[{\"kind\":\"set\",\"key\":\"a\",\"value\":\"DEEP\",\"atLagMs\":null}],\"size\":\"tiny\"}],\"faults\":{\"seed\":1,\"storms\":[{\"startMs\":0,\"durationMs\":600000}],\"kvs5xxRate\":0,\"push5xxRate\":0,\"timeoutRate\":0,\"duplicateRate\":0,\"reorder\":false,\"pushPartialFailureRate\":0,\"pushEventsPerMinute\":null,\"maxRetries\":4,\"retentionMs\":600000,\"crashes\":[],\"restartAfterStep\":null}}",
  },
  {
    class: "tojson-validation",
    seed: 1,
    path: "11:0:0:0:0:1:0:1:1:1:1:1:1:0:0:0:0:0:0:0",
    exercises: "validation checks the object graph, not the JSON stored: a too-deep toJSON result is accepted instead of a typed error",
    found: ["1 producer call(s) accepted a value whose JSON is nested deeper than KVS allows (must be a typed error at the call)"],
    history: "{\"installations\":1,\"ordered\":true,\"direct\":true,\"versionEntity\":true,\"steps\":[{\"installation\":0,\"gapMs\":1,\"calls\":[{\"kind\":\"set\",\"key\":\"a\",\"value\":\"V\",\"atLagMs\":null},{\"kind\":\"setMany\",\"entries\":[[\"a\",\"DEEP\"],[\"a\",\"V\"]],\"atLagMs\":null}],\"size\":\"small\"}],\"faults\":{\"seed\":1,\"storms\":[],\"kvs5xxRate\":0,\"push5xxRate\":0,\"timeoutRate\":0,\"duplicateRate\":0,\"reorder\":false,\"pushPartialFailureRate\":0,\"pushEventsPerMinute\":1,\"maxRetries\":4,\"retentionMs\":null,\"crashes\":[],\"restartAfterStep\":null}}",
  },
  {
    class: "producer-order",
    seed: 1,
    path: "13:0:0:0:0:0:0:0:0:0",
    exercises: "explicit `at` mixed with implicit stamps in one producer (sequential awaits, one batch, same millisecond): an earlier write wins",
    found: ["after drain: lost write (lost to an earlier write of the same producer) h-o-installation-0/a: holds QSVAL-h-1, model [absent]", "after replaying dead letters: lost write (lost to an earlier write of the same producer) h-o-installation-0/a: holds QSVAL-h-1, model [absent]"],
    history: "{\"installations\":1,\"ordered\":true,\"direct\":true,\"versionEntity\":true,\"steps\":[{\"installation\":0,\"gapMs\":1,\"calls\":[{\"kind\":\"setMany\",\"entries\":[[\"a\",\"JSON\"]],\"atLagMs\":1},{\"kind\":\"delete\",\"key\":\"a\",\"atLagMs\":null}],\"size\":\"tiny\"}],\"faults\":{\"seed\":1,\"storms\":[],\"kvs5xxRate\":0,\"push5xxRate\":0,\"timeoutRate\":0,\"duplicateRate\":0,\"reorder\":false,\"pushPartialFailureRate\":0,\"pushEventsPerMinute\":null,\"maxRetries\":4,\"retentionMs\":null,\"crashes\":[],\"restartAfterStep\":null}}",
  },
  {
    class: "reason-leak",
    seed: 1,
    path: "1:0:1:1:1:1:1:1:1:1:0:0:0:0:0",
    exercises: "a dead letter's reason quotes a value's property names (data) instead of positions",
    found: ["1 producer call(s) accepted a value whose JSON is nested deeper than KVS allows (must be a typed error at the call)", "after drain: dead letter 0mjuohs01hhulfjne31h-permanent's reason quotes a stored value or property name", "after replaying dead letters: dead letter 0mjuohs01hhulfjne31h-permanent's reason quotes a stored value or property name"],
    history: "{\"installations\":1,\"ordered\":true,\"direct\":true,\"versionEntity\":true,\"steps\":[{\"installation\":0,\"gapMs\":1,\"calls\":[{\"kind\":\"setMany\",\"entries\":[[\"a\",\"JSON\"]],\"atLagMs\":null},{\"kind\":\"set\",\"key\":\"a\",\"value\":\"DEEP\",\"atLagMs\":null}],\"size\":\"small\"},{\"installation\":0,\"gapMs\":1,\"calls\":[{\"kind\":\"batch\",\"writes\":[{\"kind\":\"set\",\"key\":\"a\",\"value\":\"V\",\"atLagMs\":null}]}],\"size\":\"tiny\"}],\"faults\":{\"seed\":1,\"storms\":[],\"kvs5xxRate\":0,\"push5xxRate\":0,\"timeoutRate\":0,\"duplicateRate\":0,\"reorder\":false,\"pushPartialFailureRate\":0,\"pushEventsPerMinute\":null,\"maxRetries\":4,\"retentionMs\":null,\"crashes\":[],\"restartAfterStep\":0}}",
  },
  {
    class: "unhonoured-429",
    seed: 5,
    path: "323:109:1:1:1:1:1:1:1:2:1:2:2",
    exercises: "an event with unreadable or permanently failing operations during a 429 storm: the consumer keeps calling KVS at the instant of a 429 (dead-letter write after a throttled apply)",
    found: ["1 producer call(s) accepted a value whose JSON is nested deeper than KVS allows (must be a typed error at the call)", "after drain: dead letter 0mjuoo7prtioeanngfeu-permanent's reason quotes a stored value or property name", "after replaying dead letters: dead letter 0mjuoo7prtioeanngfeu-permanent's reason quotes a stored value or property name", "consumer#19 (kvs) kept calling at the same instant after a 429", "consumer#25 (kvs) kept calling at the same instant after a 429", "consumer#32 (kvs) kept calling at the same instant after a 429"],
    history: "{\"installations\":1,\"ordered\":true,\"direct\":false,\"versionEntity\":true,\"steps\":[{\"installation\":0,\"gapMs\":49,\"calls\":[{\"kind\":\"delete\",\"key\":\"g h\",\"atLagMs\":null},{\"kind\":\"set\",\"key\":\"c.d_e-f#2\",\"value\":\"V\",\"atLagMs\":null}],\"size\":\"tiny\"},{\"installation\":0,\"gapMs\":37,\"calls\":[{\"kind\":\"delete\",\"key\":\"g h\",\"atLagMs\":null}],\"size\":\"small\"},{\"installation\":0,\"gapMs\":117643,\"calls\":[{\"kind\":\"batch\",\"writes\":[{\"kind\":\"set\",\"key\":\"c.d_e-f#2\",\"value\":\"V\",\"atLagMs\":null},{\"kind\":\"set\",\"key\":\"b:1\",\"value\":\"V\",\"atLagMs\":null},{\"kind\":\"set\",\"key\":\"g h\",\"value\":\"V\",\"atLagMs\":null},{\"kind\":\"set\",\"key\":\"b:1\",\"value\":\"V\",\"atLagMs\":null}]}],\"size\":\"tiny\"},{\"installation\":0,\"gapMs\":9314,\"calls\":[{\"kind\":\"batch\",\"writes\":[{\"kind\":\"set\",\"key\":\"b:1\",\"value\":\"V\",\"atLagMs\":null},{\"kind\":\"delete\",\"key\":\"b:1\",\"atLagMs\":null},{\"kind\":\"set\",\"key\":\"g h\",\"value\":\"V\",\"atLagMs\":null}]}],\"size\":\"tiny\"},{\"installation\":0,\"gapMs\":38303,\"calls\":[{\"kind\":\"delete\",\"key\":\"b:1\",\"atLagMs\":null},{\"kind\":\"deleteMany\",\"keys\":[\"b:1\"],\"atLagMs\":null},{\"kind\":\"set\",\"key\":\"a\",\"value\":\"V\",\"atLagMs\":null}],\"size\":\"small\"},{\"installation\":0,\"gapMs\":10,\"calls\":[{\"kind\":\"setMany\",\"entries\":[[\"a\",\"V\"],[\"a\",\"DEEP\"],[\"b:1\",\"V\"]],\"atLagMs\":null}],\"size\":\"tiny\"}],\"faults\":{\"seed\":1,\"storms\":[{\"startMs\":0,\"durationMs\":600000}],\"kvs5xxRate\":0,\"push5xxRate\":0,\"timeoutRate\":0,\"duplicateRate\":0,\"reorder\":false,\"pushPartialFailureRate\":0,\"pushEventsPerMinute\":2,\"maxRetries\":4,\"retentionMs\":null,\"crashes\":[],\"restartAfterStep\":null}}",
  },
];
