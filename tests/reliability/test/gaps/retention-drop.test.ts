import { expect, test } from 'vitest';
import { VALUE_PLACEHOLDER, type History } from '../../src/gen/history.js';
import { captureConsole } from '../../src/run/console.js';
import { runHistory } from '../../src/run/runHistory.js';
import { lostInDroppedEvents } from '../../src/run/platform-drops.js';
import { violations } from '../../src/run/verdict.js';

/**
 * Regression test for gap G1's retention form, found by the generated suite (seed 20261128, path
 * 85:106:1:2:1:2:1:1:1:1:2:6:2:1:2:2:2:2, shrunk): an 11-minute 429 storm from t=0, a 10-minute
 * retention window, ordered mode, direct path on. Re-driven events carry no retryContext on their
 * first delivery; the consumer assumed a 24 h window, asked for a 12-minute retry and the platform
 * dropped the event at retention: the newest write to `a` was lost. Fixed in queued-storage 04b9d39
 * (the consumer learns the window from retries); this test fails if it comes back.
 */
const V = VALUE_PLACEHOLDER;
const history: History = {"installations": 2, "ordered": true, "direct": true, "steps": [{"installation": 1, "gapMs": 8, "calls": [{"kind": "setMany", "entries": [["b:1", V], ["g h", V], ["g h", V]]}], "size": "tiny"}, {"installation": 0, "gapMs": 11, "calls": [{"kind": "setMany", "entries": [["g h", V], ["a", V]]}], "size": "small"}, {"installation": 1, "gapMs": 50386, "calls": [{"kind": "set", "key": "c.d_e-f#2", "value": V}], "size": "tiny"}, {"installation": 0, "gapMs": 108798, "calls": [{"kind": "setMany", "entries": [["g h", V], ["g h", V]]}], "size": "large"}, {"installation": 0, "gapMs": 16403, "calls": [{"kind": "set", "key": "g h", "value": V}], "size": "tiny"}, {"installation": 1, "gapMs": 45, "calls": [{"kind": "setMany", "entries": [["c.d_e-f#2", V], ["g h", V], ["g h", V], ["a", V], ["a", V], ["g h", V], ["b:1", V]]}], "size": "small"}], "versionEntity": true, "faults": {"seed": 1, "storms": [{"startMs": 0, "durationMs": 661022}], "kvs5xxRate": 0, "push5xxRate": 0, "timeoutRate": 0, "duplicateRate": 0, "reorder": false, "pushPartialFailureRate": 0, "pushEventsPerMinute": undefined, "maxRetries": 4, "retentionMs": 600000, "crashes": [], "restartAfterStep": undefined}};

test('a 429 storm longer than a short retention window loses no write and the platform drops no event', async () => {
  const capture = captureConsole();
  try {
    const report = await runHistory(history);
    expect(report.dropped).toEqual({});
    expect(lostInDroppedEvents(report)).toEqual([]);
    expect(violations(report)).toEqual([]);
  } finally {
    capture.restore();
  }
});
